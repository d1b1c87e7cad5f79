import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import { parseDatabaseUrl } from './database-url';
import { Prisma } from './generated/prisma/client';
import { PrismaService } from './prisma.service';

export const INVALIDATION_CHANNEL = 'tokenshift_invalidate';
/** Each listening instance confirms on this channel that it has applied an invalidation. */
export const ACK_CHANNEL = 'tokenshift_invalidate_ack';
/** Names the listening connection in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'tokenshift-invalidation';

/** A topic such as `token:<id>`, `session:<idHash>` or `user:<id>` (no spaces); `null` means "forget everything". */
export type InvalidationListener = (topic: string | null) => void;

const HEARTBEAT_MS = 1_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;
/**
 * Cached rows are served only this long after the last answered heartbeat was *sent*. PostgreSQL
 * sends a notification on the listening socket before the answer to any later query, so an answer
 * to a heartbeat sent after a change proves this instance has already applied the change.
 */
const TRUST_WINDOW_MS = 2_500;
/**
 * How long a change waits for confirmations. Longer than the trust window: an instance that has not
 * confirmed by then cannot be trusting its cache any more, whether its connection, its event loop or
 * its whole process stalled.
 */
const CONFIRM_TIMEOUT_MS = TRUST_WINDOW_MS + 1_000;
const RECONNECT_MAX_MS = 5_000;

/** The listening connection's URL, named so changes can find the listeners (a name in DATABASE_URL would win over a config field). */
function listenerUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', LISTENER_APPLICATION_NAME);
  return url.toString();
}

/** Waits for the listeners (by backend pid) that were live when a change committed. */
class PendingChange {
  private readonly confirmedBy = new Set<number>();
  private expected: number[] | null = null;
  private done: () => void = () => undefined;
  private readonly allConfirmed = new Promise<void>((resolve) => (this.done = resolve));

  confirm(listenerPid: number): void {
    this.confirmedBy.add(listenerPid);
    this.check();
  }

  /** Resolves with the pids that did not confirm within the timeout (none, normally). */
  async wait(expected: number[], timeoutMs: number): Promise<number[]> {
    this.expected = expected;
    this.check();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.allConfirmed, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    return expected.filter((pid) => !this.confirmedBy.has(pid));
  }

  private check(): void {
    if (this.expected?.every((pid) => this.confirmedBy.has(pid))) this.done();
  }
}

/**
 * Tells every server instance sharing the database that cached rows changed, so credential caches
 * can serve hits and still honour a logout or revocation at once everywhere.
 *
 * On PostgreSQL each change is a `pg_notify` committed in the same transaction as the change, and
 * each instance LISTENs on a dedicated connection and confirms every invalidation it applied; the
 * change returns once every listening instance has confirmed, so a revocation is in force everywhere
 * when the caller hears it succeeded. Caches may only be trusted while that connection is known to
 * be alive (a heartbeat checks it): a missed notification must never leave a revoked credential
 * usable. The embedded database is single-process (its folder is locked), so local delivery is all
 * there is.
 */
@Injectable()
export class InvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(InvalidationBus.name);
  private readonly listeners = new Set<InvalidationListener>();
  private readonly postgresUrl: string | null;
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private heartbeat: NodeJS.Timeout | null = null;
  private reconnectDelayMs = 0;
  /** Bumped on every invalidation: a load that started before a bump must not be cached. */
  private generation = 0;
  private readonly pending = new Map<string, PendingChange>();
  /** When the last answered heartbeat (or LISTEN) was sent: what `trusted` is measured from. */
  private provenAt = -Infinity;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(DATABASE_OPTIONS) options: DatabaseOptions,
  ) {
    const target = parseDatabaseUrl(options.url, options.baseDir);
    this.postgresUrl = target.kind === 'postgres' ? listenerUrl(target.url) : null;
  }

  /** Fails start-up when PostgreSQL cannot be reached, as PrismaService does; later losses are retried. */
  async onModuleInit(): Promise<void> {
    if (this.postgresUrl && !(await this.connect())) {
      this.stopped = true;
      throw new Error('Cannot listen for cache invalidations: the database is unreachable');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.setListening(false);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.client?.end().catch(() => undefined);
  }

  /**
   * Whether cached rows may be served: always on the embedded database; on PostgreSQL only while
   * listening and a heartbeat sent within the trust window has been answered.
   */
  get trusted(): boolean {
    return this.postgresUrl === null || (this.listening && performance.now() - this.provenAt < TRUST_WINDOW_MS);
  }

  get currentGeneration(): number {
    return this.generation;
  }

  subscribe(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs `write` and the notifications in one transaction, invalidates this instance's caches, and
   * (on PostgreSQL) waits until every listening instance has confirmed it applied them.
   */
  async commit<T>(write: Prisma.PrismaPromise<T>, topics: string[]): Promise<T> {
    const changeId = randomUUID();
    // One notification per change (topics have no spaces), so one confirmation covers all of them.
    const notifications = [this.prisma.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${[changeId, ...topics].join(' ')})`];
    if (!this.postgresUrl) {
      const [result] = await this.prisma.$transaction([write, ...notifications]);
      for (const topic of topics) this.deliver(topic);
      return result as T;
    }
    const change = new PendingChange();
    this.pending.set(changeId, change);
    try {
      const [result, rows] = (await this.prisma.$transaction([
        write,
        // Listeners that may be trusting their caches: only those answered a heartbeat lately.
        this.prisma.$queryRaw<{ listeners: number[] }[]>`
          SELECT coalesce(array_agg(pid), '{}') AS listeners FROM pg_stat_activity
          WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()
            AND state_change > clock_timestamp() - make_interval(secs => ${(TRUST_WINDOW_MS + 500) / 1000})`,
        ...notifications,
      ])) as [T, { listeners: number[] }[]];
      // An aggregate without GROUP BY always answers one row; none would mean no listener to wait for.
      const listeners = rows[0]?.listeners ?? [];
      for (const topic of topics) this.deliver(topic);
      const silent = await change.wait(listeners, CONFIRM_TIMEOUT_MS);
      if (silent.length) {
        this.logger.warn(`${silent.length} of ${listeners.length} listening instances did not confirm an invalidation in time; they have stopped trusting their caches`);
      }
      return result;
    } finally {
      this.pending.delete(changeId);
    }
  }

  private onNotification(client: Client, channel: string, payload: string, senderPid: number): void {
    const [changeId = '', ...topics] = payload.split(' ');
    if (channel === INVALIDATION_CHANNEL) {
      for (const topic of topics) this.deliver(topic);
      // Sent from the listening connection, so the confirmation carries this listener's backend pid.
      client.query('SELECT pg_notify($1, $2)', [ACK_CHANNEL, changeId]).catch(() => this.lost(client));
    } else if (channel === ACK_CHANNEL) {
      this.pending.get(changeId)?.confirm(senderPid);
    }
  }

  private deliver(topic: string | null): void {
    this.generation++;
    for (const listener of this.listeners) listener(topic);
  }

  private setListening(listening: boolean): void {
    if (this.listening === listening) return;
    this.listening = listening;
    // Whatever changed while we were deaf is unknown: forget everything either way.
    this.deliver(null);
  }

  /** Never throws; false when the attempt failed (then retried with back-off, caches bypassed meanwhile). */
  private async connect(): Promise<boolean> {
    // Only a PostgreSQL target has a notification channel to listen on.
    if (this.postgresUrl === null) return false;
    const client = new Client({ connectionString: this.postgresUrl, keepAlive: true, connectionTimeoutMillis: 5_000 });
    this.client = client;
    client.on('notification', (message) => this.onNotification(client, message.channel, message.payload ?? '', message.processId));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      const sentAt = performance.now();
      await client.connect();
      // A host that vanishes must drop out of pg_stat_activity in seconds, not after TCP's hours.
      await client.query(
        `SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 10000;
         LISTEN ${INVALIDATION_CHANNEL}; LISTEN ${ACK_CHANNEL}`,
      );
      this.provenAt = sentAt;
    } catch {
      this.lost(client);
      return false;
    }
    if (this.client !== client) return false;
    if (this.reconnectDelayMs) this.logger.log('Database notification connection restored');
    this.reconnectDelayMs = 0;
    this.setListening(true);
    this.heartbeat = setInterval(() => void this.beat(client), HEARTBEAT_MS);
    this.heartbeat.unref();
    return true;
  }

  /** A paused or unreachable server keeps the socket open: only an answered query proves we still hear it. */
  private async beat(client: Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('heartbeat timed out')), HEARTBEAT_TIMEOUT_MS);
    });
    try {
      const sentAt = performance.now();
      await Promise.race([client.query('SELECT 1'), timeout]);
      this.provenAt = Math.max(this.provenAt, sentAt);
    } catch {
      this.lost(client);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Idempotent per connection: stops trusting caches, drops the connection and retries with back-off. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.listening && !this.stopped) this.logger.warn('Lost the database notification connection; credential caches are bypassed until it is back');
    this.setListening(false);
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.reconnectDelayMs = Math.min(RECONNECT_MAX_MS, this.reconnectDelayMs ? this.reconnectDelayMs * 2 : 200);
    setTimeout(() => {
      if (!this.stopped) void this.connect();
    }, this.reconnectDelayMs).unref();
  }
}
