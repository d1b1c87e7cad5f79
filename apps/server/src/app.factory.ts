import 'reflect-metadata';
import { ConsoleLogger, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
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
  app.enableShutdownHooks();
  await app.init();
  return app;
}
