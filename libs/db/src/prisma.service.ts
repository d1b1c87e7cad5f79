import { PGlite } from '@electric-sql/pglite';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { quoteIdentifier } from './copy-text';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import { DatabaseTarget, parseDatabaseUrl, redactDatabaseUrl } from './database-url';
import { DataDirLock } from './data-dir-lock';
import { Prisma, PrismaClient } from './generated/prisma/client';
import { applyMigrations, findMigrationsDir } from './migrator';
import { pgliteRunner, pgRunner } from './sql-runner';

export interface DatabaseHealth {
  status: 'up' | 'down';
  kind: DatabaseTarget['kind'];
  latencyMs: number;
  error?: string;
}

/** Statements of one bulk-write transaction (see `PrismaService.bulkTransaction`). */
export interface BulkTransaction {
  /** Appends rows (COPY text format, see `CopyTextBuffer`) to a table: the cheapest way in for both databases. */
  copy(table: string, columns: readonly string[], copyText: string | Buffer): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/**
 * A slow statement is cancelled by the server (a known rollback, so the batch can be retried), not
 * abandoned by the client, which would leave the outcome of a COMMIT unknown.
 */
const BULK_STATEMENT_TIMEOUT_MS = 15_000;

/**
 * A new pooled connection that PostgreSQL accepts but never finishes setting up (a restart, a backend
 * terminated during its start-up, a half-open network) fails after this instead of holding its
 * request, and every request queued behind it, for ever (pg waits without limit by default).
 */
const CONNECT_TIMEOUT_MS = 5_000;

type Connection =
  | { target: Extract<DatabaseTarget, { kind: 'pglite' }>; pglite: PGlite; lock: DataDirLock | null }
  | { target: Extract<DatabaseTarget, { kind: 'postgres' }> };

type DriverAdapter = NonNullable<Prisma.PrismaClientOptions['adapter']>;

function openConnection(options: DatabaseOptions): { connection: Connection; adapter: DriverAdapter } {
  const target = parseDatabaseUrl(options.url, options.baseDir);
  if (target.kind === 'postgres') {
    const statementTimeout = options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {};
    const adapter = new PrismaPg({ connectionString: target.url, max: options.poolSize ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...statementTimeout });
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
 * The Prisma client for whichever database `DATABASE_URL` names. The only class in the
 * workspace that knows which database is in use. Startup fails loudly when the database is
 * unreachable or a migration fails: a server that cannot store sessions must not serve.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);
  private readonly connection: Connection;
  private readonly migrateOnStart: boolean;
  /** PostgreSQL: a connection of its own for bulk writes (COPY needs the raw protocol). */
  private bulkClient: Promise<Client> | null = null;
  /** Bulk transactions run one at a time: they share that connection. */
  private bulkQueue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(DATABASE_OPTIONS) options: DatabaseOptions) {
    const { connection, adapter } = openConnection(options);
    super({ adapter });
    this.connection = connection;
    this.migrateOnStart = options.migrate ?? true;
  }

  get target(): DatabaseTarget {
    return this.connection.target;
  }

  async onModuleInit(): Promise<void> {
    if (this.migrateOnStart) await this.migrate();
    await this.$connect();
    await this.$queryRaw`SELECT 1`;
    this.logger.log(`Connected to ${this.describe()}`);
  }

  /** The last shutdown phase, so services can still write in `beforeApplicationShutdown` (usage flush). */
  async onApplicationShutdown(): Promise<void> {
    await this.dropBulkClient();
    await this.$disconnect();
    if (this.connection.target.kind === 'pglite' && 'pglite' in this.connection) {
      await this.connection.pglite.close();
      this.connection.lock?.release();
    }
  }

  /** Applies pending committed migrations; returns the names applied. */
  async migrate(): Promise<string[]> {
    const migrationsDir = findMigrationsDir();
    let applied: string[];
    if ('pglite' in this.connection) {
      await this.connection.pglite.waitReady;
      applied = await applyMigrations(pgliteRunner(this.connection.pglite), migrationsDir);
    } else {
      const client = new Client({ connectionString: this.connection.target.url });
      await client.connect();
      try {
        applied = await applyMigrations(pgRunner(client), migrationsDir);
      } finally {
        await client.end();
      }
    }
    if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    return applied;
  }

  /**
   * Runs bulk writes in one transaction outside Prisma, whose per-parameter work is too costly for
   * thousands of rows a second (usage events). All or nothing: a failed batch can be retried whole.
   */
  async bulkTransaction(work: (tx: BulkTransaction) => Promise<void>): Promise<void> {
    const run = () => this.runBulkTransaction(work);
    const result = this.bulkQueue.then(run, run);
    this.bulkQueue = result.catch(() => undefined);
    return result;
  }

  private async runBulkTransaction(work: (tx: BulkTransaction) => Promise<void>): Promise<void> {
    const copySql = (table: string, columns: readonly string[], source: string) =>
      `COPY ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) FROM ${source}`;
    if ('pglite' in this.connection) {
      await this.connection.pglite.transaction(async (tx) => {
        await work({
          copy: async (table, columns, copyText) => {
            await tx.query(copySql(table, columns, "'/dev/blob'"), [], { blob: new Blob([copyText]) });
          },
          query: async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows,
        });
      });
      return;
    }
    const client = await this.connectBulkClient();
    try {
      await client.query('BEGIN');
      await work({
        copy: (table, columns, copyText) => pipeline(Readable.from([copyText]), client.query(copyFrom(copySql(table, columns, 'STDIN')))),
        query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
      });
      await client.query('COMMIT');
    } catch (error) {
      // The connection may be broken or mid-COPY: start over with a new one next time.
      await this.dropBulkClient();
      throw error;
    }
  }

  private connectBulkClient(): Promise<Client> {
    if (!this.bulkClient) {
      const client = new Client({ connectionString: this.connection.target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      const connecting = client
        .connect()
        .then(() => client.query(`SET statement_timeout = ${BULK_STATEMENT_TIMEOUT_MS}`))
        .then(
          () => client,
          async (error: unknown) => {
            if (this.bulkClient === connecting) this.bulkClient = null;
            await client.end().catch(() => undefined);
            throw error;
          },
        );
      // An idle connection that dies is replaced on next use; only this client's own error drops it.
      client.on('error', () => {
        if (this.bulkClient === connecting) void this.dropBulkClient();
      });
      this.bulkClient = connecting;
    }
    return this.bulkClient;
  }

  private async dropBulkClient(): Promise<void> {
    const pending = this.bulkClient;
    this.bulkClient = null;
    const client = await pending?.catch(() => null);
    await client?.end().catch(() => undefined);
  }

  async health(): Promise<DatabaseHealth> {
    const started = performance.now();
    const kind = this.connection.target.kind;
    try {
      await this.$queryRaw`SELECT 1`;
      return { status: 'up', kind, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', kind, latencyMs: Math.round(performance.now() - started), error: (error as Error).name };
    }
  }

  describe(): string {
    const target = this.connection.target;
    if (target.kind === 'postgres') return `PostgreSQL ${redactDatabaseUrl(target.url)}`;
    return target.dataDir ? `embedded PGlite in ${target.dataDir}` : 'embedded PGlite in memory';
  }
}
