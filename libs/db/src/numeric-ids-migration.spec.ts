import { PGlite } from '@electric-sql/pglite';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, findMigrationsDir } from './migrator';
import { pgliteRunner, pgRunner, SqlRunner } from './sql-runner';
import { createPostgresTestDatabase } from './testing';

const MIGRATION = '20261206075930_numeric_ids';

/** A copy of the committed migrations up to (without) the given one, so rows can be written in the old shape. */
function migrationsBefore(name: string): string {
  const source = findMigrationsDir();
  const copy = mkdtempSync(join(tmpdir(), 'migrations-before-'));
  for (const entry of readdirSync(source).filter((entry) => entry < name)) cpSync(join(source, entry), join(copy, entry), { recursive: true });
  return copy;
}

const harnesses: Record<string, () => Promise<{ runner: SqlRunner; close(): Promise<void> }>> = {
  pglite: async () => {
    const db = new PGlite();
    return { runner: pgliteRunner(db), close: () => db.close() };
  },
  postgres: async () => {
    const database = await createPostgresTestDatabase('numeric_ids');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    return { runner: pgRunner(client), close: () => client.end().then(() => database.drop()) };
  },
};

describe.each(Object.keys(harnesses))('the numeric-ids migration on %s', (kind) => {
  it('renumbers existing projects from 10000 in key order, keeps their issues, and fills the catalogs', async () => {
    const { runner, close } = await harnesses[kind]!();
    try {
      await applyMigrations(runner, migrationsBefore(MIGRATION));
      await runner.exec(`
        INSERT INTO "User" (id, name, email, "displayName", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'ada', 'ada@example.com', 'Ada', now());
        INSERT INTO "Project" (id, key, name, "issueCounter") VALUES
          ('00000000-0000-4000-8000-0000000000bb', 'ZED', 'Zed', 1), ('00000000-0000-4000-8000-0000000000aa', 'ABC', 'Abc', 2);
        INSERT INTO "Issue" (key, "projectId", summary, "issueType", status, priority, "reporterId", labels, updated) VALUES
          ('ABC-1', '00000000-0000-4000-8000-0000000000aa', 'one', 'Bug', 'To Do', 'Medium', '00000000-0000-4000-8000-000000000001', '{}', now()),
          ('ABC-2', '00000000-0000-4000-8000-0000000000aa', 'two', 'Chore', 'Done', 'urgent', '00000000-0000-4000-8000-000000000001', '{}', now()),
          ('ZED-1', '00000000-0000-4000-8000-0000000000bb', 'three', 'Task', 'Blocked', 'Medium', '00000000-0000-4000-8000-000000000001', '{}', now());`);

      expect(await applyMigrations(runner, findMigrationsDir())).toContain(MIGRATION);

      expect(await runner.query('SELECT id, key FROM "Project" ORDER BY id')).toEqual([
        { id: '10000', key: 'ABC' },
        { id: '10001', key: 'ZED' },
      ]);
      expect(await runner.query('SELECT i.key, p.key AS project, i.resolution FROM "Issue" i JOIN "Project" p ON p.id = i."projectId" ORDER BY i.key')).toEqual([
        { key: 'ABC-1', project: 'ABC', resolution: null },
        { key: 'ABC-2', project: 'ABC', resolution: 'Done' },
        { key: 'ZED-1', project: 'ZED', resolution: null },
      ]);
      // Values the catalogs lacked joined them, with numeric ids of their own.
      expect(await runner.query(`SELECT name FROM "IssueType" WHERE name = 'Chore' AND id ~ '^[0-9]+$'`)).toHaveLength(1);
      expect(await runner.query(`SELECT category FROM "Status" WHERE name = 'Blocked'`)).toEqual([{ category: 'undefined' }]);
      expect(await runner.query(`SELECT name FROM "Priority" WHERE name = 'urgent'`)).toHaveLength(1);
      // The next project continues the numbering.
      expect(await runner.query(`INSERT INTO "Project" (key, name) VALUES ('NEW', 'New') RETURNING id`)).toEqual([{ id: '10002' }]);
    } finally {
      await close();
    }
  });

  it('gives a fresh database Jira’s catalogs, the workflow with Closed, and projects from 10000', async () => {
    const { runner, close } = await harnesses[kind]!();
    try {
      await applyMigrations(runner, findMigrationsDir());
      expect(await runner.query(`SELECT id FROM "Status" WHERE name = 'Closed'`)).toEqual([{ id: '6' }]);
      expect(await runner.query(`SELECT id FROM "IssueType" WHERE name = 'Bug'`)).toEqual([{ id: '1' }]);
      expect(await runner.query(`SELECT "toStatus" FROM "Transition" ORDER BY id`)).toEqual(
        ['To Do', 'In Progress', 'Done', 'Closed'].map((toStatus) => ({ toStatus })),
      );
      expect(await runner.query(`INSERT INTO "Project" (key, name) VALUES ('NEW', 'New') RETURNING id`)).toEqual([{ id: '10000' }]);
    } finally {
      await close();
    }
  });
});
