import { performance } from 'node:perf_hooks';
import { createTestDatabase, TEST_DATABASE_KINDS, TestDatabase } from '@tokenshift/db/testing';
import { login, RunningServer, startServer } from '@tokenshift/testing';

/**
 * A wrong password takes as long for an existing user as for a name without an account (issue 19,
 * item 5): both paths do the same work (one lookup, a streak, one committed write, one memory-hard hash
 * check), so the time does not tell which names exist. Measured as the median of the ratios of 50
 * back-to-back pairs.
 */
const SAMPLES = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe.each(TEST_DATABASE_KINDS)('wrong-password timing, known and unknown names, on %s', (kind) => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'e2e_login_timing');
    // No lock within the samples: every wrong password of the known user is checked and counted.
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', MAX_FAILED_LOGINS: '1000' }, 120_000);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function timed(username: string): Promise<number> {
    const start = performance.now();
    const response = await login(server.url, username, 'not-the-password');
    const elapsed = performance.now() - start;
    expect(response.status).toBe(401);
    return elapsed;
  }

  it(`takes the same time (median ratio of ${SAMPLES} back-to-back pairs within 0.8–1.25) for an existing user as for an unknown name`, async () => {
    for (let i = 0; i < 5; i++) await Promise.all([timed('alice'), timed(`warm-up-${i}`)]).catch(() => undefined);
    const known: number[] = [];
    const unknown: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      // A pair back to back, the order alternating: drift in the machine's load falls on both alike.
      let k: number;
      let u: number;
      if (i % 2) {
        k = await timed('alice');
        u = await timed(`nobody-${i}`);
      } else {
        u = await timed(`nobody-${i}`);
        k = await timed('alice');
      }
      known.push(k);
      unknown.push(u);
      ratios.push(k / u);
    }
    const ratio = median(ratios);
    const medians = { known: Math.round(median(known) * 10) / 10, unknown: Math.round(median(unknown) * 10) / 10 };
    expect({ ...medians, ratio: Math.round(ratio * 100) / 100, within: ratio >= 0.8 && ratio <= 1.25 }).toEqual({ ...medians, ratio: expect.any(Number), within: true });
  }, 180_000);
});
