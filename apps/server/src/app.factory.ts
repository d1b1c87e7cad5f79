import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { ConsoleLogger, Logger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@tokenshift/shared';
import { AppModule } from './app.module';
import { AUSERNAME } from './auth/seraph-headers';
import { serveDashboard } from './dashboard/serve-dashboard';
import { setUpOpenApi } from './openapi';
import { registerUsageHooks } from './usage/usage-hooks';
import { AppConfig } from './config/app-config';
import { JiraHttpException } from './errors/jira-http.exception';
import { answerClientError, answerFrameworkError } from './errors/protocol-errors';
import { problemWithRequestValue } from './errors/request-values';

/** Largest request body accepted (a scan report of ~20,000 findings fits). */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface CreateAppOptions {
  /** Replaces the structured console logger (tests capture output with it). */
  logger?: LoggerService;
}

/** Builds the server (not yet listening). Used by main.ts and by every e2e test. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.server.trustProxy,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  const { logFormat, logLevel } = config.server;
  const levels = (['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const).slice(
    0,
    ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(logLevel) + 2,
  );
  app.useLogger(options.logger ?? new ConsoleLogger({ json: logFormat === 'json', logLevels: [...levels], colors: logFormat === 'text' }));
  await registerHttpPlugins(app, levels.includes('log'));
  registerUsageHooks(app);
  setUpOpenApi(app, config.auth.session.cookieName);
  if (!(await serveDashboard(app))) new Logger('Dashboard').warn('Dashboard not built (npx nx build dashboard); /dashboard is not served');
  app.enableShutdownHooks();
  await app.init();
  return app;
}

async function registerHttpPlugins(app: NestFastifyApplication, logRequests: boolean): Promise<void> {
  await app.register(fastifyCookie);
  // Nest's adapter already parses form bodies (the XSRF check reads atl_token); multipart is
  // accepted as raw bytes (no resource here takes uploads) so a form post gets Jira's 403, not a 415.
  const fastify = app.getHttpAdapter().getInstance();
  // The principal the authentication guard sets: declared up front so every request object keeps one
  // shape (Fastify's advice for properties added per request), instead of growing one on authenticated calls.
  fastify.decorateRequest('user', undefined);
  // An empty body with a JSON content type (curl -XPOST -H 'Content-Type: application/json') is no body,
  // as Jira treats it, rather than Fastify's "empty JSON body" 400.
  fastify.addHook('onRequest', async (request) => {
    if (request.headers['content-length'] === '0' && request.headers['content-type']?.startsWith('application/json')) {
      delete request.headers['content-type'];
    }
  });
  // Text PostgreSQL cannot store (NUL, unpaired surrogates) and bodies nested deep enough to exhaust
  // the validator's stack are bad input: refused here, before any guard or database query sees them.
  fastify.addHook('preValidation', async (request) => {
    const problem = problemWithRequestValue(request.body) ?? problemWithRequestValue(request.query) ?? problemWithRequestValue(request.params);
    if (problem) throw new JiraHttpException(400, problem);
  });
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // One line per request: route (never the query string, which could carry a token), status, time, who and how.
  const requestLog = new Logger('HTTP');
  if (logRequests) fastify.addHook('onResponse', async (request, reply) => {
    const user = (request as { user?: Principal }).user;
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    requestLog.log(`${request.method} ${route} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms user=${user?.name ?? '-'} auth=${user?.authMode ?? '-'}`);
  });
  // Jira names the caller on every response; clients use `anonymous` to detect a dead session.
  fastify.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader(AUSERNAME)) {
      const user = (request as { user?: Principal }).user;
      reply.header(AUSERNAME, user ? encodeURIComponent(user.name) : 'anonymous');
    }
  });
}
