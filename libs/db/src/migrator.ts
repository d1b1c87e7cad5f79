import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SqlRunner } from './sql-runner';

/**
 * Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) in order,
 * recording them in Prisma's own `_prisma_migrations` table with Prisma's checksum, so the
 * Prisma CLI sees the same history. We apply them in-process because Prisma's CLI cannot run
 * its native engine here and takes seconds per call on PGlite (docs/decisions.md).
 */
export interface AppliedMigration {
  name: string;
  checksum: string;
}

// Prisma's own lock id, so our migrator and `prisma migrate deploy` never run at once.
const PRISMA_ADVISORY_LOCK_ID = 72707369;

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function listMigrations(migrationsDir: string): Array<AppliedMigration & { sql: string }> {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .filter((name) => /^[\w-]+$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies pending migrations; returns the names applied now. Fails on an edited or failed migration. */
export async function applyMigrations(db: SqlRunner, migrationsDir: string): Promise<string[]> {
  const migrations = listMigrations(migrationsDir);
  await db.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_ID]);
  try {
    await db.exec(CREATE_HISTORY_TABLE);
    const history = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const recorded = new Map(history.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const row = recorded.get(migration.name);
      if (row && !row.finished_at) {
        throw new Error(`Migration ${migration.name} failed earlier; resolve it before starting (prisma migrate resolve).`);
      }
      if (row && row.checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead.`);
      }
      if (row) continue;
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
        VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name}', now(), now(), 1)`;
      // One transaction for the migration and its history row: a crash leaves neither.
      await db.exec(`BEGIN;\n${migration.sql}\n;${record};\nCOMMIT;`).catch(async (error: unknown) => {
        await db.exec('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      });
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_ID]);
  }
}

/** Finds `prisma/migrations` from a start folder upwards (source tree, dist or an installed copy). */
export function findMigrationsDir(startDir = __dirname): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`prisma/migrations not found above ${startDir}`);
  }
}
