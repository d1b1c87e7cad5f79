import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AUSERNAME, AuthenticationGuard, type Principal, Public } from '@tokenshift/auth-core';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What the guard reads its route metadata from for a request no route matched: a public route. */
class UnmatchedRoute {
  @Public()
  answer(): void {
    // never called: only its metadata is read
  }
}

/**
 * Jira names the caller in `X-AUSERNAME` on every response, a 404 included. A request that matches
 * no route never reaches Nest's guards, so its credentials are checked here by the same guard, as on a
 * public route: valid ones name the user, bad ones leave the caller anonymous (and say so in
 * `X-Seraph-LoginReason`). Only the header is kept: the request stays anonymous for everything else
 * (usage records, metrics), which keep requests no route matched out of any user's figures. Requests
 * without credentials cost nothing.
 */
export function registerUnmatchedRouteCaller(app: NestFastifyApplication): void {
  const guard = app.get(AuthenticationGuard);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preHandler', (request, reply, done) => {
      // A callback, not a promise: every request passes here, and nearly all have a route.
      if (!request.is404 || request.user || (!request.headers.authorization && !request.headers.cookie)) return done();
      nameUnmatchedCaller(guard, request, reply).then(() => done(), done);
    });
}

async function nameUnmatchedCaller(guard: AuthenticationGuard, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const context = new ExecutionContextHost([request, reply], UnmatchedRoute, UnmatchedRoute.prototype.answer);
  context.setType('http');
  // A database that cannot answer now must not turn a 404 into an error: the caller stays anonymous.
  await Promise.resolve(guard.canActivate(context)).catch(() => undefined);
  const caller: Principal | undefined = request.user;
  request.user = undefined;
  if (caller) reply.header(AUSERNAME, encodeURIComponent(caller.name));
}
