import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, DEMO_PASSWORD, login, LoginResponse, RunningServer, startServer } from '@tokenshift/testing';

/**
 * The CAPTCHA lock-out under real concurrency: bursts of guesses for one user, split across two
 * server instances on one PostgreSQL database. The server reserves a try (streak + 1, only while
 * under the limit) before it checks a password, so however the requests interleave, at most
 * MAX_FAILED_LOGINS wrong passwords are checked in a row, and a locked account stays locked.
 */
const MAX_FAILED_LOGINS = 3;
const BURST = 20;

interface Counters {
  failedLoginCount: number;
  failedLoginStreak: number;
  loginCount: number;
}

type Outcome = 'ok' | 'failed' | 'denied';

/** Classifies a login answer strictly: each outcome has exactly Jira's status, headers and body. */
function outcomeOf(response: LoginResponse): Outcome {
  const reason = response.headers.get('x-seraph-loginreason');
  if (response.status === 200 && reason === 'OK') return 'ok';
  if (response.status === 401 && reason === 'AUTHENTICATED_FAILED') {
    expect(response.body).toEqual({ errorMessages: ['Login failed'], errors: {} });
    return 'failed';
  }
  if (response.status === 403 && reason === 'AUTHENTICATION_DENIED') {
    expect(response.body).toEqual({ errorMessages: ['Login denied'], errors: {} });
    expect(response.headers.get('x-authentication-denied-reason')).toMatch(/^CAPTCHA_CHALLENGE; login-url=/);
    return 'denied';
  }
  throw new Error(`unexpected login answer ${response.status} ${reason} ${JSON.stringify(response.body)}`);
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { ok: 0, failed: 0, denied: 0 };
  for (const outcome of outcomes) counts[outcome]++;
  return counts;
}

describe('lock-out under concurrent guesses on two instances (PostgreSQL)', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let adminToken: string;

  beforeAll(async () => {
    database = await createPostgresTestDatabase('e2e_lockout_race');
    const env = { DATABASE_URL: database.url, MAX_FAILED_LOGINS: String(MAX_FAILED_LOGINS), ALLOW_PASSWORD_BASIC: 'true' };
    a = await startServer({ ...env, DEMO_DATA: 'true' });
    b = await startServer(env);
    adminToken = a.demoToken()!;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  /** A new verified user with the demo password, so each test starts from a clean streak. */
  async function newUser(name: string): Promise<string> {
    await queryRows(
      database.url,
      `INSERT INTO "User" (id, name, email, "displayName", "emailVerified", "passwordHash", "updatedAt")
       SELECT gen_random_uuid(), $1, $1 || '@example.com', $1, true, "passwordHash", now() FROM "User" WHERE name = 'alice'`,
      [name],
    );
    return name;
  }

  async function counters(name: string): Promise<Counters> {
    const [row] = await queryRows<Counters>(database.url, `SELECT "failedLoginCount", "failedLoginStreak", "loginCount" FROM "User" WHERE name = $1`, [name]);
    return row!;
  }

  /** Fires every login at once, alternating instances, and waits for all answers. */
  function burst(username: string, passwords: string[]): Promise<LoginResponse[]> {
    return Promise.all(passwords.map((password, i) => login((i % 2 ? b : a).url, username, password)));
  }

  it(`checks at most ${MAX_FAILED_LOGINS} of ${BURST} concurrent wrong passwords, then refuses the right one on both instances`, async () => {
    const user = await newUser('race-wrong');
    const outcomes = (await burst(user, Array.from({ length: BURST }, (_, i) => `wrong-${i}`))).map(outcomeOf);
    expect(tally(outcomes)).toEqual({ ok: 0, failed: MAX_FAILED_LOGINS, denied: BURST - MAX_FAILED_LOGINS });
    // failedLoginCount grows only after a password was actually checked and found wrong.
    expect(await counters(user)).toEqual({ failedLoginCount: MAX_FAILED_LOGINS, failedLoginStreak: MAX_FAILED_LOGINS, loginCount: 0 });
    for (const server of [a, b]) expect(outcomeOf(await login(server.url, user, DEMO_PASSWORD))).toBe('denied');
    expect((await counters(user)).loginCount).toBe(0);
  });

  it('refuses the right password sent while a burst of wrong ones is still being checked', async () => {
    const user = await newUser('race-late-right');
    const wrong = burst(user, Array.from({ length: BURST }, (_, i) => `wrong-${i}`));
    // The tries are reserved before the (slow, memory-hard) password checks: wait for the limit to be
    // taken in the database, then send the right password to both instances while checks still run.
    const deadline = Date.now() + 10_000;
    while ((await counters(user)).failedLoginStreak < MAX_FAILED_LOGINS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const right = await burst(user, Array.from({ length: 10 }, () => DEMO_PASSWORD));
    expect(tally(right.map(outcomeOf))).toEqual({ ok: 0, failed: 0, denied: 10 });
    expect(tally((await wrong).map(outcomeOf))).toEqual({ ok: 0, failed: MAX_FAILED_LOGINS, denied: BURST - MAX_FAILED_LOGINS });
    expect(await counters(user)).toEqual({ failedLoginCount: MAX_FAILED_LOGINS, failedLoginStreak: MAX_FAILED_LOGINS, loginCount: 0 });
  });

  it('lets no wrong streak grow past the limit when right and wrong passwords race, and every answer matches its password', async () => {
    const user = await newUser('race-mixed');
    // 3 right passwords spread through 20 guesses.
    const passwords = Array.from({ length: BURST }, (_, i) => (i % 7 === 3 ? DEMO_PASSWORD : `wrong-${i}`));
    const responses = await burst(user, passwords);
    const outcomes = responses.map(outcomeOf);
    passwords.forEach((password, i) => {
      const allowed: Outcome[] = password === DEMO_PASSWORD ? ['ok', 'denied'] : ['failed', 'denied'];
      expect({ i, outcome: allowed.includes(outcomes[i]!) }).toEqual({ i, outcome: true });
    });
    const counts = tally(outcomes);
    const after = await counters(user);
    // Each success resets the streak, so with k successes at most 3 * (k + 1) wrong passwords are checked.
    expect(counts.failed).toBeLessThanOrEqual(MAX_FAILED_LOGINS * (counts.ok + 1));
    expect(after).toEqual({ failedLoginCount: counts.failed, failedLoginStreak: expect.any(Number), loginCount: counts.ok });
    expect(after.failedLoginStreak).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    // Whatever the interleaving, the account ends consistent: locked exactly when the streak is at the limit.
    const next = outcomeOf(await login(b.url, user, DEMO_PASSWORD));
    expect(next).toBe(after.failedLoginStreak >= MAX_FAILED_LOGINS ? 'denied' : 'ok');
  });

  it('refuses a locked account a concurrent burst of the right password on both instances, until an admin lifts the lock', async () => {
    const user = await newUser('race-locked');
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect(outcomeOf(await login(a.url, user, 'wrong'))).toBe('failed');
    expect(tally((await burst(user, Array.from({ length: BURST }, () => DEMO_PASSWORD))).map(outcomeOf))).toEqual({ ok: 0, failed: 0, denied: BURST });
    expect((await counters(user)).loginCount).toBe(0);
    const lifted = await fetch(`${b.url}/rest/tokenshift/1/users/${user}/lockout`, { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } });
    expect(lifted.status).toBe(204);
    expect(outcomeOf(await login(a.url, user, DEMO_PASSWORD))).toBe('ok');
  });

  it(`checks at most ${MAX_FAILED_LOGINS} of ${BURST} concurrent password-Basic guesses (the same lock-out)`, async () => {
    const user = await newUser('race-basic');
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) => fetch(`${(i % 2 ? b : a).url}/rest/api/2/myself`, { headers: { authorization: basic(user, `wrong-${i}`) } })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(BURST).fill(401));
    expect(await counters(user)).toEqual({ failedLoginCount: MAX_FAILED_LOGINS, failedLoginStreak: MAX_FAILED_LOGINS, loginCount: 0 });
    const right = await fetch(`${a.url}/rest/api/2/myself`, { headers: { authorization: basic(user, DEMO_PASSWORD) } });
    expect(right.status).toBe(401);
  });
});
