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
    const sample = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      await fn();
      return performance.now() - start;
    };
    // Alternate the two cases and compare medians, so load on the machine affects both alike.
    const unknownUser: number[] = [];
    const wrongPassword: number[] = [];
    for (let i = 0; i < 15; i++) {
      unknownUser.push(await sample(() => hasher.verify(null, 'guess')));
      wrongPassword.push(await sample(() => hasher.verify(stored, 'guess')));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(unknownUser) / median(wrongPassword);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
