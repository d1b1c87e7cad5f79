import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { quoteIdentifier } from './copy-text';
import { CONNECT_TIMEOUT_MS, type DatabaseConnection } from './database-connection';

/** Statements of one bulk-write transaction (see `BulkChannel.transaction`). */
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

function copySql(table: string, columns: readonly string[], source: string): string {
  return `COPY ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) FROM ${source}`;
}

/**
 * Bulk writes in one transaction outside Prisma, whose per-parameter work is too costly for thousands
 * of rows a second (usage events). On PostgreSQL they use a connection of their own (COPY needs the
 * raw protocol), so they run one at a time.
 */
export class BulkChannel {
  private client: Promise<Client> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly connection: DatabaseConnection) {}

  /** All or nothing: a failed batch can be retried whole. */
  transaction(work: (tx: BulkTransaction) => Promise<void>): Promise<void> {
    const run = () => this.run(work);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const pending = this.client;
    this.client = null;
    const client = await pending?.catch(() => null);
    await client?.end().catch(() => undefined);
  }

  private async run(work: (tx: BulkTransaction) => Promise<void>): Promise<void> {
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
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      await work({
        copy: (table, columns, copyText) => pipeline(Readable.from([copyText]), client.query(copyFrom(copySql(table, columns, 'STDIN')))),
        query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
      });
      await client.query('COMMIT');
    } catch (error) {
      // The connection may be broken or mid-COPY: start over with a new one next time.
      await this.close();
      throw error;
    }
  }

  private connect(): Promise<Client> {
    if (!this.client) {
      const client = new Client({ connectionString: this.connection.target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      const connecting = client
        .connect()
        .then(() => client.query(`SET statement_timeout = ${BULK_STATEMENT_TIMEOUT_MS}`))
        .then(
          () => client,
          async (error: unknown) => {
            if (this.client === connecting) this.client = null;
            await client.end().catch(() => undefined);
            throw error;
          },
        );
      // An idle connection that dies is replaced on next use; only this client's own error drops it.
      client.on('error', () => {
        if (this.client === connecting) void this.close();
      });
      this.client = connecting;
    }
    return this.client;
  }
}
