import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where a connection keeps its responses under way (and, until its next request, the last answered). */
const RESPONSES = Symbol('responses');
type TrackedSocket = Socket & { [RESPONSES]?: ServerResponse[] };

/** How many of the requests a deadline cut are named in its log line. */
const NAMED_REQUESTS = 10;

/**
 * Stops the server within a bound, as an orchestrator expects after SIGTERM: no new connections, the
 * requests in flight get the grace period to finish, then whatever is still open is cut (incoming
 * connections, and what registered with `atDeadline`: the gateway's upstream pool) and said so in the
 * log; only then are usage written and the database closed (Nest's shutdown hooks, via `app.close()`).
 * Fastify alone would wait for every request, and a proxied stream need never end.
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger('Shutdown');
  /** Connections that carried a request, each holding its responses under way. */
  private readonly connections = new Set<TrackedSocket>();
  private readonly cutters: { what: string; cut: () => unknown }[] = [];
  private closing = false;
  private drainingSince: number | undefined;

  /** Whether the server is in the delay before it stops listening (`SHUTDOWN_DELAY_MS`): `/health` then answers 503. */
  get draining(): boolean {
    return this.drainingSince !== undefined && !this.closing;
  }

  /**
   * Follows the requests `server` is answering, to name the ones a deadline cuts, and, once closing,
   * closes each connection as its request ends: Node closes only the connections idle when it stops
   * listening, and one whose request ends later would be kept alive for the client (72 s in Fastify).
   * Each connection keeps its latest responses, and is added to a set once: a request costs an array
   * push and no listener until the server is closing. (A `Map` of every request, set and deleted per
   * request, made each young-generation GC copy and promote megabytes: ~35 µs of CPU per proxied request.)
   */
  watch(server: Server): void {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const socket = request.socket as TrackedSocket;
      const responses = socket[RESPONSES];
      if (responses) {
        // Answered in order (HTTP/1.1): the finished ones are the first, almost always all but this one.
        while (responses[0]?.writableFinished) responses.shift();
        responses.push(response);
      } else {
        socket[RESPONSES] = [response];
        this.connections.add(socket);
        socket.once('close', () => this.connections.delete(socket));
      }
      // Fastify's own listener runs first and may have answered already (503 once the server is closing).
      if (this.draining && !response.headersSent) response.setHeader('connection', 'close');
      if (this.closing) this.closeConnectionAfter(server, response);
    });
  }

  /** The responses under way, oldest first on each connection. */
  private inFlight(): ServerResponse[] {
    return [...this.connections].flatMap((socket) => (socket[RESPONSES] ?? []).filter((response) => !response.writableFinished));
  }

  private closeConnectionAfter(server: Server, response: ServerResponse): void {
    // Once Node has marked the connection idle.
    response.once('close', () => setImmediate(() => server.closeIdleConnections()));
  }

  /** Registers connections of the server's own that are cut, not waited for, once the grace period is over. */
  atDeadline(what: string, cut: () => unknown): void {
    this.cutters.push({ what, cut });
  }

  /**
   * Serves on for `delayMs` while `/health` says draining (a load balancer takes the instance out of
   * rotation meanwhile), then closes the HTTP server within `graceMs` (cutting what is left then), then
   * the rest of the application.
   */
  async shutDown(app: NestFastifyApplication, periods: { delayMs: number; graceMs: number }, reason: string): Promise<void> {
    const { delayMs, graceMs } = periods;
    const started = Date.now();
    const fastify = app.getHttpAdapter().getInstance();
    if (delayMs > 0) {
      this.drainingSince = started;
      this.logger.log(`${reason}: draining for ${delayMs} ms (health answers 503, every answer closes its connection), then accepting no new connections`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      reason = 'Drained';
    }
    this.closing = true;
    // Answers still to come say the connection closes, so no client sends another request on it.
    const inFlight = this.inFlight();
    for (const response of inFlight) {
      if (!response.headersSent) response.setHeader('connection', 'close');
      this.closeConnectionAfter(fastify.server, response);
    }
    this.logger.log(`${reason}: accepting no new connections; ${inFlight.length} request(s) in flight get up to ${graceMs} ms to finish`);
    // Stops listening, closes idle keep-alive connections, answers new requests on busy ones 503, waits
    // for the requests in flight, then runs the onClose hooks (the gateway closes its upstream pool).
    const closed = fastify.close();
    if (!(await settlesWithin(closed, graceMs))) {
      const requests = this.inFlight().map((response) => describe(response.req));
      const connections = await connectionCount(fastify.server);
      fastify.server.closeAllConnections();
      for (const { cut } of this.cutters) cut();
      const named = requests.slice(0, NAMED_REQUESTS).join(', ') + (requests.length > NAMED_REQUESTS ? ', …' : '');
      const also = this.cutters.map(({ what }) => `, and ${what}`).join('');
      this.logger.warn(`Grace period of ${graceMs} ms over: cut ${requests.length} request(s) still in flight (${named || 'none'}) and ${connections} open connection(s)${also}`);
      await closed;
    }
    // Nest's shutdown hooks: queued usage is written (bounded), then the invalidation listener and the
    // database are closed. Its own fastify.close() finds the server closed already.
    await app.close();
    this.logger.log(`Shut down in ${Date.now() - started} ms`);
  }
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Method and path as the client sent them (Fastify keeps that as `originalUrl` when the gateway rewrites
 * the URL); no query string: one can carry credentials (Jira accepts `os_password`).
 */
function describe(request: IncomingMessage & { originalUrl?: string }): string {
  return `${request.method ?? '?'} ${(request.originalUrl ?? request.url ?? '').split('?', 1)[0]}`;
}

function connectionCount(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
