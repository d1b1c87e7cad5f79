import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { basicCredentialsOf, hasApiTokenShape } from '@tokenshift/auth-core';
import { JiraHttpException } from '@tokenshift/shared/nest';
import type { FastifyRequest } from 'fastify';
import type { LoginRateLimit } from '../config/app-config';
import { DASHBOARD_SESSION_PATH, SESSION_RESOURCE_PATHS } from '../routes';

/** Every route that takes a password in its body: Jira's session login and the dashboard's web sign-in. */
const LOGIN_ROUTES = new Set([...SESSION_RESOURCE_PATHS, DASHBOARD_SESSION_PATH].map((path) => `/${path}`));

/**
 * The username a request's password check is for, or undefined when the request checks no password:
 * the session login and the dashboard sign-in `POST`, and (when enabled) `Authorization: Basic` whose secret is not shaped like
 * an API token (a token is checked by its hash, with no lock-out, and not counted here).
 */
function passwordCheckedFor(request: FastifyRequest, allowPasswordBasic: boolean): string | undefined {
  if (request.method === 'POST' && LOGIN_ROUTES.has(request.routeOptions.url ?? '')) {
    const body = request.body as { username?: unknown } | undefined;
    return typeof body?.username === 'string' ? body.username : '';
  }
  if (!allowPasswordBasic) return undefined;
  const credentials = basicCredentialsOf(request);
  return credentials && !hasApiTokenShape(credentials.password) ? credentials.userid : undefined;
}

/**
 * Rate limits on every password check, per client address and per username (known or not, from all
 * addresses together), with `@fastify/rate-limit`'s in-memory counters: they bound how many slow
 * password hashes one address or one targeted account can cost, beside the lock-out (which stops
 * guessing one account but not spraying many). Past a limit: `429` in Jira's envelope with `Retry-After`.
 * Runs as a `preHandler`, after the body is parsed and before the authentication guard.
 */
export async function registerLoginRateLimits(app: NestFastifyApplication, limits: LoginRateLimit, allowPasswordBasic: boolean): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Each counter keeps its keys in its own bounded LRU (the plugin's 5,000 by default), not in the database.
  await fastify.register(fastifyRateLimit, { global: false });
  const timeWindow = limits.windowSeconds * 1000;
  const counters = [
    limits.perIp > 0 && fastify.createRateLimit({ max: limits.perIp, timeWindow, keyGenerator: (request) => request.ip }),
    limits.perAccount > 0 &&
      fastify.createRateLimit({
        max: limits.perAccount,
        timeWindow,
        keyGenerator: (request) => (passwordCheckedFor(request, allowPasswordBasic) ?? '').toLowerCase(),
      }),
  ].filter((counter) => counter !== false);
  if (counters.length === 0) return;
  fastify.addHook('preHandler', async (request, reply) => {
    if (passwordCheckedFor(request, allowPasswordBasic) === undefined) return;
    for (const counter of counters) {
      const counted = await counter(request);
      if (counted.isAllowed || !counted.isExceeded) continue;
      const retryAfter = String(Math.max(1, counted.ttlInSeconds));
      reply.header('Retry-After', retryAfter);
      throw new JiraHttpException(429, `Too many login attempts. Try again in ${retryAfter} seconds.`, { 'Retry-After': retryAfter });
    }
  });
}
