import { request as httpRequest } from 'node:http';
import Fastify, { FastifyInstance } from 'fastify';
import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, freePort, requestLinesOf, RunningServer, startServer } from '@tokenshift/testing';

/**
 * Gateway mode serves proxied requests from their own Fastify instance, beside Nest's: what that
 * instance must do the same way as Nest's (request lines, metrics, usage records, errors in Jira's
 * envelope, closing) is checked here on requests that never reach Nest.
 */

const START_TIMEOUT_MS = 120_000;
const TOKEN = `ATATT3xFfGF0${'q'.repeat(40)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ENVELOPE_TYPE = 'application/json;charset=UTF-8';

async function startUpstream(): Promise<{ app: FastifyInstance; url: string; hits: Map<string, number> }> {
  const app = Fastify();
  const hits = new Map<string, number>();
  app.addHook('onRequest', async (request) => {
    const key = `${request.method} ${request.url.split('?')[0]}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
  });
  app.get('/rest/api/2/myself', async () => ({ name: 'someone' }));
  // A WebDAV-style method with a body, answered with what arrived.
  app.addHttpMethod('PROPFIND', { hasBody: true });
  app.addContentTypeParser('application/xml', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.route({ method: 'PROPFIND', url: '/dav/*', handler: async (request, reply) => reply.code(207).type('application/xml').send(`<echo>${String(request.body)}</echo>`) });
  app.post('/rest/auth/1/session', async () => ({ session: { name: 'JSESSIONID', value: 'x' } }));
  app.get('/slow', async (request) => {
    await new Promise((r) => setTimeout(r, Number((request.query as { ms?: string }).ms ?? 0)));
    return { slow: true };
  });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return { app, url: `http://127.0.0.1:${port}`, hits };
}

/** A request whose path goes out exactly as written (fetch would resolve dot segments, and refuses TRACE). */
async function rawRequest(method: string, url: string): Promise<{ status: number; type: string | undefined; body: string }> {
  const { origin } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${origin}/`, { method, path: url.slice(origin.length) }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('gateway mode: proxied requests on their own Fastify instance', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let database: TestDatabase;
  let gateway: RunningServer;

  beforeAll(async () => {
    upstream = await startUpstream();
    database = await createPostgresTestDatabase('e2e_gateway_split');
    gateway = await startServer(
      { UPSTREAM_URL: upstream.url, DATABASE_URL: database.url, LOG_FORMAT: 'json', LOG_LEVEL: 'info', USAGE_FLUSH_INTERVAL_MS: '100' },
      START_TIMEOUT_MS,
    );
  }, 2 * START_TIMEOUT_MS);
  afterAll(async () => {
    await gateway?.stop();
    await upstream?.app.close();
    await database?.drop();
  });

  const hitsOf = (key: string) => upstream.hits.get(key) ?? 0;

  it('writes one request line per proxied call: the bounded route, the caller by mode, a request id, and no credential or query', async () => {
    const client = 'split-log-line';
    const response = await fetch(`${gateway.url}/rest/api/2/myself?jql=query-value-8123`, { headers: { authorization: basic('someone@example.com', TOKEN), 'x-tokenshift-client': client } });
    expect(response.status).toBe(200);
    const [line, ...more] = await requestLinesOf(gateway, client);
    expect(more).toEqual([]);
    expect(line).toMatchObject({ context: 'HTTP', method: 'GET', route: '/rest/api/2/*', status: 200, auth: 'basic-token', user: null, msg: 'GET /rest/api/2/* 200' });
    expect(line?.['requestId']).toMatch(UUID);
    expect(gateway.output()).not.toContain(TOKEN);
    expect(gateway.output()).not.toContain('query-value-8123');
  });

  it('counts proxied calls in /metrics under the bounded route and the mode, never the path asked for', async () => {
    await fetch(`${gateway.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const metrics = await (await fetch(`${gateway.url}/tokenshift/metrics`)).text();
    expect(metrics).toMatch(/^tokenshift_http_requests_total\{auth_mode="bearer-token",method="GET",route="\/rest\/api\/2\/\*",status="200"\} [1-9]/m);
    expect(metrics).toMatch(/^tokenshift_http_request_duration_seconds_count\{method="GET",route="\/rest\/api\/2\/\*",status="200"\} [1-9]/m);
    expect(metrics).not.toContain('myself');
  });

  it("answers a login body over the gateway's limit 413 in Jira's envelope without reaching the upstream, and still records the login", async () => {
    const client = 'split-login-too-large';
    const response = await fetch(`${gateway.url}/rest/auth/1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tokenshift-client': client },
      body: JSON.stringify({ username: 'someone', password: 'p'.repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe(ENVELOPE_TYPE);
    expect(await response.json()).toEqual({ errorMessages: ['The request body is too large.'], errors: {} });
    expect(hitsOf('POST /rest/auth/1/session')).toBe(0);
    await gateway.drainUsage();
    // Anonymous (the login's user is unknown): recorded without its client.
    const rows = await queryRows<{ kind: string; authMode: string }>(database.url, `SELECT kind, "authMode" FROM "UsageEvent" WHERE endpoint = $1 AND status = 413`, ['/rest/auth/1/session']);
    expect(rows).toEqual([{ kind: 'session-login', authMode: 'anonymous' }]);
    expect(await requestLinesOf(gateway, client)).toMatchObject([{ route: '/rest/auth/1/session', status: 413 }]);
  });

  it('passes on any method an HTTP API may use, with its body (WebDAV PROPFIND)', async () => {
    const propfind = await fetch(`${gateway.url}/dav/folder`, { method: 'PROPFIND', headers: { 'content-type': 'application/xml', depth: '1' }, body: '<propfind/>' });
    expect(propfind.status).toBe(207);
    expect(await propfind.text()).toBe('<echo><propfind/></echo>');
    expect(upstream.hits.get('PROPFIND /dav/folder')).toBe(1);
  });

  it("answers a path that climbs out of the upstream's base 400, and TRACE (never passed on) 404, in Jira's envelope", async () => {
    // Sent as is: fetch would resolve the dot segments first.
    const climbing = await rawRequest('GET', `${gateway.url}/rest/api/2/%2e%2e/%2e%2e/secret`);
    expect(climbing.status).toBe(400);
    expect(climbing.type).toBe(ENVELOPE_TYPE);
    expect(JSON.parse(climbing.body)).toEqual({ errorMessages: ['The request is not valid.'], errors: {} });
    const trace = await rawRequest('TRACE', `${gateway.url}/rest/api/2/myself`);
    expect(trace.status).toBe(404);
    expect(JSON.parse(trace.body)).toEqual({ errorMessages: ['Not found.'], errors: {} });
    expect([...upstream.hits.keys()].filter((key) => key.includes('secret') || key.startsWith('TRACE'))).toEqual([]);
  });

  it("keeps Nest's headers on tokenshift's own pages and off proxied answers", async () => {
    const own = await fetch(`${gateway.url}/tokenshift/health`);
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('x-ausername')).toBe('anonymous');
    const proxied = await fetch(`${gateway.url}/rest/api/2/myself`);
    expect(proxied.headers.get('x-content-type-options')).toBeNull();
    expect(proxied.headers.get('x-ausername')).toBeNull();
  });

  it('on SIGTERM lets a proxied call under way finish, then stops', async () => {
    const closing = await startServer({ UPSTREAM_URL: upstream.url, DATABASE_URL: database.url }, START_TIMEOUT_MS);
    const slow = fetch(`${closing.url}/slow?ms=1500`);
    while (hitsOf('GET /slow') === 0) await new Promise((r) => setTimeout(r, 20));
    const stopped = closing.stop();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ slow: true });
    await stopped;
    await expect(fetch(`${closing.url}/tokenshift/health`)).rejects.toThrow();
  }, START_TIMEOUT_MS);
});
