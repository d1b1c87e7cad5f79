import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyReplyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from';
import type { AuthMode } from '@tokenshift/shared';
import { jiraErrorBody } from '@tokenshift/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent } from 'undici';
import type { AppConfig, GatewayConfig } from '../config/app-config';
import { GracefulShutdown } from '../http/graceful-shutdown.service';
import { MetricsService } from '../metrics/metrics.service';
import { isDeprecatedUse } from '../usage/classify-request';
import { DeprecatedUsePolicy } from '../usage/deprecated-use-policy';
import { headerValue } from '../usage/request-usage';
import { classifyUpstreamRequest, isUpstreamSessionResource, type UpstreamUse } from './classify-upstream-request';
import { CookieAttribution } from './cookie-attribution.service';
import { dropEmptyBodyType, dropHopByHop, type PublicAddress, rewriteResponseHeaders, setForwardedHeaders } from './proxy-headers';
import { UPSTREAM_ROUTE_PREFIX, upstreamEndpointOf, upstreamPathOf } from './upstream-route';
import { deferredChildLogger } from '../logging/deferred-child-logger';

/** A login body is small; the gateway reads it (for the username) up to this size, and streams every other body. */
const LOGIN_BODY_LIMIT_BYTES = 64 * 1024;

interface UpstreamResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  stream: Readable;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Gateway mode: what the proxied request is, from its shape. */
    upstreamUse?: UpstreamUse;
    /** Gateway mode: the username a session login's body names (confirmed only by the upstream's 200). */
    gatewayLoginName?: string | null;
  }
}

/**
 * Gateway mode: every request outside the prefix is streamed to the upstream by @fastify/reply-from
 * on an undici pool, classified and attributed on the way, and answered 410 without reaching the
 * upstream when the deprecation policy refuses it.
 */
export async function registerGateway(app: NestFastifyApplication, config: AppConfig, gateway: GatewayConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const policy = app.get(DeprecatedUsePolicy);
  const attribution = app.get(CookieAttribution);
  const metrics = app.get(MetricsService);
  const logger = new Logger('Gateway');
  const dispatcher = new Agent({
    connections: 256,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    headersTimeout: gateway.readTimeoutMs,
    bodyTimeout: gateway.readTimeoutMs,
    connect: { timeout: gateway.connectTimeoutMs, ...(gateway.ca ? { ca: gateway.ca } : {}) },
  });
  const upstream = new URL(gateway.upstreamUrl);
  const publicUrl = new URL(config.server.baseUrl);
  const address: PublicAddress = {
    upstreamOrigin: upstream.origin,
    upstreamHostname: upstream.hostname,
    publicOrigin: publicUrl.origin,
    publicHostname: publicUrl.hostname,
  };
  const trustsProxies = config.server.trustProxy !== false;

  fastify.decorateRequest('upstreamUse', undefined);
  fastify.decorateRequest('gatewayLoginName', undefined);
  // On shutdown the pool closes once its requests are done; past the grace period they are cut with it.
  app.get(GracefulShutdown).atDeadline('the upstream connections with their requests', () => dispatcher.destroy().catch(() => undefined));
  fastify.addHook('onClose', async () => {
    if (!dispatcher.destroyed) await dispatcher.close();
  });

  // Built once: the same functions serve every proxied request.
  const forwarding: FastifyReplyFromHooks = {
    // A proxy retrying on its own would repeat requests the client sent once.
    retryDelay: () => null,
    rewriteRequestHeaders: (original, headers) => {
      dropEmptyBodyType(headers, original.method);
      dropHopByHop(headers);
      if (gateway.preserveHost && original.headers.host) headers.host = original.headers.host;
      setForwardedHeaders(headers, original.socket.remoteAddress, {
        clientIp: original.ip,
        trusted: trustsProxies && original.ip !== original.socket.remoteAddress,
        protocol: original.protocol,
        host: original.headers.host,
      });
      return headers;
    },
    rewriteHeaders: (headers) => rewriteResponseHeaders(headers, address),
    onResponse: (original, answer, raw) => {
      // reply-from's types cover HTTP/2 too; over undici this is the upstream's status, headers and body stream.
      const response = raw as unknown as UpstreamResponse;
      const observed = observeAnswer(original as FastifyRequest, response.statusCode, response.headers, gateway, attribution, logger);
      if (observed) void observed.finally(() => answer.send(response.stream));
      else void answer.send(response.stream);
    },
    onError: (answer, { error }) => answerUpstreamFailure(answer as FastifyReply, error, metrics, logger),
  };

  await fastify.register(async (proxy: FastifyInstance) => {
    // Most proxied requests write no log line: their logger is made only when one is written.
    proxy.setChildLoggerFactory(deferredChildLogger);
    await proxy.register(fastifyReplyFrom, { base: gateway.upstreamUrl, undici: dispatcher, disableRequestLogging: true, disableCache: true });
    // Bodies are passed on as they arrive: no parsing and no size limit here, the upstream has its own.
    proxy.removeAllContentTypeParsers();
    proxy.addContentTypeParser('*', (request, payload, done) => {
      if (request.method === 'POST' && isUpstreamSessionResource(upstreamPathOf(request))) {
        readLogin(payload).then(({ body, username }) => {
          request.gatewayLoginName = username;
          done(null, Readable.from([body]));
        }, (error: Error) => done(error, undefined));
        return;
      }
      done(null, payload);
    });

    proxy.route({
      method: ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'],
      url: `${UPSTREAM_ROUTE_PREFIX}/*`,
      helmet: false,
      // A callback, not a promise: only a cookie call waits (for its user), and only a refused one is answered here.
      preHandler: (request, reply, done) => {
        const path = upstreamPathOf(request);
        const use = classifyUpstreamRequest(
          { method: request.method, path, authorization: request.headers.authorization, cookies: request.cookies },
          { sessionCookies: gateway.sessionCookies, passwordBasicDeprecated: gateway.passwordBasicDeprecated },
        );
        request.upstreamUse = use;
        request.usageKind = use.kind;
        request.upstreamEndpoint = upstreamEndpointOf(path, isUpstreamSessionResource(path));
        if (!use.sessionCookie) return applyPolicy(policy, request, reply, use, null, done);
        attributedUser(attribution, use.sessionCookie, logger)
          .then((userName) => applyPolicy(policy, request, reply, use, userName, done))
          .catch(done);
      },
      handler: (request, reply) => reply.from(request.originalUrl, forwarding),
    });
  });
}

/** Names the caller where the gateway can, then answers a call the deprecation policy refuses (never sent upstream). */
function applyPolicy(
  policy: DeprecatedUsePolicy,
  request: FastifyRequest,
  reply: FastifyReply,
  use: UpstreamUse,
  userName: string | null,
  done: (error?: Error) => void,
): void {
  if (use.authMode !== 'anonymous') request.loginIdentity = { authMode: use.authMode, userId: null, name: userName || null };
  if (!isDeprecatedUse(use.kind)) return done();
  const refusal = policy.refusalOf(request, use.kind === 'session-login' ? (request.gatewayLoginName ?? null) : (userName ?? use.claimedUser ?? null));
  if (refusal) void reply.code(refusal.getStatus()).send(refusal.getResponse());
  else done();
}

/** The user a session cookie was issued to; a database that cannot answer leaves the call unattributed, never refused. */
async function attributedUser(attribution: CookieAttribution, cookie: string, logger: Logger): Promise<string | null> {
  try {
    return await attribution.userOf(cookie);
  } catch (error) {
    logger.warn(`Session cookie not attributed: ${(error as Error).message}`);
    return null;
  }
}

/**
 * What the upstream's answer says about the caller: the user it names (it wins), the user of a login it
 * accepted (the body's username), and the session cookies it issued on that login, remembered by hash.
 * A promise only when the database is written (a login, a logout): every other answer goes on at once.
 */
function observeAnswer(
  request: FastifyRequest,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  gateway: GatewayConfig,
  attribution: CookieAttribution,
  logger: Logger,
): Promise<void> | undefined {
  const use = request.upstreamUse;
  if (!use) return undefined;
  const named = upstreamUserOf(headerValue(headers[gateway.userHeader]));
  if (use.kind === 'session-login') {
    const userName = named ?? request.gatewayLoginName;
    if (status !== 200 || !userName) return undefined;
    request.loginIdentity = { authMode: 'session', userId: null, name: userName };
    const issued = issuedSessionCookies(headers['set-cookie'], gateway.sessionCookies);
    return Promise.all(issued.map((value) => attribution.remember(value, userName))).then(
      () => undefined,
      (error: Error) => logger.warn(`Session cookie not remembered: ${error.message}`),
    );
  }
  if (named && use.authMode !== 'anonymous') request.loginIdentity = { authMode: use.authMode as AuthMode, userId: null, name: named };
  if (use.kind === 'session-logout' && status >= 200 && status < 300 && use.sessionCookie) {
    return attribution.forget(use.sessionCookie).catch((error: Error) => logger.warn(`Session cookie not forgotten: ${error.message}`));
  }
  return undefined;
}

/** Jira names an anonymous caller `anonymous`, and URL-encodes names. */
function upstreamUserOf(value: string | null): string | null {
  if (!value || value === 'anonymous') return null;
  try {
    return decodeURIComponent(value).slice(0, 255);
  } catch {
    return value.slice(0, 255);
  }
}

/** Values of the upstream's session cookies in a response's `Set-Cookie` lines (not ones it deletes). */
export function issuedSessionCookies(setCookie: string | string[] | undefined, names: readonly string[]): string[] {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const values: string[] = [];
  for (const line of lines) {
    const pair = line.split(';', 1)[0] ?? '';
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (names.includes(name) && value && !/;\s*max-age\s*=\s*0\b/i.test(line)) values.push(value);
  }
  return values;
}

async function readLogin(payload: NodeJS.ReadableStream): Promise<{ body: Buffer; username: string | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > LOGIN_BODY_LIMIT_BYTES) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    chunks.push(buffer);
  }
  const body = Buffer.concat(chunks);
  return { body, username: usernameIn(body) };
}

function usernameIn(body: Buffer): string | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const username = (parsed as { username?: unknown } | null)?.username;
    return typeof username === 'string' ? username.slice(0, 255) : null;
  } catch {
    return null;
  }
}

/** Upstream down → 502, too slow → 504, in Jira's envelope, and counted. */
function answerUpstreamFailure(reply: FastifyReply, error: Error & { statusCode?: number; code?: string; cause?: unknown }, metrics: MetricsService, logger: Logger): void {
  const cause = error.cause as { code?: string } | undefined;
  const timedOut = error.statusCode === 504 || /TIMEOUT/i.test(`${error.code ?? ''} ${cause?.code ?? ''}`);
  metrics.upstreamFailures.inc({ reason: timedOut ? 'timeout' : 'unreachable' });
  logger.warn(`Upstream ${timedOut ? 'timed out' : 'unreachable'}: ${cause?.code ?? error.code ?? error.message}`);
  if (reply.sent) return;
  void reply
    .code(timedOut ? 504 : 502)
    .header('content-type', 'application/json;charset=UTF-8')
    .send(jiraErrorBody(timedOut ? 'The upstream server did not answer in time.' : 'The upstream server could not be reached.'));
}
