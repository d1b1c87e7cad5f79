import { CopyTextBuffer } from '@tokenshift/db';
import { randomUUID } from 'node:crypto';
import { isDeprecatedKind, UsageEventInput } from './usage-event';

const HOUR_MS = 3_600_000;

/** The client a request came from: the client-id header when sent, else the User-Agent. */
export function clientKeyOf(event: Pick<UsageEventInput, 'clientId' | 'userAgent'>): string {
  return (event.clientId || event.userAgent || '').slice(0, 255);
}

export interface RollupRow {
  /** Start of the UTC hour. */
  bucket: Date;
  kind: string;
  authMode: string;
  method: string;
  endpoint: string;
  userKey: string;
  clientKey: string;
  count: number;
  lastSeenAt: Date;
}

/** Columns of the raw `UsageEvent` rows, in the order `add()` encodes them. */
export const RAW_EVENT_COLUMNS = ['occurredAt', 'kind', 'authMode', 'userId', 'userName', 'method', 'endpoint', 'status', 'userAgent', 'ip', 'clientId'] as const;

/**
 * Events waiting to be written, already in the shape they are stored in: deprecated uses as COPY
 * text rows in a byte buffer outside the JavaScript heap, every use folded into its hourly roll-up.
 * Nothing per event stays on the heap until the flush (less garbage-collector work under load),
 * and the flush has nothing left to aggregate.
 */
export class UsageBatch {
  /** Recorded with the batch, so a retry after an unanswered commit can tell it was written. */
  readonly id = randomUUID();
  /** Events added (each counted once, whether it became a raw row, a roll-up increment or both). */
  size = 0;
  private readonly raw = new CopyTextBuffer();
  private readonly rollups = new Map<string, RollupRow>();

  add(event: UsageEventInput): void {
    this.size++;
    if (isDeprecatedKind(event.kind)) {
      this.raw.append([
        event.occurredAt,
        event.kind,
        event.authMode,
        event.userId,
        event.userName,
        event.method,
        event.endpoint,
        event.status,
        event.userAgent?.slice(0, 512),
        event.ip,
        event.clientId?.slice(0, 255),
      ]);
    }
    const occurredMs = event.occurredAt.getTime();
    const hour = Math.floor(occurredMs / HOUR_MS);
    const userKey = event.userName ?? '';
    const clientKey = clientKeyOf(event);
    const key = `${hour}\u0000${event.kind}\u0000${event.authMode}\u0000${event.method}\u0000${event.endpoint}\u0000${userKey}\u0000${clientKey}`;
    const existing = this.rollups.get(key);
    if (existing) {
      existing.count++;
      if (occurredMs > existing.lastSeenAt.getTime()) existing.lastSeenAt = event.occurredAt;
      return;
    }
    this.rollups.set(key, {
      bucket: new Date(hour * HOUR_MS),
      kind: event.kind,
      authMode: event.authMode,
      method: event.method,
      endpoint: event.endpoint,
      userKey,
      clientKey,
      count: 1,
      lastSeenAt: event.occurredAt,
    });
  }

  get rawRows(): number {
    return this.raw.rows;
  }

  /** The raw rows in COPY text format. */
  get rawCopyText(): Buffer {
    return this.raw.bytes;
  }

  /** One row per distinct (hour, kind, auth mode, method, endpoint, user, client). */
  get rollupRows(): RollupRow[] {
    return [...this.rollups.values()];
  }
}
