import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, findMigrationsDir, listMigrations } from './migrator';
import { pgliteRunner, pgRunner, SqlRunner } from './sql-runner';
import { createPostgresTestDatabase, TestDatabase } from './testing';

function migrationsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

interface Harness {
  runner: SqlRunner;
  close(): Promise<void>;
}

const harnesses: Record<string, () => Promise<Harness>> = {
  pglite: async () => {
    const db = new PGlite();
    return { runner: pgliteRunner(db), close: () => db.close() };
  },
  postgres: async () => {
    const database: TestDatabase = await createPostgresTestDatabase('migrator');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    return {
      runner: pgRunner(client),
      close: async () => {
        await client.end();
        await database.drop();
      },
    };
  },
};

describe.each(Object.keys(harnesses))('applyMigrations on %s', (kind) => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await harnesses[kind]!();
  });
  afterEach(() => harness.close());

  it('applies the committed schema once and records it as Prisma does', async () => {
    const dir = findMigrationsDir();
    const names = listMigrations(dir).map((m) => m.name);
    expect(await applyMigrations(harness.runner, dir)).toEqual(names);
    expect(await applyMigrations(harness.runner, dir)).toEqual([]);

    const history = await harness.runner.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(history.map((h) => h.migration_name)).toEqual(names);
    expect(history.every((h) => /^[0-9a-f]{64}$/.test(h.checksum) && h.finished_at)).toBe(true);
    const tables = await harness.runner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['User', 'Session', 'ApiToken', 'UsageEvent']));
  });

  it('applies only what is new, in name order', async () => {
    const dir = migrationsFolder({ '002_b': 'CREATE TABLE b (id int);', '001_a': 'CREATE TABLE a (id int);' });
    expect(await applyMigrations(harness.runner, dir)).toEqual(['001_a', '002_b']);
    mkdirSync(join(dir, '003_c'));
    writeFileSync(join(dir, '003_c', 'migration.sql'), 'ALTER TABLE a ADD COLUMN name text;');
    expect(await applyMigrations(harness.runner, dir)).toEqual(['003_c']);
  });

  it('refuses a migration edited after it was applied', async () => {
    const dir = migrationsFolder({ '001_a': 'CREATE TABLE a (id int);' });
    await applyMigrations(harness.runner, dir);
    writeFileSync(join(dir, '001_a', 'migration.sql'), 'CREATE TABLE a (id bigint);');
    await expect(applyMigrations(harness.runner, dir)).rejects.toThrow(/001_a was edited/);
  });

  it('rolls a failing migration back completely and records nothing', async () => {
    const dir = migrationsFolder({ '001_bad': 'CREATE TABLE half (id int);\nSELECT * FROM missing_table;' });
    await expect(applyMigrations(harness.runner, dir)).rejects.toThrow(/001_bad failed/);
    const half = await harness.runner.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half'`);
    expect(half).toHaveLength(0);
    expect(await harness.runner.query('SELECT 1 FROM "_prisma_migrations"')).toHaveLength(0);
  });
});
