import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import { registerLoginRateLimits } from './auth/login-rate-limit';
import { registerUnmatchedRouteCaller } from './auth/unmatched-route-caller';
import { serveDashboard } from './dashboard/serve-dashboard';
import { setUpOpenApi } from './openapi';
import { registerUsageHooks } from './usage/usage-hooks';
import { AppConfig } from './config/app-config';
import { JiraHttpException } from '@tokenshift/shared/nest';
import { answerClientError } from './errors/protocol-errors';
import { problemWithRequestValue } from './errors/request-values';
import { GracefulShutdown } from './http/graceful-shutdown.service';
import { registerSecurityHeaders } from './http/security-headers';
import { createLogger } from './logging/create-logger';
import { NestPinoLogger } from './logging/nest-pino-logger';
import { AUSERNAME } from '@tokenshift/auth-core';
import { registerGateway } from './gateway/register-gateway';
import { gatewayServerFactory } from './gateway/gateway-server';
import { createProxyInstance } from './gateway/proxy-instance';
import { ownUrlRewrite } from './gateway/upstream-route';
import { fastifyOptions } from './http/fastify-options';

/**
 * Largest body the Jira resources take: their largest valid body (an issue with a 32,767-character
 * description, a 10,000-character query with field lists) is far below it, and JSON parsing a body
 * costs the server's one thread in proportion to its size.
 */
export const JIRA_BODY_LIMIT_BYTES = 256 * 1024;

export interface CreateAppOptions {
  /** The process's pino logger (main.ts writes its own lines with it); by default one made from the config. */
  log?: PinoLogger;
}

/** Builds the server (not yet listening). Used by main.ts and by every e2e test. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const log = options.log ?? createLogger({ level: config.server.logLevel, format: config.server.logFormat, sessionCookieName: config.auth.session.cookieName });
  // Gateway mode: proxied requests are served by their own Fastify instance, behind the same server.
  const gateway = config.gateway ? { settings: config.gateway, proxy: createProxyInstance(config, log) } : null;
  const adapter = new FastifyAdapter({
    ...fastifyOptions(config, log),
    clientErrorHandler: answerClientError,
    // Gateway mode: only tokenshift's own paths reach Nest's instance, without their prefix.
    ...(gateway ? { serverFactory: gatewayServerFactory(gateway.settings.prefix, gateway.proxy), rewriteUrl: ownUrlRewrite(gateway.settings.prefix) } : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new NestPinoLogger(log));
  // Nest otherwise keeps buffering until listen(): start-up lines would follow "Server listening".
  app.flushLogs();
  await registerHttpPlugins(app);
  await registerLoginRateLimits(app, config.auth.loginRateLimit, config.auth.allowPasswordBasic);
  if (gateway) await registerGateway(app, gateway.proxy, config, gateway.settings);
  registerUnmatchedRouteCaller(app);
  registerUsageHooks(app);
  setUpOpenApi(app, {
    cookieName: config.auth.session.cookieName,
    baseUrl: config.server.baseUrl,
    sunset: config.deprecation.policy.schedule.sunsetAt,
  });
  if (!(await serveDashboard(app))) new Logger('Dashboard').warn('Dashboard not built (npx nx build dashboard); /dashboard is not served');
  // Not Nest's enableShutdownHooks: its signal handler waits for every request with no bound. main.ts
  // stops the server on a signal through GracefulShutdown; tests call app.close().
  app.get(GracefulShutdown).watch(app.getHttpAdapter().getInstance().server);
  await app.init();
  return app;
}

async function registerHttpPlugins(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app);
  // Nest's adapter already parses form bodies (the XSRF check reads atl_token); multipart is
  // accepted as raw bytes (no resource here takes uploads) so a form post gets Jira's 403, not a 415.
  const fastify = app.getHttpAdapter().getInstance();
  // The principal the authentication guard sets: declared up front so every request object keeps one
  // shape (Fastify's advice for properties added per request), instead of growing one on authenticated calls.
  fastify.decorateRequest('user', undefined);
  fastify.decorateRequest('authDenial', undefined);
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/rest/api/')) route.bodyLimit = JIRA_BODY_LIMIT_BYTES;
  });
  // An empty body with a JSON content type (curl -XPOST -H 'Content-Type: application/json') is no body,
  // as Jira treats it, rather than Fastify's "empty JSON body" 400.
  // These hooks take callbacks, not promises: every request passes them.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.headers['content-length'] === '0' && request.headers['content-type']?.startsWith('application/json')) {
      delete request.headers['content-type'];
    }
    done();
  });
  // Text PostgreSQL cannot store (NUL, unpaired surrogates) and bodies nested deep enough to exhaust
  // the validator's stack are bad input: refused here, before any guard or database query sees them.
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problem = problemWithRequestValue(request.body) ?? problemWithRequestValue(request.query) ?? problemWithRequestValue(request.params);
    done(problem ? new JiraHttpException(400, problem) : undefined);
  });
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Jira names the caller on every response; clients use `anonymous` to detect a dead session.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader(AUSERNAME)) {
      const user = request.user;
      reply.header(AUSERNAME, user ? encodeURIComponent(user.name) : 'anonymous');
    }
    done(null, payload);
  });
}
