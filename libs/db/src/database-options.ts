export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseOptions {
  /** `pglite:<folder>`, `pglite:memory` or `postgresql://…`; default `pglite:.data/pglite`. */
  url?: string;
  /** Folder a relative PGlite path is resolved against; default the working directory. */
  baseDir?: string;
  /** Apply pending migrations on start (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size per process (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL cancels a request statement running longer than this (`statement_timeout`, SQLSTATE
   * 57014); default none. The embedded database runs on the main thread, where nothing can cancel a query.
   */
  statementTimeoutMs?: number;
  /** In-memory caches of credential rows (kept consistent across instances); default 10,000 entries, 60 s. */
  rowCache?: { maxEntries: number; ttlSeconds: number };
}
