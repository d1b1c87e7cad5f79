import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApp } from '../app.factory';
import { buildAppConfig } from '../config/app-config';

/** A private CA and a certificate it signed for 127.0.0.1, made with openssl for this run. */
function privateCa(dir: string): { caFile: string; key: Buffer; cert: Buffer } {
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=tokenshift test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(at('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.pem'), '-days', '2', '-extfile', at('san.ext'));
  return { caFile: at('ca.pem'), key: readFileSync(at('server.key')), cert: readFileSync(at('server.pem')) };
}

/** The upstream's certificate is verified: against UPSTREAM_CA_FILE when set, else the system CAs (which do not know a private CA). */
describe('gateway to an HTTPS upstream', () => {
  let dir: string;
  let upstream: FastifyInstance;
  let url: string;
  let caFile: string;
  const apps: NestFastifyApplication[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenshift-upstream-tls-'));
    const tls = privateCa(dir);
    caFile = tls.caFile;
    upstream = Fastify({ https: { key: tls.key, cert: tls.cert } }) as unknown as FastifyInstance;
    upstream.get('/hello', async () => ({ hello: 'tls' }));
    await upstream.listen({ host: '127.0.0.1', port: 0 });
    const address = upstream.server.address() as { port: number };
    url = `https://127.0.0.1:${address.port}`;
  }, 60_000);
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const gateway = async (env: Record<string, string>) => {
    const app = await createApp(buildAppConfig({ UPSTREAM_URL: url, DATABASE_URL: 'pglite:memory', DEMO_DATA: 'false', LOG_LEVEL: 'fatal', ...env }));
    apps.push(app);
    // Proxied requests are served by the proxy's own instance behind the server, not by Nest's `inject`.
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.getHttpServer().address() as { port: number };
    return (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  };

  it('refuses an upstream certificate from a CA it was not given (502), and accepts it with UPSTREAM_CA_FILE', async () => {
    const untrusting = await gateway({});
    const refused = await untrusting('/hello');
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({ errorMessages: ['The upstream server could not be reached.'], errors: {} });
    const trusting = await gateway({ UPSTREAM_CA_FILE: caFile });
    const served = await trusting('/hello');
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({ hello: 'tls' });
  }, 180_000);
});
