import { Test, TestingModule } from '@nestjs/testing';
import { AuthCoreModule } from '@tokenshift/auth-core';
import { DbModule, PrismaService } from '@tokenshift/db';
import { ApiTokenModule } from './api-token.module';
import { ApiTokenService } from './api-token.service';
import { hashApiToken, hasTokenShape } from './token-format';

/** Token lifecycle and lookup on the embedded database: hashed at rest, refused when revoked, expired or its user inactive. */
describe('ApiTokenService (PGlite)', () => {
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let tokens: ApiTokenService;
  let userId: string;

  const newUser = async (name: string) => (await prisma.user.create({ data: { name, email: `${name}@Example.com`, displayName: name } })).id;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot({ url: 'pglite:memory' }), AuthCoreModule, ApiTokenModule] }).compile();
    await moduleRef.init();
    prisma = moduleRef.get(PrismaService);
    tokens = moduleRef.get(ApiTokenService);
    userId = await newUser('ada');
  }, 180_000);
  afterAll(async () => {
    await moduleRef?.close();
  });

  it('mints a token shown once: only its hash is stored, and lists show a preview', async () => {
    const created = await tokens.create({ userId, name: 'ci' });
    expect(hasTokenShape(created.token)).toBe(true);
    expect(created).toMatchObject({ name: 'ci', preview: `${created.token.slice(0, 8)}…`, scopes: ['read', 'write'], expiresAt: null, revokedAt: null });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } })).tokenHash).toBe(hashApiToken(created.token));
    const listed = (await tokens.list(userId)).find((token) => token.id === created.id);
    expect(Object.keys(listed ?? {}).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'preview', 'revokedAt', 'scopes']);
  });

  it('authenticates Bearer and Basic (by email in any case, or by name) with the token scopes', async () => {
    const { token, id } = await tokens.create({ userId, name: 'read-only', scopes: ['read'] });
    expect(await tokens.authenticate(token, 'bearer-token')).toEqual({
      userId,
      name: 'ada',
      email: 'ada@Example.com',
      displayName: 'ada',
      isAdmin: false,
      authMode: 'bearer-token',
      scopes: ['read'],
      credentialId: id,
    });
    for (const login of ['ada@Example.com', 'ADA@example.com', 'ada']) expect(await tokens.authenticate(token, 'basic-token', login)).toMatchObject({ authMode: 'basic-token' });
    expect(await tokens.authenticate(token, 'basic-token', 'someone@example.com')).toBeNull();
  });

  it('refuses malformed tokens and near misses of a real one', async () => {
    const { token } = await tokens.create({ userId, name: 'near-miss' });
    const otherChecksum = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const candidate of ['', 'tsk_', 'password', otherChecksum, `${token}x`]) expect(await tokens.authenticate(candidate, 'bearer-token')).toBeNull();
  });

  it('answers from the cache once the row is loaded, and junk from memory', async () => {
    const { token } = await tokens.create({ userId, name: 'cached' });
    const now = new Date();
    expect(tokens.authenticateCached(token, 'bearer-token', undefined, now)).toBeUndefined();
    const principal = await tokens.authenticate(token, 'bearer-token');
    expect(tokens.authenticateCached(token, 'bearer-token', undefined, now)).toBe(principal);
    expect(tokens.authenticateCached(token, 'basic-token', 'someone-else', now)).toBeNull();
    expect(tokens.authenticateCached('tsk_junk', 'bearer-token', undefined, now)).toBeNull();
  });

  it('refuses a revoked token at once, even a cached one, and revokes only live tokens of their owner', async () => {
    const { token, id } = await tokens.create({ userId, name: 'revoked' });
    await tokens.authenticate(token, 'bearer-token');
    expect(await tokens.revoke(await newUser('mallory'), id)).toBe(false);
    expect(await tokens.revoke(userId, id)).toBe(true);
    expect(tokens.authenticateCached(token, 'bearer-token', undefined, new Date())).toBeUndefined();
    expect(await tokens.authenticate(token, 'bearer-token')).toBeNull();
    expect(await tokens.revoke(userId, id)).toBe(false);
  });

  it('refuses an expired token and a token of an inactive user', async () => {
    const expired = await tokens.create({ userId, name: 'expired', expiresAt: new Date(Date.now() + 60_000) });
    expect(await tokens.authenticate(expired.token, 'bearer-token')).not.toBeNull();
    expect(await tokens.authenticate(expired.token, 'bearer-token', undefined, new Date(Date.now() + 120_000))).toBeNull();
    const inactive = await newUser('ivy');
    const { token } = await tokens.create({ userId: inactive, name: 'dormant' });
    await prisma.user.update({ where: { id: inactive }, data: { active: false } });
    expect(await tokens.authenticate(token, 'bearer-token')).toBeNull();
  });

  it('revokes every live token of a name', async () => {
    const owner = await newUser('nia');
    const first = await tokens.create({ userId: owner, name: 'laptop' });
    await tokens.create({ userId: owner, name: 'laptop' });
    await tokens.create({ userId: owner, name: 'other' });
    expect(await tokens.revokeByName(owner, 'laptop')).toBe(2);
    expect(await tokens.authenticate(first.token, 'bearer-token')).toBeNull();
  });

  it('notes the last use, off the request path', async () => {
    const { token, id } = await tokens.create({ userId, name: 'used' });
    await tokens.authenticate(token, 'bearer-token');
    let lastUsedAt: Date | null = null;
    for (let i = 0; i < 100 && !lastUsedAt; i++) {
      lastUsedAt = (await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lastUsedAt).toBeInstanceOf(Date);
  });
});
