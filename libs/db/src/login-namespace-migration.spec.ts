import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { applyMigrations, findMigrationsDir } from './migrator';
import { pgliteRunner, pgRunner, SqlRunner } from './sql-runner';
import { createPostgresTestDatabase, migrationsBefore } from './testing';

const MIGRATION = '20261206110000_one_login_namespace';

const harnesses: Record<string, () => Promise<{ runner: SqlRunner; close(): Promise<void> }>> = {
  pglite: async () => {
    const db = new PGlite();
    return { runner: pgliteRunner(db), close: () => db.close() };
  },
  postgres: async () => {
    const database = await createPostgresTestDatabase('login_namespace');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    return { runner: pgRunner(client), close: () => client.end().then(() => database.drop()) };
  },
};

const user = (name: string, email: string) => `INSERT INTO "User" (id, name, email, "displayName", "updatedAt") VALUES (gen_random_uuid(), '${name}', '${email}', '${name}', now());`;

describe.each(Object.keys(harnesses))('the one-login-namespace migration on %s', (kind) => {
  it('refuses to run while users collide, naming them, and runs once they are renamed', async () => {
    const { runner, close } = await harnesses[kind]!();
    try {
      await applyMigrations(runner, migrationsBefore(MIGRATION));
      await runner.exec([user('alice', 'alice@example.com'), user('alice@example.com', 'other@example.com'), user('demo', 'demo@example.com'), user('DEMO', 'big@example.com'), user('carol', 'carol@example.com')].join('\n'));

      const failure = await applyMigrations(runner, findMigrationsDir()).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toContain(MIGRATION);
      expect((failure as Error).message).toContain(`'alice@example.com' is claimed by users 'alice' (email), 'alice@example.com' (username)`);
      expect((failure as Error).message).toContain(`'demo' is claimed by users 'DEMO' (username), 'demo' (username)`);
      expect((failure as Error).message).not.toContain('carol');
      expect((failure as Error).message).toContain('users rename');
      // Nothing of it was applied: the next start tries again.
      expect(await runner.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [MIGRATION])).toEqual([]);

      await runner.exec(`UPDATE "User" SET name = 'alice2' WHERE name = 'alice@example.com'; UPDATE "User" SET name = 'demo2' WHERE name = 'DEMO';`);
      expect(await applyMigrations(runner, findMigrationsDir())).toContain(MIGRATION);
      expect(await runner.query(`SELECT count(*)::int AS n FROM "user_namespace"."LoginName"`)).toEqual([{ n: 10 }]);
    } finally {
      await close();
    }
  });

  it('then refuses any second claim on a name: another case, or another user’s email', async () => {
    const { runner, close } = await harnesses[kind]!();
    try {
      await applyMigrations(runner, findMigrationsDir());
      await runner.exec([user('alice', 'alice@example.com'), user('self@example.com', 'self@example.com')].join('\n'));
      for (const claim of [user('ALICE', 'x@example.com'), user('alice@example.com', 'y@example.com'), user('zed', 'Alice@Example.com'), user('bob', 'ALICE')]) {
        await expect(runner.exec(claim)).rejects.toThrow(/LoginName_pkey/);
      }
      await expect(runner.exec(`UPDATE "User" SET name = 'Self@Example.com' WHERE name = 'alice'`)).rejects.toThrow(/LoginName_pkey/);
      // A rename frees the old name; a user's own name and email may be the same.
      await runner.exec(`UPDATE "User" SET name = 'alicia' WHERE name = 'alice'`);
      await runner.exec(user('Alice', 'alice2@example.com'));
      expect(await runner.query(`SELECT u.name FROM "user_namespace"."LoginName" l JOIN "User" u ON u.id = l."userId" WHERE l.login = 'alice'`)).toEqual([{ name: 'Alice' }]);
      await runner.exec(`DELETE FROM "User" WHERE name = 'Alice'`);
      expect(await runner.query(`SELECT login FROM "user_namespace"."LoginName" WHERE login LIKE 'alice%' ORDER BY login`)).toEqual([{ login: 'alice@example.com' }]);
    } finally {
      await close();
    }
  });
});
