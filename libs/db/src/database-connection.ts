import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client, Pool } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseOptions } from './database-options';
import { DatabaseTarget, parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { DataDirLock } from './data-dir-lock';
import type { Prisma } from './generated/prisma/client';
import { applyMigrations, findMigrationsDir } from './migrator';
import { pgliteRunner, pgRunner } from './sql-runner';

/**
 * A new pooled connection that PostgreSQL accepts but never finishes setting up (a restart, a backend
 * terminated during its start-up, a half-open network) fails after this instead of holding its
 * request, and every request queued behind it, for ever (pg waits without limit by default).
 */
export const CONNECT_TIMEOUT_MS = 5_000;

/** The database `DATABASE_URL` names, opened: the embedded database with its folder's lock, or PostgreSQL's address. */
export type DatabaseConnection =
  | { target: Extract<DatabaseTarget, { kind: 'pglite' }>; pglite: PGlite; lock: DataDirLock | null }
  | { target: Extract<DatabaseTarget, { kind: 'postgres' }> };

export type DriverAdapter = NonNullable<Prisma.PrismaClientOptions['adapter']>;

/** Opens the database (locking an embedded database's folder) and the Prisma driver adapter for it. */
export function openConnection(options: DatabaseOptions): { connection: DatabaseConnection; adapter: DriverAdapter } {
  const target = parseDatabaseUrl(options.url, options.baseDir);
  if (target.kind === 'postgres') {
    const statementTimeout = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {};
    const pool = new Pool({ connectionString: target.url, max: options.poolSize ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...statementTimeout });
    pool.on('connect', keepErrorsFromCrashing);
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    return { connection: { target }, adapter };
  }
  const lock = target.dataDir ? new DataDirLock(target.dataDir) : null;
  lock?.acquire();
  const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  // pglite-prisma-adapter 0.6.1 was typed against an older driver-adapter-utils.
  const adapter = new PrismaPGlite(pglite) as unknown as DriverAdapter;
  return { connection: { target, pglite, lock }, adapter };
}

/**
 * Every pooled connection keeps an 'error' listener for its whole life. pg-pool removes its own while a
 * connection is checked out, and the Prisma adapter adds one for a transaction only once `connect()`'s
 * promise has resolved: a backend terminated right after its start-up (a restart; its FATAL arrives in
 * the same read as the start-up's end) emitted 'error' with no listener, which ends the process. The
 * error is not lost: the connection is marked broken, its next query fails (503) and the pool drops it.
 */
function keepErrorsFromCrashing(client: Client): void {
  client.on('error', () => undefined);
}

/** Closes an embedded database and releases its folder (PostgreSQL's connections belong to their pools). */
export async function closeConnection(connection: DatabaseConnection): Promise<void> {
  if (!('pglite' in connection)) return;
  await connection.pglite.close();
  connection.lock?.release();
}

/** Applies pending committed migrations on a connection of its own; returns the names applied. */
export async function migrateConnection(connection: DatabaseConnection): Promise<string[]> {
  const migrationsDir = findMigrationsDir();
  if ('pglite' in connection) {
    await connection.pglite.waitReady;
    return applyMigrations(pgliteRunner(connection.pglite), migrationsDir);
  }
  const client = new Client({ connectionString: connection.target.url });
  await client.connect();
  try {
    return await applyMigrations(pgRunner(client), migrationsDir);
  } finally {
    await client.end();
  }
}

/** Names the database for people, without its password. */
export function describeConnection({ target }: DatabaseConnection): string {
  if (target.kind === 'postgres') return `PostgreSQL ${redactDatabaseUrl(target.url)}`;
  return target.dataDir ? `embedded PGlite in ${target.dataDir}` : 'embedded PGlite in memory';
}
