import { TestingModule } from '@nestjs/testing';
import { PrismaService } from '@tokenshift/db';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { sessionTestModule } from './session-test-module';

/** Password logins with Jira's lock-out rules, on the embedded database. */
describe('LoginService (PGlite)', () => {
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let logins: LoginService;

  const createUser = async (name: string, data: { active?: boolean; emailVerified?: boolean } = {}) =>
    prisma.user.create({
      data: { name, email: `${name}@Example.com`, displayName: name, emailVerified: true, passwordHash: await moduleRef.get(PasswordHasher).hash(`${name}-password`), ...data },
    });

  beforeAll(async () => {
    moduleRef = await sessionTestModule();
    prisma = moduleRef.get(PrismaService);
    logins = moduleRef.get(LoginService);
  }, 180_000);
  afterAll(async () => {
    await moduleRef?.close();
  });

  it('logs in by name or by email in any case, with a live session and Jira login counters', async () => {
    const user = await createUser('ada');
    const first = await logins.login('ada', 'ada-password', { userAgent: 'test' });
    if (first.outcome !== 'ok') throw new Error(first.outcome);
    expect(first.user).toEqual({ id: user.id, name: 'ada', email: 'ada@Example.com', displayName: 'ada', isAdmin: false, active: true });
    expect(first.loginInfo).toMatchObject({ loginCount: 1, failedLoginCount: 0 });
    expect(first.loginInfo.previousLoginTime ?? null).toBeNull();
    expect(await moduleRef.get(SessionService).resolve(first.sessionId)).toMatchObject({ userId: user.id, authMode: 'session' });
    const second = await logins.login('ADA@example.COM', 'ada-password', {});
    if (second.outcome !== 'ok') throw new Error(second.outcome);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(second.loginInfo.loginCount).toBe(2);
    expect(second.loginInfo.previousLoginTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/);
    expect(await logins.loginInfoFor(user.id)).toEqual(second.loginInfo);
  });

  it('answers a wrong password, an unknown and an inactive user alike, and counts the failure', async () => {
    await createUser('bob');
    await createUser('cy', { active: false });
    expect(await logins.login('bob', 'wrong', {})).toEqual({ outcome: 'failed' });
    expect(await logins.login('nobody', 'bob-password', {})).toEqual({ outcome: 'failed' });
    expect(await logins.login('cy', 'cy-password', {})).toEqual({ outcome: 'failed' });
    expect(await logins.login('bo\u0000b', 'bob-password', {})).toEqual({ outcome: 'failed' });
    const bob = await prisma.user.findUniqueOrThrow({ where: { name: 'bob' } });
    expect(bob).toMatchObject({ failedLoginCount: 1, failedLoginStreak: 1 });
    expect(bob.lastFailedLoginAt).toBeInstanceOf(Date);
  });

  it('denies after the configured failures in a row, even the right password, until the lock-out is reset', async () => {
    await createUser('dee');
    for (let i = 0; i < 3; i++) expect(await logins.login('dee', 'wrong', {})).toEqual({ outcome: 'failed' });
    const denied = await logins.login('dee', 'dee-password', {});
    expect(denied).toEqual({ outcome: 'denied', user: { name: 'dee' }, lockedUntil: expect.any(Date) });
    // The first lock lasts the first back-off step (1 minute by default), from the third failure.
    const lockedFor = denied.outcome === 'denied' ? denied.lockedUntil.getTime() - Date.now() : 0;
    expect(lockedFor).toBeGreaterThan(50_000);
    expect(lockedFor).toBeLessThanOrEqual(60_000);
    expect(await logins.lockEndFor('DEE@example.com')).toEqual(denied.outcome === 'denied' ? denied.lockedUntil : null);
    expect((await logins.authenticatePassword('dee', 'dee-password')).outcome).toBe('denied');
    expect(await logins.resetLockout('dee')).toBe(true);
    expect(await logins.resetLockout('nobody')).toBe(false);
    expect((await logins.login('dee', 'dee-password', {})).outcome).toBe('ok');
  });

  it('counts a right password as no failure: the failure counted before the check is taken back', async () => {
    await createUser('hal');
    expect(await logins.login('hal', 'wrong', {})).toEqual({ outcome: 'failed' });
    const failed = await prisma.user.findUniqueOrThrow({ where: { name: 'hal' } });
    expect((await logins.login('hal', 'hal-password', {})).outcome).toBe('ok');
    const after = await prisma.user.findUniqueOrThrow({ where: { name: 'hal' } });
    expect(after).toMatchObject({ failedLoginCount: 1, failedLoginStreak: 0, lockedUntil: null, lockoutCount: 0, lastFailedLoginAt: failed.lastFailedLoginAt });
  });

  it('grows nothing for names without an account: each wrong password is one write to a fixed decoy row, none once locked', async () => {
    const before = await prisma.user.findMany({ orderBy: { id: 'asc' } });
    const decoyFailures = async () => ({ rows: await prisma.loginDecoy.count(), failures: (await prisma.loginDecoy.aggregate({ _sum: { failedLoginCount: true } }))._sum.failedLoginCount });
    const decoysBefore = await decoyFailures();
    for (let i = 0; i < 5; i++) expect(await logins.login(`ghost-${i}`, 'wrong', {})).toEqual({ outcome: 'failed' });
    expect(await decoyFailures()).toEqual({ rows: 64, failures: decoysBefore.failures! + 5 });
    // ghost-0 reaches the limit (3) with two more, and is then refused unchecked, writing nothing, as a locked account.
    for (let i = 0; i < 2; i++) await logins.login('ghost-0', 'wrong', {});
    expect(await logins.login('ghost-0', 'wrong', {})).toMatchObject({ outcome: 'denied', user: { name: 'ghost-0' } });
    expect(await decoyFailures()).toEqual({ rows: 64, failures: decoysBefore.failures! + 7 });
    expect(await prisma.user.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('resets the failure streak on a success', async () => {
    await createUser('eve');
    await logins.login('eve', 'wrong', {});
    await logins.login('eve', 'wrong', {});
    expect((await logins.login('eve', 'eve-password', {})).outcome).toBe('ok');
    expect((await prisma.user.findUniqueOrThrow({ where: { name: 'eve' } })).failedLoginStreak).toBe(0);
  });

  it('tells an unverified email only to the right password', async () => {
    await createUser('fay', { emailVerified: false });
    expect(await logins.login('fay', 'wrong', {})).toEqual({ outcome: 'failed' });
    expect(await logins.login('fay', 'fay-password', {})).toEqual({ outcome: 'unverified' });
  });

  it('checks a password for password Basic without opening a session', async () => {
    const user = await createUser('gus');
    const before = await prisma.session.count({ where: { userId: user.id } });
    expect(await logins.authenticatePassword('gus', 'gus-password')).toMatchObject({ outcome: 'ok', user: { id: user.id, name: 'gus' } });
    expect(await logins.authenticatePassword('gus', 'nope')).toEqual({ outcome: 'failed' });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(before);
  });
});
