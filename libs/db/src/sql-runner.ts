import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';

/** The two things the migrator needs from a database connection. */
export interface SqlRunner {
  /** Runs a script of several statements (simple-query protocol, no parameters). */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
  };
}

/** Needs one connection (not a pool): advisory locks belong to a connection. */
export function pgRunner(client: ClientBase): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as Row[],
  };
}
