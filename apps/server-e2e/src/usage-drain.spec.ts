import type { UsageSummary } from '@tokenshift/shared';
import { bearer, json, RunningServer, sessionCookie, startServer } from '@tokenshift/testing';

/**
 * The test-only usage drain (RunningServer.drainUsage): over the IPC channel of the process the test
 * started, never an HTTP request, so it records nothing of its own and the wire has no route for it.
 */
/** Starting on the embedded database with the demo data takes a minute and more when the machine is busy. */
const START_TIMEOUT_MS = 150_000;

describe('draining the usage recorder from a test', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // A flush timer far beyond the test: only the drain writes the batch.
    server = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '600000' }, START_TIMEOUT_MS);
  }, START_TIMEOUT_MS + 10_000);
  afterAll(() => server?.stop());

  it('writes what is queued and answers with the counters, recording no request of its own', async () => {
    const before = await server.drainUsage();
    const cookie = await sessionCookie(server.url, 'demo');
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/rest/api/2/myself`, { headers: { cookie } })).status).toBe(200);
    const drained = await server.drainUsage();
    // The login and five cookie requests.
    expect(drained).toEqual({ ...before, queued: before.queued + 6, written: before.written + 6, pending: 0 });
    expect(await server.drainUsage()).toEqual(drained);
    const summary = await json<UsageSummary>(await fetch(`${server.url}/rest/tokenshift/1/usage/summary`, { headers: bearer(server.demoToken() ?? '') }));
    expect(summary.deprecatedCalls).toBe(6);
  });

  it('has no HTTP route', async () => {
    for (const path of ['/rest/tokenshift/1/usage/drain', '/rest/tokenshift/1/usage/flush']) {
      expect((await fetch(`${server.url}${path}`, { method: 'POST', headers: bearer(server.demoToken() ?? '') })).status).toBe(404);
    }
  });
});
