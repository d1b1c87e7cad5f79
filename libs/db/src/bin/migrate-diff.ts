// `npm run db:diff -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the committed migrations to the current prisma/schema.prisma. Needs PostgreSQL (TEST_POSTGRES_URL):
// the committed migrations are applied to a scratch database, Prisma introspects it (`db pull`), and the
// introspected datamodel is diffed against the schema (the adapter-based CLI cannot diff a live database).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, findMigrationsDir } from '../migrator';
import { pgRunner } from '../sql-runner';
import { createPostgresTestDatabase } from '../testing';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: npm run db:diff -- <name_in_snake_case>');
  const migrationsDir = findMigrationsDir(__dirname);
  const workspace = dirname(dirname(migrationsDir));
  const scratch = await createPostgresTestDatabase('diff');
  try {
    const client = new Client({ connectionString: scratch.url });
    await client.connect();
    await applyMigrations(pgRunner(client), migrationsDir).finally(() => client.end());
    const prisma = (args: string[]) =>
      execFileSync('npx', ['prisma', ...args], { cwd: workspace, env: { ...process.env, DATABASE_URL: scratch.url }, encoding: 'utf8' });
    // `db pull --print` prefixes the schema with a warning about the adapter; keep the schema only.
    const pulled = prisma(['db', 'pull', '--print']);
    const current = join(mkdtempSync(join(tmpdir(), 'prisma-diff-')), 'current.prisma');
    writeFileSync(current, pulled.slice(pulled.search(/^(generator|datasource) /m)));

    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = join(migrationsDir, `${stamp}_${name}`);
    const output = join(folder, 'migration.sql');
    mkdirSync(folder);
    try {
      prisma(['migrate', 'diff', '--from-schema-datamodel', current, '--to-schema-datamodel', 'prisma/schema.prisma', '--script', '-o', output]);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    if (!existsSync(output) || !/\S/.test(readFileSync(output, 'utf8').replace(/^--.*$/gm, ''))) {
      rmSync(folder, { recursive: true, force: true });
      console.log('The schema matches the migrations; nothing written.');
    } else {
      console.log(`Wrote ${output}`);
    }
  } finally {
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
