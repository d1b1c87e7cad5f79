import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import { UsageBatch } from './usage-batch';
import { UsageEventInput } from './usage-event';
import { deleteExpiredUsage, writeUsageBatch } from './usage-store';
import { USAGE_OPTIONS, UsageOptions } from './usage.options';

export interface UsageCounters {
  queued: number;
  written: number;
  dropped: number;
  pending: number;
  failedFlushes: number;
}

const MAX_BACKOFF_MS = 5_000;
const RETENTION_SWEEP_MS = 60 * 60 * 1000;

/**
 * Records usage off the request path: `record()` only folds the event into the open batch; batches
 * are written on size or time, retried whole with back-off while the database is down, and flushed
 * on shutdown. Invariant: `queued = written + dropped + pending` — nothing is lost silently.
 * `dropped` only grows when `maxQueue` events are pending (a long outage), and is exposed for the
 * metrics.
 */
@Injectable()
export class UsageRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRecorder.name);
  /** The batch events are added to; sealed when full. */
  private current = new UsageBatch();
  /** Full batches waiting to be written, oldest first (a failed batch goes back to the front). */
  private sealed: UsageBatch[] = [];
  private sealedEvents = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private backoffMs = 0;
  private inFlight = 0;
  private readonly counters: UsageCounters = { queued: 0, written: 0, dropped: 0, pending: 0, failedFlushes: 0 };

  constructor(
    private readonly prisma: PrismaService,
    @Inject(USAGE_OPTIONS) private readonly options: UsageOptions,
  ) {}

  onModuleInit(): void {
    if (!this.options.enabled) return;
    this.retentionTimer = setInterval(() => void this.sweepRetention(), RETENTION_SWEEP_MS);
    this.retentionTimer.unref();
  }

  record(event: UsageEventInput): void {
    if (!this.options.enabled) return;
    this.counters.queued++;
    if (this.pending() >= this.options.maxQueue) {
      this.counters.dropped++;
      return;
    }
    this.current.add(event);
    if (this.current.size >= this.options.batchSize) {
      this.seal();
      // While the database is failing, only the back-off timer retries (no storm of attempts).
      if (!this.backoffMs) void this.flush();
    }
    this.schedule(this.backoffMs || this.options.flushIntervalMs);
  }

  snapshot(): UsageCounters {
    return { ...this.counters, pending: this.pending() };
  }

  /** Writes everything queued so far; after a failed write it stops and leaves the rest to the back-off timer. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.seal();
    while (this.sealed.length) {
      const batch = this.sealed.shift()!;
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

  /** Drains the queue before the database closes (PrismaService closes in the later shutdown phase). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    const deadline = Date.now() + 10_000;
    while ((this.pending() || this.flushing) && Date.now() < deadline) {
      await this.flush();
      if (this.pending()) await new Promise((resolve) => setTimeout(resolve, Math.min(this.backoffMs || 100, 500)));
    }
    if (this.pending()) this.logger.error(`Shutting down with ${this.pending()} usage events not written`);
  }

  private pending(): number {
    return this.current.size + this.sealedEvents + this.inFlight;
  }

  private seal(): void {
    if (!this.current.size) return;
    this.sealed.push(this.current);
    this.sealedEvents += this.current.size;
    this.current = new UsageBatch();
  }

  private async write(batch: UsageBatch): Promise<void> {
    try {
      await writeUsageBatch(this.prisma, batch);
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
