import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { answerFrameworkError } from '../errors/protocol-errors';
import { RequestLogController } from '../logging/request-log.controller';

/** Largest request body accepted (a scan report of ~20,000 findings fits). */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/**
 * What every Fastify instance of the server is made with (Nest's, and in gateway mode the proxy's):
 * one logger and request line, request ids, body limit, `TRUST_PROXY`, and Jira's envelope for a URL
 * the router refuses.
 */
export function fastifyOptions(config: AppConfig, log: PinoLogger): FastifyServerOptions & { loggerInstance: PinoLogger } {
  return {
    loggerInstance: log,
    logController: new RequestLogController(config.deprecation.clientIdHeader),
    // Unique across instances (Fastify's default counts from 1 in each process).
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.server.trustProxy,
    frameworkErrors: answerFrameworkError,
  };
}
