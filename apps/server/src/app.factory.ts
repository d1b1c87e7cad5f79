import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { ConsoleLogger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@tokenshift/shared';
import { AppModule } from './app.module';
import { AUSERNAME } from './auth/seraph-headers';
import { AppConfig } from './config/app-config';

/** Largest request body accepted; Jira's own default for REST is similar. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateAppOptions {
  /** Replaces the structured console logger (tests capture output with it). */
  logger?: LoggerService;
}

/** Builds the server (not yet listening). Used by main.ts and by every e2e test. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, trustProxy: false });
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
  await registerHttpPlugins(app);
  app.enableShutdownHooks();
  await app.init();
  return app;
}

async function registerHttpPlugins(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie);
  // Nest's adapter already parses form bodies (the XSRF check reads atl_token); multipart is
  // accepted as raw bytes (no resource here takes uploads) so a form post gets Jira's 403, not a 415.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Jira names the caller on every response; clients use `anonymous` to detect a dead session.
  fastify.addHook('onSend', async (request, reply) => {
    if (!reply.hasHeader(AUSERNAME)) {
      const user = (request as { user?: Principal }).user;
      reply.header(AUSERNAME, user ? encodeURIComponent(user.name) : 'anonymous');
    }
  });
}
