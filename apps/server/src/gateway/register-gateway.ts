import { METHODS } from 'node:http';
import { type Duplex, Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyReplyFrom, { type FastifyReplyFromHooks } from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent } from 'undici';
import type { AppConfig, GatewayConfig } from '../config/app-config';
import { GracefulShutdown } from '../http/graceful-shutdown.service';
import { MetricsService } from '../metrics/metrics.service';
import { isDeprecatedUse } from '../usage/classify-request';
import { DeprecatedUsePolicy } from '../usage/deprecated-use-policy';
import { registerUsageHooks } from '../usage/usage-hooks';
import { classifyUpstreamRequest, isUpstreamSessionResource, type UpstreamUse } from './classify-upstream-request';
import { CookieAttribution } from './cookie-attribution.service';
import { readLogin } from './login-body';
import { closeWithNest } from './proxy-instance';
import { type Forwarding, forwardRequestHeaders, type PublicAddress, rewriteResponseHeaders } from './proxy-headers';
import { observeAnswer } from './upstream-answer';
import { answerUpstreamFailure } from './upstream-failure';
import { upstreamEndpointOf, upstreamPathOf } from './upstream-route';
import { openTunnel, pendingUpgradeOf, type TunnelSettings } from './websocket-tunnel';

/**
 * Every method Node's parser reads is passed on (WebDAV's PROPFIND, RFC 9110's QUERY…: the gateway fronts any
 * HTTP API), but CONNECT, a tunnel rather than a request, and TRACE, which would echo the client's cookies
 * and credentials back into a page (cross-site tracing); those two get the envelope's 404.
 */
const PROXIED_METHODS = METHODS.filter((method) => method !== 'CONNECT' && method !== 'TRACE');

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
 * Gateway mode: every request outside the prefix is served by the proxy's own Fastify instance
 * (see gateway-server.ts), streamed to the upstream by @fastify/reply-from on an undici pool,
 * classified and attributed on the way, and answered 410 without reaching the upstream when the
 * deprecation policy refuses it. Usage recording, metrics and the request line are the same hooks
 * as on Nest's instance.
 */
export async function registerGateway(app: NestFastifyApplication, proxy: FastifyInstance, config: AppConfig, gateway: GatewayConfig): Promise<void> {
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
  const forwardingSettings: Forwarding = { preserveHost: gateway.preserveHost, trustsProxies: config.server.trustProxy !== false };

  proxy.decorateRequest('upstreamUse', undefined);
  proxy.decorateRequest('gatewayLoginName', undefined);
  // On shutdown the pool closes once its requests are done; past the grace period they are cut with it.
  let markCut: () => void = () => undefined;
  const cut = new Promise<void>((resolve) => (markCut = resolve));
  app.get(GracefulShutdown).atDeadline('the upstream connections with their requests', () => dispatcher.destroy().catch(() => undefined).finally(markCut));
  proxy.addHook('onClose', async () => {
    // undici's close() waits for the requests under way, and never settles once destroy() has cut them.
    if (!dispatcher.destroyed) await Promise.race([dispatcher.close(), cut]);
  });
  closeWithNest(app.getHttpAdapter().getInstance(), proxy);

  // Built once: the same functions serve every proxied request.
  const forwarding: FastifyReplyFromHooks = {
    // A proxy retrying on its own would repeat requests the client sent once.
    retryDelay: () => null,
    rewriteRequestHeaders: (original, headers) => forwardRequestHeaders(original as FastifyRequest, headers, forwardingSettings),
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

  await proxy.register(fastifyReplyFrom, { base: gateway.upstreamUrl, undici: dispatcher, disableRequestLogging: true, disableCache: true });
  const answered = registerUsageHooks(app, proxy);
  const tunnels = new Set<Duplex>();
  app.get(GracefulShutdown).atDeadline('the WebSocket tunnels', () => tunnels.forEach((socket) => socket.destroy()));
  const tunnelSettings: TunnelSettings = {
    upstream,
    ca: gateway.ca,
    connectTimeoutMs: gateway.connectTimeoutMs,
    readTimeoutMs: gateway.readTimeoutMs,
    requestHeaders: (request) => {
      const headers = forwardRequestHeaders(request, { ...request.headers }, forwardingSettings);
      // Node's client then names the upstream's host, as reply-from does.
      if (!gateway.preserveHost) delete headers.host;
      return headers;
    },
    responseHeaders: (headers) => rewriteResponseHeaders(headers, address),
    // An upgrade is a GET, never a login or logout: nothing here is written to the database.
    observe: (request, status, headers) => void observeAnswer(request, status, headers, gateway, attribution, logger),
    accepted: (request, answer) => answered.record(request, 101, answer),
    failed: (reply, error) => answerUpstreamFailure(reply, error, metrics, logger),
  };
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

  const classification = { sessionCookies: gateway.sessionCookies, passwordBasicDeprecated: gateway.passwordBasicDeprecated };
  // What a call is and who makes it, from its first line and headers: a request refused before it is
  // passed on (a login body too large) is still recorded, counted and logged as what it was.
  proxy.addHook('onRequest', (request, _reply, done) => {
    const path = upstreamPathOf(request);
    const { authorization, cookie } = request.headers;
    const use = classifyUpstreamRequest(
      // Cookies count only without `Authorization`: only then are they parsed.
      { method: request.method, path, authorization, cookies: authorization || !cookie ? undefined : fastifyCookie.parse(cookie) },
      classification,
    );
    request.upstreamUse = use;
    request.usageKind = use.kind;
    request.upstreamEndpoint = upstreamEndpointOf(path, isUpstreamSessionResource(path));
    if (use.authMode !== 'anonymous') request.loginIdentity = { authMode: use.authMode, userId: null, name: null };
    done();
  });

  for (const method of PROXIED_METHODS) if (!proxy.supportedMethods.includes(method)) proxy.addHttpMethod(method, { hasBody: true });
  proxy.route({
    method: PROXIED_METHODS,
    url: '/*',
    // A callback, not a promise: only a cookie call whose user is not cached waits, and only a refused one is answered here.
    preHandler: (request, reply, done) => {
      const use = request.upstreamUse as UpstreamUse;
      if (!use.sessionCookie) return applyPolicy(policy, request, reply, use, null, done);
      const known = attribution.cachedUserOf(use.sessionCookie);
      if (known !== undefined) return applyPolicy(policy, request, reply, use, known, done);
      attributedUser(attribution, use.sessionCookie, logger)
        .then((userName) => applyPolicy(policy, request, reply, use, userName, done))
        .catch(done);
    },
    handler: (request, reply) => {
      const upgrade = pendingUpgradeOf(request);
      if (upgrade) openTunnel(request, reply, upgrade, tunnelSettings, tunnels);
      else void reply.from(request.originalUrl, forwarding);
    },
  });
  await proxy.ready();
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
  if (userName && request.loginIdentity) request.loginIdentity.name = userName;
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
