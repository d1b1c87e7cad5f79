import { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, request as httpRequest, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnswerHeaders } from '../usage/usage-hooks';

/** The connection an upgrade request came on, kept on the raw request until the proxy's route takes it. */
const PENDING = Symbol('pending upgrade');

export interface PendingUpgrade {
  socket: Duplex;
  /** What the client sent after its request's headers (the first WebSocket frames, if any). */
  head: Buffer;
}

type UpgradeRequest = IncomingMessage & { [PENDING]?: PendingUpgrade };

/**
 * Only WebSocket upgrades become tunnels. Any other (HTTP/2's `h2c`) would carry every later request
 * past the gateway unseen: it is answered as a plain HTTP/1.1 request, its `Upgrade` dropped.
 */
export function isWebSocketUpgrade(request: IncomingMessage): boolean {
  return request.method === 'GET' && /^\s*websocket\s*$/i.test(request.headers.upgrade ?? '');
}

/**
 * An upgrade request (the server's `upgrade` event) is routed like any other request: `handle` gets a
 * response written straight to its connection, so the proxy's hooks classify it, the policy can refuse
 * it (410) and an upstream that declines the upgrade is answered as usual. Only an upgrade the upstream
 * accepts becomes a tunnel. Node hands the connection over without its own error handling and without
 * keep-alive: it closes after an answer that is not a tunnel.
 */
export function routeUpgrade(handle: (request: IncomingMessage, response: ServerResponse) => void, request: IncomingMessage, socket: Duplex, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  if (isWebSocketUpgrade(request)) (request as UpgradeRequest)[PENDING] = { socket, head };
  const response = new ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(socket as Socket);
  response.once('finish', () => socket.end());
  handle(request, response);
}

/** The WebSocket upgrade waiting on this request, if it is one. */
export function pendingUpgradeOf(request: FastifyRequest): PendingUpgrade | undefined {
  return (request.raw as UpgradeRequest)[PENDING];
}

export interface TunnelSettings {
  upstream: URL;
  ca: string | undefined;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** The request's headers for the upstream: hop-by-hop dropped, `X-Forwarded-*` set. */
  requestHeaders: (request: FastifyRequest) => OutgoingHttpHeaders;
  /** The upstream's headers for the client: hop-by-hop dropped, its own address made public. */
  responseHeaders: (headers: IncomingHttpHeaders) => IncomingHttpHeaders;
  /** What the upstream's answer says of the caller (the user it names), before the use is recorded. */
  observe: (request: FastifyRequest, status: number, headers: IncomingHttpHeaders) => void;
  /** The tunnel is accepted (101): records the use, adding its deprecation headers; may make the 101 wait (the usage spool). */
  accepted: (request: FastifyRequest, answer: AnswerHeaders) => Promise<void> | undefined;
  /** The upstream could not be reached or did not answer in time: 502 or 504. */
  failed: (reply: FastifyReply, error: Error) => void;
}

/**
 * WebSocket pass-through, as nginx does it: the upgrade request is sent to the upstream and, once it
 * answers `101`, the two connections are joined byte for byte until either closes. An upstream that
 * answers anything else is answered as any proxied request. Open tunnels are kept in `open` so that a
 * shutdown can cut them at its deadline.
 */
export function openTunnel(request: FastifyRequest, reply: FastifyReply, pending: PendingUpgrade, settings: TunnelSettings, open: Set<Duplex>): void {
  const headers = settings.requestHeaders(request);
  headers.connection = 'Upgrade';
  headers.upgrade = request.headers.upgrade;
  const send = settings.upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const outgoing = send(new URL(request.originalUrl, settings.upstream), {
    method: request.method,
    headers,
    agent: false,
    timeout: settings.connectTimeoutMs,
    ...(settings.ca ? { ca: settings.ca } : {}),
  });
  outgoing.once('socket', (socket) => socket.once('connect', () => outgoing.setTimeout(settings.readTimeoutMs)));
  outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('The upstream did not answer the upgrade in time'), { statusCode: 504 })));
  outgoing.on('error', (error) => {
    if (!reply.sent) settings.failed(reply, error);
  });
  // The client left before the upstream answered.
  const leave = (): void => void outgoing.destroy();
  pending.socket.once('close', leave);
  outgoing.on('response', (response) => {
    pending.socket.off('close', leave);
    settings.observe(request, response.statusCode ?? 502, response.headers);
    void reply.code(response.statusCode ?? 502).headers(settings.responseHeaders(response.headers)).send(response);
  });
  outgoing.on('upgrade', (response, upstream: Socket, upstreamHead: Buffer) => {
    pending.socket.off('close', leave);
    reply.hijack();
    upstream.on('error', () => upstream.destroy());
    settings.observe(request, 101, response.headers);
    const answerHeaders: IncomingHttpHeaders = { ...settings.responseHeaders({ ...response.headers }), connection: 'Upgrade', upgrade: response.headers.upgrade };
    const join = (): void => {
      pending.socket.write(statusAndHeaders(response, answerHeaders));
      joinSockets(pending, upstream, upstreamHead, open);
    };
    const spooled = settings.accepted(request, { headers: (values) => Object.assign(answerHeaders, values) });
    if (spooled) spooled.then(join, () => closeBoth(pending.socket, upstream));
    else join();
  });
  outgoing.end();
}

function statusAndHeaders(response: IncomingMessage, headers: IncomingHttpHeaders): string {
  let head = `HTTP/1.1 101 ${response.statusMessage || 'Switching Protocols'}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) head += `${name}: ${item}\r\n`;
  }
  return `${head}\r\n`;
}

function joinSockets(pending: PendingUpgrade, upstream: Socket, upstreamHead: Buffer, open: Set<Duplex>): void {
  const client = pending.socket;
  // A WebSocket may stay idle for hours; the protocol's own pings keep it alive, not the server's timeouts.
  (client as Socket).setTimeout?.(0);
  upstream.setTimeout(0);
  upstream.setNoDelay(true);
  if (upstreamHead.length) client.write(upstreamHead);
  if (pending.head.length) upstream.write(pending.head);
  client.pipe(upstream);
  upstream.pipe(client);
  open.add(client);
  // A side that ended is followed by `pipe` (its end passed on, the rest still delivered); one that was
  // reset or failed takes the other down with it.
  client.once('close', () => {
    open.delete(client);
    if (!upstream.writableEnded) upstream.destroy();
  });
  upstream.once('close', () => {
    if (!client.writableEnded) client.destroy();
  });
}

function closeBoth(client: Duplex, upstream: Socket): void {
  client.destroy();
  upstream.destroy();
}
