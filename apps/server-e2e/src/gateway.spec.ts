import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Fastify, { FastifyInstance } from 'fastify';
import { createPostgresTestDatabase, queryRows, TestDatabase } from '@tokenshift/db/testing';
import { basic, cookieFrom, DEMO_PASSWORD, freePort, json, login, RunningServer, startServer } from '@tokenshift/testing';

/** The machine is shared: starting four servers at once takes a while. */
const START_TIMEOUT_MS = 150_000;
const READ_TIMEOUT_MS = 1_500;
const MIB = 1024 * 1024;
const BINARY = randomBytes(64 * 1024);
const CHUNKS = Array.from({ length: 20 }, (_, i) => randomBytes(1000 + i * 37));
const EXEMPT_CLIENT = 'gateway-e2e-exempt';
const POLICY = { SUNSET_DATE: '2030-06-30T00:00:00Z', DEPRECATION_DATE: '2026-01-01T00:00:00Z', DEPRECATION_DOCS_URL: 'https://example.com/migrate' };

/** A deterministic stream of `size` bytes in 64 KiB pieces, never held whole. */
function generated(size: number): Readable {
  const piece = Buffer.alloc(64 * 1024, 0x5a);
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const next = piece.subarray(0, Math.min(piece.length, left));
      left -= next.length;
      this.push(next);
    },
  });
}

async function sha256Of(stream: AsyncIterable<Buffer | Uint8Array>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) * 1024;
}

interface Tls {
  dir: string;
  caFile: string;
  key: Buffer;
  cert: Buffer;
}

/** A private CA and a certificate it signed for 127.0.0.1, made with openssl for this run. */
function privateCa(): Tls {
  const dir = mkdtempSync(join(tmpdir(), 'tokenshift-gateway-ca-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=tokenshift e2e CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(at('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.pem'), '-days', '2', '-extfile', at('san.ext'));
  return { dir, caFile: at('ca.pem'), key: readFileSync(at('server.key')), cert: readFileSync(at('server.pem')) };
}

/** A plain, non-Jira upstream over HTTPS (a private CA): binary, chunked and slow answers, redirects, cookies, and a body hasher. */
async function startPlainUpstream(tls: Tls): Promise<{ app: FastifyInstance; url: string; port: number; hits: Map<string, number> }> {
  const app = Fastify({ https: { key: tls.key, cert: tls.cert } }) as unknown as FastifyInstance;
  const hits = new Map<string, number>();
  app.addHook('onRequest', async (request) => {
    hits.set(request.url, (hits.get(request.url) ?? 0) + 1);
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.get('/binary', async (_request, reply) =>
    reply
      .code(203)
      .header('content-type', 'application/octet-stream')
      .header('x-custom', 'one')
      .header('set-cookie', ['a=1; Path=/; Domain=127.0.0.1; HttpOnly', 'b=2; Path=/x'])
      .send(BINARY),
  );
  app.get('/chunked', async (_request, reply) => reply.header('content-type', 'application/x-parts').send(Readable.from(CHUNKS)));
  app.get('/redirect', async (_request, reply) => reply.redirect(`https://127.0.0.1:${port}/binary?x=1`, 302));
  app.get('/headers', async (request) => request.headers);
  app.get('/status/503', async (_request, reply) => reply.code(503).send({ down: true }));
  app.get('/slow', async (request) => {
    await new Promise((r) => setTimeout(r, Number((request.query as { ms?: string }).ms ?? 0)));
    return { slow: true };
  });
  app.get('/download', async (request, reply) => reply.header('content-type', 'application/octet-stream').send(generated(Number((request.query as { mib: string }).mib) * MIB)));
  app.post('/upload', async (request) => sha256Of(request.body as Readable));
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return { app, url: `https://127.0.0.1:${port}`, port, hits };
}

function metric(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

async function metricsOf(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe('gateway mode (UPSTREAM_URL)', () => {
  let plain: Awaited<ReturnType<typeof startPlainUpstream>>;
  let jira: RunningServer;
  let plainGateway: RunningServer;
  let a: RunningServer;
  let b: RunningServer;
  let database: TestDatabase;
  let tls: Tls;

  beforeAll(async () => {
    tls = privateCa();
    plain = await startPlainUpstream(tls);
    database = await createPostgresTestDatabase('e2e_gateway');
    // tokenshift in its built-in mode is the Jira upstream: it answers like Jira, X-AUSERNAME included.
    jira = await startServer({ DATABASE_URL: 'pglite:memory', DEMO_DATA: 'true', ALLOW_PASSWORD_BASIC: 'true', USAGE_FLUSH_INTERVAL_MS: '100', ...POLICY }, START_TIMEOUT_MS);
    const gateway = {
      UPSTREAM_URL: jira.url,
      DATABASE_URL: database.url,
      GATEWAY_PASSWORD_BASIC_DEPRECATED: 'true',
      USAGE_FLUSH_INTERVAL_MS: '100',
      SESSION_POLICY: 'enforce',
      // Only during this brown-out window (all of the test), and only for users other than demo.
      BROWNOUT_WINDOWS: '2026-01-01T00:00:00Z/2099-01-01T00:00:00Z',
      DEPRECATION_EXEMPT_USERS: 'demo',
      DEPRECATION_EXEMPT_CLIENTS: EXEMPT_CLIENT,
      ...POLICY,
    };
    [plainGateway, a, b] = await Promise.all([
      startServer(
        { UPSTREAM_URL: plain.url, UPSTREAM_CA_FILE: tls.caFile, DATABASE_URL: 'pglite:memory', BASE_URL: 'https://gateway.example', UPSTREAM_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS) },
        START_TIMEOUT_MS,
      ),
      startServer({ ...gateway, DEMO_DATA: 'true' }, START_TIMEOUT_MS),
      // B ignores the upstream's X-AUSERNAME: the users it records can only come from the logins A saw.
      startServer({ ...gateway, UPSTREAM_USER_HEADER: 'X-Not-Sent' }, START_TIMEOUT_MS),
    ]);
  }, 4 * START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([plainGateway?.stop(), a?.stop(), b?.stop(), jira?.stop()]);
    await plain?.app.close();
    await database?.drop();
    if (tls) rmSync(tls.dir, { recursive: true, force: true });
  });

  describe('in front of a plain HTTPS upstream signed by a private CA (UPSTREAM_CA_FILE)', () => {
    it('passes status, headers, Set-Cookie and a binary body byte for byte, and adds none of its own headers', async () => {
      const response = await fetch(`${plainGateway.url}/binary`);
      expect(response.status).toBe(203);
      expect(response.headers.get('x-custom')).toBe('one');
      expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; Domain=gateway.example; HttpOnly', 'b=2; Path=/x']);
      expect(Buffer.from(await response.arrayBuffer()).equals(BINARY)).toBe(true);
      for (const own of ['x-ausername', 'content-security-policy', 'x-frame-options', 'cache-control', 'deprecation']) expect(response.headers.get(own)).toBeNull();
    });

    it('passes a chunked body byte for byte, chunked', async () => {
      const response = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(`${plainGateway.url}/chunked`, resolve).on('error', reject).end());
      expect(response.statusCode).toBe(200);
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['content-type']).toBe('application/x-parts');
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(Buffer.concat(CHUNKS))).toBe(true);
    });

    it('does not follow redirects and moves Location to the public origin', async () => {
      const response = await fetch(`${plainGateway.url}/redirect`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://gateway.example/binary?x=1');
    });

    it("sends the upstream's Host, X-Forwarded-*, and no hop-by-hop header", async () => {
      // fetch refuses to send a Connection header; node's http client sends it as given.
      const headers = { 'x-forwarded-for': '6.6.6.6', 'x-drop-me': 'x', connection: 'keep-alive, x-drop-me', 'keep-alive': 'timeout=5', 'x-keep': 'kept' };
      const response = await new Promise<IncomingMessage>((resolve, reject) => httpRequest(`${plainGateway.url}/headers?q=1`, { headers }, resolve).on('error', reject).end());
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      const seen = JSON.parse(Buffer.concat(chunks).toString());
      expect(seen.host).toBe(`127.0.0.1:${plain.port}`);
      expect(seen['x-forwarded-for']).toBe('127.0.0.1');
      expect(seen['x-forwarded-proto']).toBe('http');
      expect(seen['x-forwarded-host']).toBe(`127.0.0.1:${plainGateway.port}`);
      expect(seen['x-keep']).toBe('kept');
      expect(seen['x-drop-me']).toBeUndefined();
      expect(seen['keep-alive']).toBeUndefined();
    });

    it("passes the upstream's 503 once, without retrying it", async () => {
      const response = await fetch(`${plainGateway.url}/status/503`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ down: true });
      expect(plain.hits.get('/status/503')).toBe(1);
    });

    it('waits for a slow upstream within the read timeout, and answers 504 in the envelope beyond it', async () => {
      const slow = await fetch(`${plainGateway.url}/slow?ms=${READ_TIMEOUT_MS / 2}`);
      expect(slow.status).toBe(200);
      expect(await slow.json()).toEqual({ slow: true });
      const late = await fetch(`${plainGateway.url}/slow?ms=${READ_TIMEOUT_MS * 3}`);
      expect(late.status).toBe(504);
      expect(await late.json()).toEqual({ errorMessages: ['The upstream server did not answer in time.'], errors: {} });
      const metrics = await metricsOf(`${plainGateway.url}/tokenshift/metrics`);
      expect(metric(metrics, 'tokenshift_gateway_upstream_failures_total', 'reason="timeout"')).toBe(1);
    });

    it('streams a 128 MiB upload and a 128 MiB download through, its RSS growing by less than 64 MiB', async () => {
      const pid = plainGateway.process.pid!;
      const before = rssBytes(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 50);
      try {
        const size = 128 * MIB;
        const upload = await new Promise<{ sha256: string; bytes: number }>((resolve, reject) => {
          const request = httpRequest(`${plainGateway.url}/upload`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' } }, (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => resolve(JSON.parse(text)));
          });
          request.on('error', reject);
          void pipeline(generated(size), request).catch(reject);
        });
        const expected = await sha256Of(generated(size));
        expect(upload).toEqual(expected);
        const download = await fetch(`${plainGateway.url}/download?mib=128`);
        expect(await sha256Of(download.body as unknown as AsyncIterable<Uint8Array>)).toEqual(expected);
      } finally {
        clearInterval(sampler);
      }
      expect(peak - before).toBeLessThan(64 * MIB);
    }, 120_000);

    it('serves only its own pages under the prefix: health, metrics, docs', async () => {
      expect((await json<{ status: string }>(await fetch(`${plainGateway.url}/tokenshift/health`))).status).toBe('ok');
      expect((await fetch(`${plainGateway.url}/tokenshift/docs/json`)).status).toBe(200);
      // Not a route of tokenshift's: its session resource and demo Jira resources are the upstream's.
      expect((await fetch(`${plainGateway.url}/tokenshift/rest/api/2/serverInfo`)).status).toBe(404);
      expect((await fetch(`${plainGateway.url}/tokenshift/rest/auth/1/session`)).status).toBe(404);
    });

    it('answers 502 in the envelope while the upstream is down, and recovers by itself when it is back', async () => {
      await plain.app.close();
      const down = await fetch(`${plainGateway.url}/headers`);
      expect(down.status).toBe(502);
      expect(await down.json()).toEqual({ errorMessages: ['The upstream server could not be reached.'], errors: {} });
      expect(metric(await metricsOf(`${plainGateway.url}/tokenshift/metrics`), 'tokenshift_gateway_upstream_failures_total', 'reason="unreachable"')).toBe(1);
      const port = plain.port;
      plain = await startPlainUpstreamOn(port, tls);
      expect((await fetch(`${plainGateway.url}/binary`)).status).toBe(203);
    });
  });

  describe('in front of Jira (tokenshift built-in), two instances sharing PostgreSQL', () => {
    const deprecationOf = (headers: Headers) => ({ deprecation: headers.get('deprecation'), sunset: headers.get('sunset'), link: headers.get('link') });
    /** The deprecation headers a direct answer carries, as a gateway gives them: its help link names its own token page. */
    const throughGateway = (direct: ReturnType<typeof deprecationOf>, gateway: RunningServer) => ({
      ...direct,
      link: direct.link?.replace(`${jira.url}/dashboard/tokens/`, `${gateway.url}/tokenshift/dashboard/tokens/`) ?? null,
    });

    it('gives the same status, body and deprecation headers through the gateway as directly', async () => {
      const direct = await login(jira.url, 'demo', DEMO_PASSWORD);
      const proxied = await login(a.url, 'demo', DEMO_PASSWORD);
      expect(proxied.status).toBe(200);
      expect(Object.keys(proxied.body)).toEqual(Object.keys(direct.body));
      expect(proxied.headers.get('x-ausername')).toBe('demo');
      expect(deprecationOf(proxied.headers)).toEqual(throughGateway(deprecationOf(direct.headers), a));
      expect(deprecationOf(proxied.headers).link).toContain(`<${a.url}/tokenshift/dashboard/tokens/>; rel="help"`);
      expect(deprecationOf(proxied.headers).deprecation).toBe('@1767225600');
      const cookie = cookieFrom(proxied.body);
      const myself = await fetch(`${b.url}/rest/api/2/myself`, { headers: { cookie } });
      expect(myself.status).toBe(200);
      expect((await json<{ name: string }>(myself)).name).toBe('demo');
      expect(deprecationOf(myself.headers)).toEqual(throughGateway(deprecationOf((await fetch(`${jira.url}/rest/api/2/myself`, { headers: { cookie } })).headers), b));
    });

    it('records each deprecated use once, attributing a cookie issued via A on B from the shared table', async () => {
      const marker = EXEMPT_CLIENT;
      const { body } = await login(a.url, 'demo', DEMO_PASSWORD);
      const cookie = cookieFrom(body);
      const token = a.demoToken()!;
      const sent = await Promise.all(
        Array.from({ length: 40 }, (_, i) => fetch(`${(i % 2 ? a : b).url}/rest/api/2/serverInfo`, { headers: { cookie, 'x-tokenshift-client': marker } })),
      );
      expect(sent.every((r) => r.status === 200)).toBe(true);
      const tokenCall = await fetch(`${b.url}/rest/api/2/myself`, { headers: { authorization: `Bearer ${token}`, 'x-tokenshift-client': marker } });
      expect(tokenCall.headers.get('deprecation')).toBeNull();
      const passwordCall = await fetch(`${b.url}/rest/api/2/myself`, { headers: { authorization: basic('demo', DEMO_PASSWORD), 'x-tokenshift-client': marker } });
      expect(passwordCall.status).toBe(200);
      expect(passwordCall.headers.get('deprecation')).toBe('@1767225600');
      const counts = async () =>
        queryRows<{ kind: string; userName: string | null; n: number }>(
          database.url,
          `SELECT kind, "userName", sum("count")::int AS n FROM "UsageEvent" WHERE "clientId" = $1 GROUP BY 1, 2 ORDER BY 1`,
          [marker],
        );
      const deadline = Date.now() + 20_000;
      while ((await counts()).reduce((n, row) => n + row.n, 0) < 41 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await counts()).toEqual([
        { kind: 'cookie-request', userName: 'demo', n: 40 },
        // B ignores X-AUSERNAME and the gateway never checks a password: the caller is not named.
        { kind: 'password-basic', userName: null, n: 1 },
      ]);
      // Remembered by hash only: the cookie's value is in no column.
      const rows = await queryRows<Record<string, unknown>>(database.url, `SELECT * FROM "GatewayCookie"`);
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(body.session.value);
    });

    it('answers 410 during a brown-out without reaching the upstream, exempt users pass', async () => {
      const upstreamLogins = async () => metric(await metricsOf(`${jira.url}/metrics`), 'tokenshift_deprecated_uses_total', 'kind="session-login"');
      const before = await upstreamLogins();
      const refused = await login(b.url, 'alice', DEMO_PASSWORD);
      expect(refused.status).toBe(410);
      expect(refused.body.errorMessages?.[0]).toMatch(/^Cookie-based authentication \(\/rest\/auth\/1\/session\) is switched off during a scheduled brown-out until /);
      expect(deprecationOf(refused.headers).deprecation).toBe('@1767225600');
      expect(await upstreamLogins()).toBe(before);
      expect((await login(b.url, 'demo', DEMO_PASSWORD)).status).toBe(200);
      expect(await upstreamLogins()).toBe(before + 1);
    });
  });
});

/** The plain upstream again on the same port (after a stop). */
async function startPlainUpstreamOn(port: number, tls: Tls): Promise<Awaited<ReturnType<typeof startPlainUpstream>>> {
  const app = Fastify({ https: { key: tls.key, cert: tls.cert } }) as unknown as FastifyInstance;
  app.get('/binary', async (_request, reply) => reply.code(203).send(BINARY));
  await app.listen({ host: '127.0.0.1', port });
  return { app, url: `https://127.0.0.1:${port}`, port, hits: new Map() };
}
