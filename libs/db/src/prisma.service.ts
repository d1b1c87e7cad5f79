import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BulkChannel, type BulkTransaction } from './bulk-channel';
import { closeConnection, type DatabaseConnection, describeConnection, migrateConnection, openConnection } from './database-connection';
import { checkDatabaseHealth, type DatabaseHealth } from './database-health';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import type { DatabaseTarget } from './database-url';
import { PrismaClient } from './generated/prisma/client';

/**
 * The Prisma client for whichever database `DATABASE_URL` names, and its life cycle: open (and lock),
 * migrate, connect, close. The connection, the migrations, the bulk-write channel and the health check
 * each live in their own module; this is where they meet. Startup fails loudly when the database is
 * unreachable or a migration fails: a server that cannot store sessions must not serve.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);
  private readonly connection: DatabaseConnection;
  private readonly migrateOnStart: boolean;
  private readonly bulk: BulkChannel;

  constructor(@Inject(DATABASE_OPTIONS) options: DatabaseOptions) {
    const { connection, adapter } = openConnection(options);
    super({ adapter });
    this.connection = connection;
    this.migrateOnStart = options.migrate ?? true;
    this.bulk = new BulkChannel(connection);
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
    await this.bulk.close();
    await this.$disconnect();
    await closeConnection(this.connection);
  }

  /** Applies pending committed migrations; returns the names applied. */
  async migrate(): Promise<string[]> {
    const applied = await migrateConnection(this.connection);
    if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
    return applied;
  }

  /** Bulk writes in one transaction outside Prisma (see `BulkChannel`). */
  bulkTransaction(work: (tx: BulkTransaction) => Promise<void>): Promise<void> {
    return this.bulk.transaction(work);
  }

  health(): Promise<DatabaseHealth> {
    return checkDatabaseHealth(this.connection.target.kind, () => this.$queryRaw`SELECT 1`);
  }

  describe(): string {
    return describeConnection(this.connection);
  }
}
