// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (PostgreSQL or PGlite folder).
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { parseDatabaseUrl, redactDatabaseUrl } from '../database-url';
import { DataDirLock } from '../data-dir-lock';
import { applyMigrations, findMigrationsDir } from '../migrator';
import { pgliteRunner, pgRunner } from '../sql-runner';

async function main(): Promise<void> {
  const target = parseDatabaseUrl(process.env.DATABASE_URL);
  const dir = findMigrationsDir(__dirname);
  let applied: string[];
  if (target.kind === 'postgres') {
    const client = new Client({ connectionString: target.url });
    await client.connect();
    try {
      applied = await applyMigrations(pgRunner(client), dir);
    } finally {
      await client.end();
    }
  } else {
    if (!target.dataDir) throw new Error('pglite:memory has nothing to migrate');
    const lock = new DataDirLock(target.dataDir);
    lock.acquire();
    const db = new PGlite(target.dataDir);
    try {
      applied = await applyMigrations(pgliteRunner(db), dir);
    } finally {
      await db.close();
      lock.release();
    }
  }
  const where = target.kind === 'postgres' ? redactDatabaseUrl(target.url) : target.dataDir;
  console.log(applied.length ? `Applied to ${where}: ${applied.join(', ')}` : `${where} is up to date`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${(error as Error).message}`);
  process.exit(1);
});
