import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { redactDatabaseUrl } from './database-url';
import { applyMigrations, findMigrationsDir } from './migrator';
import { pgliteRunner, pgRunner } from './sql-runner';

/**
 * Test helpers: every test file gets its own database, so tests never see each other's rows.
 * PostgreSQL is required: when it is unreachable the tests fail with how to start it.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

async function adminClient(): Promise<Client> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redactDatabaseUrl(TEST_POSTGRES_URL)} (${(error as Error).message}). ` +
        'Start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, ' +
        'or set TEST_POSTGRES_URL to a server where the user may create databases.',
    );
  }
  return client;
}

/** Creates an empty PostgreSQL database named after the test; `drop()` removes it. */
export async function createPostgresTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `ts_${label.replace(/\W/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = await adminClient();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    async drop() {
      const client = await adminClient();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** An in-memory embedded database: nothing to create or drop. */
export function createPgliteTestDatabase(): TestDatabase {
  return { kind: 'pglite', url: 'pglite:memory', drop: async () => undefined };
}

/** Both databases, for `describe.each` over the embedded default and PostgreSQL. */
export const TEST_DATABASE_KINDS = ['pglite', 'postgres'] as const;

export function createTestDatabase(kind: TestDatabase['kind'], label?: string): Promise<TestDatabase> {
  return kind === 'postgres' ? createPostgresTestDatabase(label) : Promise.resolve(createPgliteTestDatabase());
}

/** Runs one query on a database by URL (own connection, closed after): for assertions on stored rows. */
export async function queryRows<Row = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** A copy of the committed migrations up to (without) the given one; remove the folder when done. */
export function migrationsBefore(name: string): string {
  const source = findMigrationsDir();
  const copy = mkdtempSync(join(tmpdir(), 'migrations-before-'));
  for (const entry of readdirSync(source).filter((entry) => entry < name)) cpSync(join(source, entry), join(copy, entry), { recursive: true });
  return copy;
}

/**
 * Leaves a database as a release before the given migration would have: its migrations applied up to
 * (without) that one, then `sql` (rows in the old shape). For a PGlite folder or a PostgreSQL URL.
 */
export async function prepareDatabaseBefore(target: { dataDir: string } | { url: string }, migration: string, sql: string): Promise<void> {
  const migrations = migrationsBefore(migration);
  try {
    if ('dataDir' in target) {
      const db = new PGlite(target.dataDir);
      try {
        await applyMigrations(pgliteRunner(db), migrations);
        await db.exec(sql);
      } finally {
        await db.close();
      }
      return;
    }
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      await applyMigrations(pgRunner(client), migrations);
      await client.query(sql);
    } finally {
      await client.end();
    }
  } finally {
    rmSync(migrations, { recursive: true, force: true });
  }
}

/** The user row the specs create by name: `<name>@example.com`, displayed capitalized ('ada' is 'Ada'). */
export function testUser(name: string): { name: string; email: string; displayName: string } {
  return { name, email: `${name}@example.com`, displayName: name.charAt(0).toUpperCase() + name.slice(1) };
}

/**
 * A database that outlives a server process, for the e2e specs that start servers on it and read or
 * write it while none runs: the embedded one in a folder (open only while no server has it), or a new
 * PostgreSQL database. `env` points a server at it; on PostgreSQL it gives the usage spool its own folder.
 */
export interface ServerTestDatabase {
  env: Record<string, string>;
  /** Runs one statement and returns its rows. */
  query<Row>(sql: string): Promise<Row[]>;
  /** Runs statements, several allowed. */
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

const tempFolder = (name: string) => join(mkdtempSync(join(tmpdir(), `tokenshift-${name}-`)), name);

async function withEmbedded<T>(dataDir: string, use: (db: PGlite) => Promise<T>): Promise<T> {
  const db = new PGlite(dataDir);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

export async function createServerTestDatabase(kind: TestDatabase['kind'], label: string): Promise<ServerTestDatabase> {
  if (kind === 'pglite') {
    const dataDir = tempFolder('pglite');
    return {
      env: { DATABASE_URL: `pglite:${dataDir}` },
      query: <Row>(sql: string) => withEmbedded(dataDir, async (db) => (await db.query<Row>(sql)).rows),
      exec: (sql) => withEmbedded(dataDir, async (db) => void (await db.exec(sql))),
      drop: async () => undefined,
    };
  }
  const database = await createPostgresTestDatabase(label);
  return {
    env: { DATABASE_URL: database.url, USAGE_SPOOL_DIR: tempFolder('spool') },
    query: <Row>(sql: string) => queryRows<Row>(database.url, sql),
    exec: async (sql) => void (await queryRows(database.url, sql)),
    drop: () => database.drop(),
  };
}
