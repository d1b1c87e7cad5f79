import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** What Jira sends on its REST responses: never stored, by a browser or by any cache on the way. */
export const NO_STORE = 'no-cache, no-store, no-transform';

/**
 * Helmet's headers on every response (nosniff, no framing, a strict referrer policy, a CSP for the
 * dashboard and the docs page), and `Cache-Control: no-store` on every REST response that does not set
 * its own: logins carry a session cookie, token creation the token itself, and the rest private data.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'frame-ancestors': ["'none'"],
        // The server may be reached over plain HTTP (a first try on 127.0.0.1, TLS ended elsewhere):
        // upgrading every sub-resource to HTTPS there would break the page.
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    // The docs and the dashboard load only their own files; nothing is shared across origins.
    crossOriginEmbedderPolicy: false,
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (request.url.startsWith('/rest/') && !reply.hasHeader('cache-control')) reply.header('cache-control', NO_STORE);
      done(null, payload);
    });
}
