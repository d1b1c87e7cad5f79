// The gateway bench's peers, each in its own process (so neither shares the load generator's event
// loop): `upstream` (a plain fast Fastify app) or `bare-proxy <upstream url>` (@fastify/reply-from
// doing nothing else, on an undici pool set up as the gateway's). Prints its URL on stdout.
import Fastify from 'fastify';
import fastifyReplyFrom from '@fastify/reply-from';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Agent } from 'undici';

const PIECE = Buffer.alloc(64 * 1024, 0x5a);

/** `size` bytes in 64 KiB pieces, never held whole. */
function generated(size: number): Readable {
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const next = PIECE.subarray(0, Math.min(PIECE.length, left));
      left -= next.length;
      this.push(next);
    },
  });
}

function upstream() {
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  // A login answered as Jira does: the session cookie is what the gateway remembers for attribution.
  app.post('/rest/auth/1/session', async (_request, reply) =>
    reply.header('set-cookie', `JSESSIONID=${randomBytes(16).toString('hex')}; Path=/; HttpOnly`).send({ session: { name: 'JSESSIONID' } }),
  );
  app.get('/stream', async (request, reply) => reply.header('content-type', 'application/octet-stream').send(generated(Number((request.query as { bytes?: string }).bytes))));
  app.all('/*', async () => ({ self: 'bench', name: 'bench-user', active: true }));
  return app;
}

function bareProxy(upstreamUrl: string) {
  const app = Fastify();
  // The gateway's pool settings (apps/server/src/gateway/register-gateway.ts), its timeouts at their defaults.
  const dispatcher = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 4_000, headersTimeout: 60_000, bodyTimeout: 60_000, connect: { timeout: 5_000 } });
  void app.register(fastifyReplyFrom, { base: upstreamUrl, undici: dispatcher, disableRequestLogging: true, disableCache: true });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.all('/*', (request, reply) => reply.from(request.url));
  return app;
}

async function main(): Promise<void> {
  const [role, upstreamUrl] = process.argv.slice(2);
  const app = role === 'bare-proxy' && upstreamUrl ? bareProxy(upstreamUrl) : upstream();
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${address}\n`);
  // An orderly exit on the bench's SIGTERM, so that a `--cpu-prof` profile is written.
  process.once('SIGTERM', () => process.exit(0));
}

void main();
