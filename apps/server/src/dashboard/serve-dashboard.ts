import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `nx build dashboard` writes the page (found from the workspace root, in source and in dist). */
export function dashboardDir(start = __dirname): string | null {
  for (let dir = start; ; dir = resolve(dir, '..')) {
    const candidate = join(dir, 'dist', 'apps', 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'nx.json')) || resolve(dir, '..') === dir) return null;
  }
}

/**
 * Serves the dashboard's static files at /dashboard/ (the migration dashboard), /dashboard/tokens/
 * ("My API tokens") and /dashboard/migration/ ("My migration"). The pages are public (they hold no data);
 * everything they show comes from the API.
 */
export async function serveDashboard(app: NestFastifyApplication): Promise<boolean> {
  const root = dashboardDir();
  if (!root) return false;
  await app.register(fastifyStatic, { root, prefix: '/dashboard/', decorateReply: false, index: ['index.html'] });
  const fastify = app.getHttpAdapter().getInstance();
  // Relative redirects: they keep the gateway's prefix the browser asked under (/tokenshift/dashboard → /tokenshift/dashboard/).
  fastify.get('/dashboard', (_request, reply) => reply.redirect('dashboard/', 302));
  for (const page of ['tokens', 'migration']) fastify.get(`/dashboard/${page}`, (_request, reply) => reply.redirect(`${page}/`, 302));
  return true;
}
