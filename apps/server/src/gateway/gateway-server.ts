import { createServer, type Server, type ServerOptions } from 'node:http';
import type { FastifyInstance, FastifyServerFactory } from 'fastify';
import { isOwnUrl } from './upstream-route';
import { routeUpgrade } from './websocket-tunnel';

/** The options Fastify sets on a server it makes itself, after filling in its defaults. */
interface ServerSettings {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

/**
 * Gateway mode: Nest's Fastify instance makes the one HTTP server (with this `serverFactory`), and
 * hands it only tokenshift's own paths; every other request goes to the proxy's own, bare Fastify
 * instance, so proxied requests pass none of the hooks Nest and its plugins add to every request.
 * The proxy's `routing` serves requests once it is ready (before `listen`).
 */
export function gatewayServerFactory(prefix: string, proxy: FastifyInstance): FastifyServerFactory<Server> {
  return (ownHandler, options) => {
    const settings = options as unknown as ServerSettings;
    const server = createServer(settings.http ?? {}, (request, response) => {
      if (isOwnUrl(request.url ?? '/', prefix)) ownHandler(request, response);
      else proxy.routing(request, response);
    });
    // Upgrade requests are routed the same way; a WebSocket one to the upstream becomes a tunnel.
    server.on('upgrade', (request, socket, head) => routeUpgrade(isOwnUrl(request.url ?? '/', prefix) ? ownHandler : proxy.routing, request, socket, head));
    server.keepAliveTimeout = settings.keepAliveTimeout;
    server.requestTimeout = settings.requestTimeout;
    server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  };
}
