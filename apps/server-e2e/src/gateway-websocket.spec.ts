import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket, { WebSocketServer } from 'ws';
import { createPostgresTestDatabase, queryRows, type TestDatabase } from '@tokenshift/db/testing';
import { freePort, rawHttpExchange, type RunningServer, startServer } from '@tokenshift/testing';

/** The machine is shared: starting servers takes a while. */
const START_TIMEOUT_MS = 150_000;
const GRACE_MS = 1_000;
const POLICY_AFTER_SUNSET = { DEPRECATION_DATE: '2019-01-01T00:00:00Z', SUNSET_DATE: '2020-01-01T00:00:00Z', SESSION_POLICY: 'enforce' };

interface WebSocketApi {
  app: FastifyInstance;
  url: string;
  port: number;
  /** Every upgrade request that reached the upstream, as it arrived. */
  upgrades: IncomingMessage[];
}

/**
 * An HTTP API with WebSockets and Jira's session login: `/echo` echoes every message (and closes with
 * the code the client closed with), choosing the `jira-v1` subprotocol when offered; `/private` takes
 * only a session cookie it issued and declines any other upgrade with a 401 and a JSON body.
 */
async function startWebSocketApi(): Promise<WebSocketApi> {
  const app = Fastify() as unknown as FastifyInstance;
  const sessions = new Set<string>();
  const upgrades: IncomingMessage[] = [];
  app.post('/rest/auth/1/session', async (_request, reply) => {
    const id = randomBytes(16).toString('hex');
    sessions.add(id);
    return reply.header('set-cookie', `JSESSIONID=${id}; Path=/; HttpOnly`).send({ session: { name: 'JSESSIONID', value: id } });
  });
  app.get('/headers', async (request) => request.headers);
  const sockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has('jira-v1') ? 'jira-v1' : false) });
  // Jira names the caller on its answers; here only on the upgrades of `/named`.
  sockets.on('headers', (headers, request) => request.url?.startsWith('/private/named') && headers.push('X-AUSERNAME: erin.upstream'));
  sockets.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
    socket.on('close', (code, reason) => socket.readyState === WebSocket.CLOSING && socket.close(code, reason));
  });
  app.server.on('upgrade', (request: IncomingMessage, socket, head) => {
    upgrades.push(request);
    const session = /JSESSIONID=([0-9a-f]+)/.exec(request.headers.cookie ?? '')?.[1];
    if (request.url?.startsWith('/private') && !(session && sessions.has(session))) {
      const body = JSON.stringify({ errorMessages: ['You are not authenticated.'], errors: {} });
      socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });
  app.addHook('onClose', async () => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return { app, url: `http://127.0.0.1:${port}`, port, upgrades };
}

interface Opened {
  socket: WebSocket;
  /** The `101`'s headers as the client got them. */
  headers: IncomingMessage['headers'];
}

function openSocket(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<Opened> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), options.protocols ?? [], { headers: options.headers });
  return new Promise((resolve, reject) => {
    let headers: IncomingMessage['headers'] = {};
    socket.once('upgrade', (response) => (headers = response.headers));
    socket.once('open', () => resolve({ socket, headers }));
    socket.once('unexpected-response', (_request, response) => reject(Object.assign(new Error(`status ${response.statusCode}`), { response })));
    socket.once('error', reject);
  });
}

/** The answer an upgrade got instead of a `101`: its status and body. */
async function refusalOf(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; deprecation: string | undefined }> {
  const error = await openSocket(url, { headers }).then(
    () => {
      throw new Error('the upgrade was accepted');
    },
    (failure: { response?: IncomingMessage }) => failure,
  );
  const response = error.response as IncomingMessage;
  let text = '';
  for await (const chunk of response) text += (chunk as Buffer).toString();
  return { status: response.statusCode ?? 0, body: JSON.parse(text), deprecation: response.headers['deprecation'] as string | undefined };
}

async function nextMessage(socket: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  const [data, isBinary] = (await once(socket, 'message')) as [Buffer, boolean];
  return { data, isBinary };
}

async function loginCookie(gatewayUrl: string, username: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/rest/auth/1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'secret' }),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

describe('gateway mode: WebSockets', () => {
  let upstream: WebSocketApi;
  let database: TestDatabase;
  let observing: RunningServer;
  let enforcing: RunningServer;

  beforeAll(async () => {
    upstream = await startWebSocketApi();
    database = await createPostgresTestDatabase('e2e_gateway_websocket');
    const gateway = { UPSTREAM_URL: upstream.url, DATABASE_URL: database.url, USAGE_FLUSH_INTERVAL_MS: '100' };
    observing = await startServer({ ...gateway, DEMO_DATA: 'true' }, START_TIMEOUT_MS);
    enforcing = await startServer({ ...gateway, ...POLICY_AFTER_SUNSET, SHUTDOWN_GRACE_MS: String(GRACE_MS) }, START_TIMEOUT_MS);
  }, 2 * START_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await Promise.all([observing?.stop(), enforcing?.stop()]);
    await upstream?.app.close();
    await database?.drop();
  });

  it('passes a WebSocket through both ways byte for byte, with its subprotocol, query, close code and X-Forwarded-For', async () => {
    const { socket } = await openSocket(`${observing.url}/echo?room=42`, { protocols: ['jira-v1'] });
    expect(socket.protocol).toBe('jira-v1');
    const arrived = upstream.upgrades.at(-1) as IncomingMessage;
    expect(arrived.url).toBe('/echo?room=42');
    expect(arrived.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(arrived.headers['x-forwarded-for']).toBe('127.0.0.1');

    socket.send('héllo');
    expect(await nextMessage(socket)).toEqual({ data: Buffer.from('héllo'), isBinary: false });
    const binary = randomBytes(256 * 1024);
    socket.send(binary);
    const echoed = await nextMessage(socket);
    expect(echoed.isBinary).toBe(true);
    expect(echoed.data.equals(binary)).toBe(true);

    socket.close(4001, 'done');
    const [code, reason] = (await once(socket, 'close')) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([4001, 'done']);
  });

  it('records a WebSocket opened with the session cookie as a deprecated use, with the deprecation headers on its 101', async () => {
    const cookie = await loginCookie(observing.url, 'erin');
    const { socket, headers } = await openSocket(`${observing.url}/private/feed`, { headers: { cookie, 'x-tokenshift-client': 'ws-feed' } });
    expect(headers['deprecation']).toMatch(/^@\d+$/);
    socket.send('still here');
    expect((await nextMessage(socket)).data.toString()).toBe('still here');
    socket.close();
    // Where the upstream names the caller on its 101, that name wins, as on any answer.
    const named = await openSocket(`${observing.url}/private/named`, { headers: { cookie, 'x-tokenshift-client': 'ws-feed' } });
    named.socket.close();
    await observing.drainUsage();
    expect(await queryRows(database.url, `SELECT kind, "userName", endpoint, status FROM "UsageEvent" WHERE "clientId" = 'ws-feed' ORDER BY "userName"`)).toEqual([
      { kind: 'cookie-request', userName: 'erin', endpoint: 'upstream', status: 101 },
      { kind: 'cookie-request', userName: 'erin.upstream', endpoint: 'upstream', status: 101 },
    ]);
  });

  it("answers an upgrade the upstream declines as the upstream did, and one after the sunset 410 without reaching it", async () => {
    expect(await refusalOf(`${observing.url}/private/feed`)).toMatchObject({ status: 401, body: { errorMessages: ['You are not authenticated.'] } });

    const cookie = await loginCookie(observing.url, 'frank');
    const reached = upstream.upgrades.length;
    const refused = await refusalOf(`${enforcing.url}/private/feed`, { cookie });
    expect(refused).toMatchObject({ status: 410, body: { errors: {}, errorMessages: [expect.stringMatching(/^Cookie-based authentication \(the session cookie\) was switched off/)] } });
    expect(refused.deprecation).toMatch(/^@\d+$/);
    expect(upstream.upgrades.length).toBe(reached);
  });

  it('answers an upgrade to another protocol (h2c) as a plain request, so nothing after it passes unseen', async () => {
    const response = await rawHttpExchange(observing.url, Buffer.from(`GET /headers HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`));
    expect(response.status).toBe(200);
    const seen = JSON.parse(response.body) as Record<string, string>;
    expect(seen['upgrade']).toBeUndefined();
    expect(seen['http2-settings']).toBeUndefined();
  });

  it("answers an upgrade request on tokenshift's own prefix as a plain request", async () => {
    const response = await rawHttpExchange(observing.url, Buffer.from(`GET /tokenshift/health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`));
    expect(response.status).toBe(200);
  });

  it('cuts the WebSocket tunnels still open when the grace period of a shutdown is over, and says so', async () => {
    const { socket } = await openSocket(`${enforcing.url}/echo`);
    const closed = once(socket, 'close');
    const started = Date.now();
    expect(await enforcing.stop()).toBe(0);
    await closed;
    expect(Date.now() - started).toBeLessThan(GRACE_MS + 10_000);
    expect(enforcing.output()).toMatch(/Grace period of 1000 ms over: cut .* and the WebSocket tunnels/);
  });

  it('answers 502 while the upstream is down', async () => {
    await upstream.app.close();
    expect(await refusalOf(`${observing.url}/echo`)).toMatchObject({ status: 502, body: { errorMessages: ['The upstream server could not be reached.'] } });
  });
});
