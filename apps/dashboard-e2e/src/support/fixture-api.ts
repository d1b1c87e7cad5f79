import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { WORKSPACE_ROOT } from '@tokenshift/testing';

/**
 * A stand-in for the server's read API, for the states the real server cannot be made to show on demand
 * (a failing endpoint, an empty database at the same time as a sunset in the past). It serves the built
 * page at /dashboard/ and answers each API path with what the test sets.
 */
export const ADMIN_TOKEN = 'tsk_fixture_admin';
export const USER_TOKEN = 'tsk_fixture_user';

export interface Canned {
  status: number;
  body: unknown;
  contentType?: string;
}

const DIST = join(WORKSPACE_ROOT, 'dist', 'apps', 'dashboard');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export class FixtureApi {
  readonly routes = new Map<string, Canned>();
  readonly requests: { path: string; authorization?: string }[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  set(path: string, body: unknown, status = 200): void {
    this.routes.set(path, { status, body });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fixture');
    if (url.pathname.startsWith('/dashboard/')) {
      const file = normalize(join(DIST, url.pathname.slice('/dashboard/'.length) || 'index.html'));
      if (!file.startsWith(DIST)) {
        response.writeHead(404).end();
        return;
      }
      try {
        const content = await readFile(file);
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(content);
      } catch {
        response.writeHead(404).end();
      }
      return;
    }
    const authorization = request.headers.authorization;
    this.requests.push({ path: url.pathname + url.search, authorization });
    const send = (status: number, body: unknown, contentType = 'application/json'): void => {
      response.writeHead(status, { 'content-type': contentType }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const signedIn = authorization === `Bearer ${ADMIN_TOKEN}` || authorization === `Bearer ${USER_TOKEN}`;
    if (url.pathname === '/rest/auth/1/session') {
      if (request.method === 'DELETE') return send(204, '');
      if (!signedIn) return send(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
      return send(200, { name: authorization === `Bearer ${ADMIN_TOKEN}` ? 'admin' : 'alice' });
    }
    if (!signedIn) return send(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
    if (authorization === `Bearer ${USER_TOKEN}`) return send(403, { errorMessages: ['You are not an administrator.'], errors: {} });
    const canned = this.routes.get(url.pathname);
    if (!canned) return send(404, { errorMessages: [`No fixture for ${url.pathname}`], errors: {} });
    send(canned.status, canned.body, canned.contentType);
  }
}

export function emptySummary(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    from: new Date(now - 30 * 86_400_000).toISOString(),
    to: new Date(now).toISOString(),
    deprecatedCalls: 0,
    tokenCalls: 0,
    tokenShare: null,
    deprecatedUsers: 0,
    deprecatedClients: 0,
    refusals: 0,
    policy: { mode: 'off', deprecatedAt: null, sunsetAt: null, daysToSunset: null, inBrownout: false, brownouts: [] },
    recording: { queued: 0, written: 0, dropped: 0, pending: 0 },
    stored: { deprecatedCalls: 0, tokenCalls: 0, firstHour: null, lastHour: null },
    ...overrides,
  };
}
