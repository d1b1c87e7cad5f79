import { once } from 'node:events';
import { connect } from 'node:net';
import { Agent, createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { DEMO_PASSWORD, freePort, RunningServer, startServer } from '@tokenshift/testing';

/**
 * SIGTERM (what Kubernetes and systemd send) ends the server within a bound: requests in flight get
 * SHUTDOWN_GRACE_MS to finish, then what is still open is cut and named in the log, queued usage is
 * written, and the process exits 0.
 */
const START_TIMEOUT_MS = 150_000;
/** What a shutdown may take beyond the grace period on a busy machine: cutting, writing usage, closing the database. */
const AFTER_GRACE_MS = 8_000;

/** An upstream that never answers `/hang` and never ends `/drip` (a byte every 100 ms); it keeps those requests while open. */
async function startStuckUpstream(): Promise<{ server: Server; url: string; open: Set<string> }> {
  const open = new Set<string>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '';
    // Anything else (the start-up check's /health) is answered at once.
    if (!path.startsWith('/hang') && path !== '/drip') return void response.writeHead(404).end();
    open.add(path);
    response.once('close', () => open.delete(path));
    if (path === '/drip') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const timer = setInterval(() => response.write('x'), 100);
      response.once('close', () => clearInterval(timer));
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${port}`, open };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A request whose outcome is kept (status, or the error that ended it) instead of thrown. */
function outcomeOf(url: string, init: { method?: string; headers?: Record<string, string>; agent?: Agent } = {}) {
  const request = httpRequest(url, init);
  const outcome = new Promise<{ status?: number; body?: string; bytes: number; error?: string }>((resolve) => {
    let bytes = 0;
    let body = '';
    request.on('error', (error) => resolve({ bytes, error: error.message }));
    request.on('response', (response) => {
      response.on('data', (chunk: Buffer) => ((bytes += chunk.length), (body += chunk.toString())));
      response.on('end', () => resolve({ status: response.statusCode, body, bytes }));
      response.on('error', (error) => resolve({ status: response.statusCode, bytes, error: error.message }));
    });
  });
  return { request, outcome };
}

describe('shutdown on SIGTERM', () => {
  describe('as a gateway, with proxied requests stuck on the upstream', () => {
    const GRACE_MS = 1_000;
    let upstream: Awaited<ReturnType<typeof startStuckUpstream>>;
    let gateway: RunningServer;

    beforeAll(async () => {
      upstream = await startStuckUpstream();
      // The read timeout (60 s by default) would end neither: /drip never pauses long enough.
      gateway = await startServer({ UPSTREAM_URL: upstream.url, DATABASE_URL: 'pglite:memory', SHUTDOWN_GRACE_MS: String(GRACE_MS) }, START_TIMEOUT_MS);
    }, START_TIMEOUT_MS + 10_000);
    afterAll(async () => {
      await gateway?.stop().catch(() => undefined);
      upstream?.server.closeAllConnections();
      upstream?.server.close();
    });

    it('exits within the grace period, cutting the requests in flight and their upstream connections, and says what it cut', async () => {
      const hang = outcomeOf(`${gateway.url}/hang?os_password=secret`);
      hang.request.end();
      const drip = outcomeOf(`${gateway.url}/drip`);
      drip.request.end();
      await until(() => upstream.open.size === 2, 'both requests to reach the upstream');

      const started = Date.now();
      expect(await gateway.stop(GRACE_MS + AFTER_GRACE_MS)).toBe(0);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(GRACE_MS);
      expect(elapsed).toBeLessThan(GRACE_MS + AFTER_GRACE_MS);

      // The clients were cut: no answer at all, and a stream that ended without its end.
      expect((await hang.outcome).error).toBeDefined();
      const dripped = await drip.outcome;
      expect(dripped.status).toBe(200);
      expect(dripped.bytes).toBeGreaterThan(0);
      expect(dripped.error).toBeDefined();
      // And so were the gateway's requests to the upstream.
      await until(() => upstream.open.size === 0, 'the upstream to see its requests closed', 2_000);

      const output = gateway.output();
      expect(output).toContain(`SIGTERM received: accepting no new connections; 2 request(s) in flight get up to ${GRACE_MS} ms to finish`);
      expect(output).toMatch(new RegExp(`Grace period of ${GRACE_MS} ms over: cut 2 request\\(s\\) still in flight \\((GET /hang, GET /drip|GET /drip, GET /hang)\\) and 2 open connection\\(s\\), and the upstream connections with their requests`));
      expect(output).toMatch(/"msg":"Shut down in \d+ ms"/);
      // The query string is not logged: it can carry a password.
      expect(output).not.toContain('secret');
    });
  });

  describe('built in, with a login whose body has not arrived yet', () => {
    const GRACE_MS = 10_000;
    let database: TestDatabase;
    let server: RunningServer;

    beforeAll(async () => {
      database = await createPostgresTestDatabase('e2e_shutdown');
      // A flush timer far beyond the test: only the shutdown writes the login's usage event.
      server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'true', USAGE_FLUSH_INTERVAL_MS: '600000', SHUTDOWN_GRACE_MS: String(GRACE_MS) }, START_TIMEOUT_MS);
    }, START_TIMEOUT_MS + 10_000);
    afterAll(async () => {
      await server?.stop().catch(() => undefined);
      await database?.drop();
    });

    it('lets it finish, refuses new connections meanwhile, writes its usage and exits 0 soon after', async () => {
      const body = Buffer.from(JSON.stringify({ username: 'demo', password: DEMO_PASSWORD }));
      // A client that keeps its connections alive for as long as the server lets it.
      const agent = new Agent({ keepAlive: true });
      const login = outcomeOf(`${server.url}/rest/auth/1/session`, {
        agent,
        method: 'POST',
        // The server's 100 Continue says it has taken the request (it is in flight) and waits for the body.
        headers: { 'content-type': 'application/json', 'content-length': String(body.length), expect: '100-continue' },
      });
      const taken = once(login.request, 'continue');
      login.request.flushHeaders();
      await taken;

      const started = Date.now();
      const stopped = server.stop(GRACE_MS + AFTER_GRACE_MS);
      // The listening socket closes: new connections are refused while the login is still running.
      let refused = false;
      for (const deadline = Date.now() + 10_000; !refused && Date.now() < deadline; ) {
        const attempt = outcomeOf(`${server.url}/health`, { agent: new Agent() });
        attempt.request.end();
        refused = /ECONNREFUSED/.test((await attempt.outcome).error ?? '');
      }
      expect(refused).toBe(true);

      login.request.end(body);
      const answered = await login.outcome;
      const answeredAt = Date.now();
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body ?? '{}').session?.name).toBe('JSESSIONID');
      expect(await stopped).toBe(0);
      // Its connection is closed with the answer: the server does not wait for the client to let go of it.
      expect(Date.now() - answeredAt).toBeLessThan(3_000);
      agent.destroy();
      expect(Date.now() - started).toBeLessThan(GRACE_MS);
      // The login, and perhaps one of the checks above if it was just being answered.
      expect(server.output()).toMatch(new RegExp(`SIGTERM received: accepting no new connections; [12] request\\(s\\) in flight get up to ${GRACE_MS} ms to finish`));
      expect(server.output()).not.toContain('Grace period');

      // Written on the way out, after the request it belongs to had finished.
      const rows = await queryRows<{ n: number }>(database.url, `SELECT coalesce(sum("count"), 0)::int AS n FROM "UsageEvent" WHERE kind = 'session-login'`);
      expect(rows).toEqual([{ n: 1 }]);
    });
  });
  describe('with SHUTDOWN_DELAY_MS, behind a load balancer', () => {
    const DELAY_MS = 3_000;
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer({ DATABASE_URL: 'pglite:memory', SHUTDOWN_DELAY_MS: String(DELAY_MS), SHUTDOWN_GRACE_MS: '2000' }, START_TIMEOUT_MS);
    }, START_TIMEOUT_MS + 10_000);
    afterAll(async () => {
      await server?.stop().catch(() => undefined);
    });

    it('serves on while /health says draining and every answer closes its connection, then stops listening', async () => {
      const healthy = await fetch(`${server.url}/health`);
      expect(healthy.status).toBe(200);
      expect(healthy.headers.get('connection')).toBe('keep-alive');

      const signalled = Date.now();
      const stopped = server.stop(DELAY_MS + 2_000 + AFTER_GRACE_MS);
      let health = await fetch(`${server.url}/health`);
      for (const deadline = Date.now() + DELAY_MS; health.status === 200 && Date.now() < deadline; ) health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'draining' });
      // A new connection is still taken and answered, and told to close.
      const served = outcomeOf(`${server.url}/rest/api/2/serverInfo`, { agent: new Agent() });
      served.request.end();
      expect((await served.outcome).status).toBe(200);
      const answer = await fetch(`${server.url}/rest/api/2/serverInfo`);
      expect([answer.status, answer.headers.get('connection')]).toEqual([200, 'close']);

      let refusedAt = 0;
      for (const deadline = Date.now() + DELAY_MS + 10_000; !refusedAt && Date.now() < deadline; ) {
        const attempt = outcomeOf(`${server.url}/health`, { agent: new Agent() });
        attempt.request.end();
        if (/ECONNREFUSED/.test((await attempt.outcome).error ?? '')) refusedAt = Date.now();
      }
      expect(refusedAt - signalled).toBeGreaterThanOrEqual(DELAY_MS - 200);
      // With the output: a failed exit says why.
      const exit = await stopped;
      expect(exit === 0 ? 0 : `exit ${exit}:\n${server.output().slice(-3000)}`).toBe(0);
      expect(server.output()).toMatch(new RegExp(`SIGTERM received: draining for ${DELAY_MS} ms`));
      expect(server.output()).toMatch(/Drained: accepting no new connections/);
    });

    it('answers a request that arrives on an open connection once the server is closing 503, and still exits 0', async () => {
      const closing = await startServer({ DATABASE_URL: 'pglite:memory', SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_GRACE_MS: '2000' }, START_TIMEOUT_MS);
      const { port } = new URL(closing.url);
      const socket = connect(Number(port), '127.0.0.1');
      let answers = '';
      socket.on('data', (chunk: Buffer) => (answers += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      socket.write('GET /rest/api/2/serverInfo HTTP/1.1\r\nHost: x\r\n\r\n');
      await until(() => answers.includes('HTTP/1.1 200'), 'the first answer');
      const stopped = closing.stop(1_500 + 2_000 + AFTER_GRACE_MS);
      // The next request's head, then, once the listener is closed, its end: Fastify answers it itself (503).
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.write('GET /rest/api/2/serverInfo HTTP/1.1\r\nHost: x\r\n');
      let refused = false;
      while (!refused) {
        const probe = connect(Number(port), '127.0.0.1');
        refused = await new Promise<boolean>((resolve) => probe.once('connect', () => resolve(false)).once('error', () => resolve(true)));
        probe.destroy();
      }
      socket.write('\r\n');
      await until(() => answers.includes('HTTP/1.1 503'), 'the answer given while closing');
      const exit = await stopped;
      expect(exit === 0 ? 0 : `exit ${exit}:\n${closing.output().slice(-3000)}`).toBe(0);
    });
  });
});
