import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import type { UsageCounters } from '@tokenshift/shared';
import { UsageBatch } from './usage-batch';
import { isDeprecatedKind, UsageEventInput } from './usage-event';
import { UsageSpool } from './usage-spool';
import { deleteExpiredUsage, writeUsageBatch } from './usage-store';
import { USAGE_OPTIONS, UsageOptions } from './usage.options';

export type { UsageCounters };

const MAX_BACKOFF_MS = 5_000;
const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** How long the shutdown keeps writing queued usage (retrying while the database fails) before it gives up. */
export const SHUTDOWN_DRAIN_MS = 10_000;

/**
 * Records usage off the request path: `record()` only folds the event into the open batch; batches
 * are written on size or time, retried whole with back-off while the database is down, and flushed
 * on shutdown. Invariant: `queued = written + dropped + pending` — nothing is lost silently.
 * `dropped` only grows when `maxQueue` events are pending (a long outage), and is exposed for the
 * metrics. With a spool folder, deprecated uses are also appended to the open batch's segment
 * (`record()` returns a promise the response waits for), and segments a crash left are written
 * at start: a deprecated use that was answered is not lost with the process. Token traffic is not
 * spooled (its roll-ups are best-effort across a crash).
 */
@Injectable()
export class UsageRecorder implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  /** The batch events are added to; sealed when full. */
  private current: UsageBatch;
  /** Full batches waiting to be written, oldest first (a failed batch goes back to the front). */
  private sealed: UsageBatch[] = [];
  private sealedEvents = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private inFlight = 0;
  private readonly counters: UsageCounters = { queued: 0, written: 0, dropped: 0, pending: 0, failedFlushes: 0 };
  private spool: UsageSpool | null = null;
  private spoolWriteErrors = 0;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(USAGE_OPTIONS) private readonly options: UsageOptions,
  ) {
    this.current = this.newBatch();
  }

  onModuleInit(): void {
    if (!this.options.enabled) return;
    this.retentionTimer = setInterval(() => void this.sweepRetention(), RETENTION_SWEEP_MS);
    this.retentionTimer.unref();
  }

  /** Takes the spool folder and writes what a previous process left in it (the database is open by now). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled || !this.options.spoolDir) return;
    this.spool = new UsageSpool(this.options.spoolDir, (error) => this.spoolWriteFailed(error));
    const left = this.spool.open();
    let replayed = 0;
    for (const { id, events, skipped } of left) {
      if (skipped) this.logger.warn(`Usage spool segment ${id}: ${skipped} unreadable line(s) skipped (a write cut short by a crash)`);
      if (!events.length) {
        this.spool.remove(id);
        continue;
      }
      const batch = this.newBatch(id);
      for (const event of events) batch.add(event);
      this.counters.queued += batch.size;
      this.sealed.push(batch);
      this.sealedEvents += batch.size;
      replayed += batch.size;
    }
    this.spool.begin(this.current.id);
    if (replayed) {
      this.logger.log(`Writing ${replayed} usage events left in the spool ${this.options.spoolDir} by an earlier process`);
      await this.flush();
    }
  }

  /**
   * Queues the event; with a spool, a deprecated use is also appended to it and the returned promise
   * resolves once it is in the file (send the response after that).
   */
  record(event: UsageEventInput): Promise<void> | undefined {
    if (!this.options.enabled) return undefined;
    this.counters.queued++;
    if (this.pending() >= this.options.maxQueue) {
      this.counters.dropped++;
      return undefined;
    }
    this.current.add(event);
    // Before a seal below: the event goes to the segment of the batch it was added to.
    const spooled = this.spool && isDeprecatedKind(event.kind) ? this.spool.append(event) : undefined;
    if (this.current.size >= this.options.batchSize) {
      this.seal();
      // While the database is failing, only the back-off timer retries (no storm of attempts).
      if (!this.backoffMs) void this.flush();
    }
    this.schedule(this.backoffMs || this.options.flushIntervalMs);
    return spooled;
  }

  snapshot(): UsageCounters {
    return { ...this.counters, pending: this.pending() };
  }

  /** Writes everything queued so far; after a failed write it stops and leaves the rest to the back-off timer. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.seal();
    for (let batch = this.sealed.shift(); batch; batch = this.sealed.shift()) {
      this.sealedEvents -= batch.size;
      this.inFlight = batch.size;
      this.flushing = this.write(batch).finally(() => {
        this.flushing = null;
        this.inFlight = 0;
      });
      await this.flushing;
      if (this.backoffMs) {
        this.schedule(this.backoffMs);
        return;
      }
    }
  }

  /**
   * Writes until nothing is pending (retrying while the database fails) or `timeoutMs` passed, and
   * returns the counters then: `pending` is 0 unless it timed out.
   */
  async drain(timeoutMs: number): Promise<UsageCounters> {
    const deadline = Date.now() + timeoutMs;
    while ((this.pending() || this.flushing) && Date.now() < deadline) {
      await this.flush();
      if (this.pending()) await new Promise((resolve) => setTimeout(resolve, Math.min(this.backoffMs || 100, 500)));
    }
    return this.snapshot();
  }

  /** Drains the queue before the database closes (PrismaService closes in the later shutdown phase). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.drain(SHUTDOWN_DRAIN_MS);
    if (this.pending()) {
      const kept = this.spool ? `; the deprecated uses among them stay in the spool ${this.options.spoolDir} for the next start` : '';
      this.logger.error(`Shutting down with ${this.pending()} usage events not written${kept}`);
    }
    this.spool?.close();
  }

  private pending(): number {
    return this.current.size + this.sealedEvents + this.inFlight;
  }

  private seal(): void {
    if (!this.current.size) return;
    this.sealed.push(this.current);
    this.sealedEvents += this.current.size;
    this.current = this.newBatch();
    this.spool?.begin(this.current.id);
  }

  private newBatch(id?: string): UsageBatch {
    return new UsageBatch({ id, anonymousAgents: this.options.anonymousAgents });
  }

  private async write(batch: UsageBatch): Promise<void> {
    try {
      await writeUsageBatch(this.prisma, batch);
      this.spool?.remove(batch.id);
      this.counters.written += batch.size;
      this.backoffMs = 0;
    } catch (error) {
      // Back to the front, whole, and try again later: the database may be down.
      this.sealed.unshift(batch);
      this.sealedEvents += batch.size;
      this.counters.failedFlushes++;
      this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs ? this.backoffMs * 2 : 100);
      this.logger.warn(`Usage batch of ${batch.size} not written (${(error as Error).message.split('\n')[0]}); retrying in ${this.backoffMs} ms`);
    }
  }

  private spoolWriteFailed(error: Error): void {
    // Once, then every 1,000th: a full disk must not flood the log.
    if (this.spoolWriteErrors++ % 1000 === 0) {
      this.logger.error(`Usage spool write failed (${error.message}); events are still queued, but not safe from a crash (${this.spoolWriteErrors} failures)`);
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  private async sweepRetention(): Promise<void> {
    const cutoff = new Date(Date.now() - this.options.retentionDays * 86_400_000);
    try {
      const deleted = await deleteExpiredUsage(this.prisma, cutoff);
      if (deleted) this.logger.log(`Deleted ${deleted} raw usage rows older than ${this.options.retentionDays} days`);
    } catch (error) {
      this.logger.warn(`Retention sweep failed: ${(error as Error).message.split('\n')[0]}`);
    }
  }
}
