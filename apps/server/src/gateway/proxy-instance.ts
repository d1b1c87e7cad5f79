import { Logger } from '@nestjs/common';
import { jiraErrorBody } from '@tokenshift/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { sendJiraError } from '../errors/jira-exception.filter';
import { toJiraError } from '../errors/to-jira-error';
import { fastifyOptions } from '../http/fastify-options';
import { deferredChildLogger } from '../logging/deferred-child-logger';

/** A request target in absolute or asterisk form is routed as a path; the upstream still gets it as sent. */
function asPath(request: IncomingMessage): string {
  const url = request.url ?? '/';
  return url.startsWith('/') ? url : `/${url}`;
}

/**
 * Gateway mode: the bare Fastify instance that serves every proxied request, made with the same logger,
 * request line, request ids and `TRUST_PROXY` as Nest's, and answering its errors in the same envelope.
 * It has none of Nest's or its plugins' hooks: the gateway adds only its own.
 */
export function createProxyInstance(config: AppConfig, log: PinoLogger): FastifyInstance {
  const proxy = Fastify({
    ...fastifyOptions(config, log),
    rewriteUrl: asPath,
    // Most proxied requests write no log line: their logger is made only when one is written.
    childLoggerFactory: deferredChildLogger,
  }) as unknown as FastifyInstance;
  const logger = new Logger('Errors');
  proxy.setErrorHandler((error, _request, reply) => sendJiraError(reply, toJiraError(error), logger));
  proxy.setNotFoundHandler((_request, reply) => {
    void reply.code(404).type('application/json;charset=UTF-8').send(jiraErrorBody('Not found.'));
  });
  return proxy;
}

/**
 * The proxy closes with Nest's instance: it stops taking requests when Nest's does (Fastify then
 * answers further ones on open connections 503 with `Connection: close`), and Nest's close waits for
 * it (its upstream pool lets requests under way finish).
 */
export function closeWithNest(nest: FastifyInstance, proxy: FastifyInstance): void {
  let closing: Promise<void> | undefined;
  nest.addHook('preClose', (done) => {
    closing = proxy.close();
    done();
  });
  nest.addHook('onClose', async () => {
    await (closing ?? proxy.close());
  });
}
