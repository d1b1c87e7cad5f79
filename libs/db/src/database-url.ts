import { resolve } from 'node:path';

/** Where the data lives: the embedded PGlite (a folder, or memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null; url: string }
  | { kind: 'postgres'; url: string };

export const DEFAULT_DATABASE_URL = 'pglite:.data/pglite';

/**
 * `DATABASE_URL` chooses the database:
 * - `pglite:<folder>` (default `pglite:.data/pglite`, relative to `baseDir`) or `pglite:memory`;
 * - `postgresql://…` / `postgres://…`.
 */
export function parseDatabaseUrl(url: string | undefined, baseDir = process.cwd()): DatabaseTarget {
  const value = url?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  if (value.startsWith('pglite:')) {
    const location = value.slice('pglite:'.length).replace(/^\/\//, '');
    if (location === 'memory' || location === '') return { kind: 'pglite', dataDir: null, url: value };
    return { kind: 'pglite', dataDir: resolve(baseDir, location), url: value };
  }
  throw new Error(
    `DATABASE_URL must start with pglite: (embedded) or postgresql:// (server); got "${value.split(':')[0]}:…"`,
  );
}

/** The URL with its password masked, for logs and health output. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
