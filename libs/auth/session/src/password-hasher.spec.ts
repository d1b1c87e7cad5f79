import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('stores an Argon2id hash with the OWASP parameters, salted per hash', async () => {
    const first = await hasher.hash('correct horse');
    const second = await hasher.hash('correct horse');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('accepts the right password and rejects a wrong one', async () => {
    const stored = await hasher.hash('correct horse');
    await expect(hasher.verify(stored, 'correct horse')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'correct horsf')).resolves.toBe(false);
  });

  it('rejects when there is no stored hash or it is corrupt, without throwing', async () => {
    await expect(hasher.verify(null, 'anything')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'anything')).resolves.toBe(false);
  });

  it('takes about as long for an unknown user as for a wrong password', async () => {
    const stored = await hasher.hash('correct horse');
    await hasher.verify(null, 'warm-up');
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 5; i++) await fn();
      return performance.now() - start;
    };
    const unknownUser = await time(() => hasher.verify(null, 'guess'));
    const wrongPassword = await time(() => hasher.verify(stored, 'guess'));
    expect(unknownUser / wrongPassword).toBeGreaterThan(0.5);
    expect(unknownUser / wrongPassword).toBeLessThan(2);
  });
});
