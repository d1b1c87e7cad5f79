import { CopyTextBuffer } from '@tokenshift/db';
import { randomUUID } from 'node:crypto';
import { AnonymousAgentRow, AnonymousAgentSample } from './anonymous-agents';
import { ANONYMOUS_CLIENT_KEY, isDeprecatedKind, UsageEventInput } from './usage-event';

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

/** Columns of the raw `UsageEvent` rows, in the order they are encoded. */
export const RAW_EVENT_COLUMNS = ['occurredAt', 'kind', 'authMode', 'userId', 'userName', 'method', 'endpoint', 'status', 'userAgent', 'ip', 'clientId', 'count'] as const;

/** Identical uses in one second that are counted in one raw row before it is encoded. */
interface RawGroup {
  first: UsageEventInput;
  count: number;
}

/** One more use in a roll-up row, which keeps the latest time it was seen. */
function countIn(rollup: RollupRow, event: UsageEventInput): void {
  rollup.count++;
  if (event.occurredAt.getTime() > rollup.lastSeenAt.getTime()) rollup.lastSeenAt = event.occurredAt;
}

/** The same use: every field a raw row or roll-up keeps, except the time. */
function sameUse(a: UsageEventInput, b: UsageEventInput): boolean {
  return (
    a.kind === b.kind &&
    a.status === b.status &&
    a.endpoint === b.endpoint &&
    a.method === b.method &&
    a.authMode === b.authMode &&
    (a.userId ?? null) === (b.userId ?? null) &&
    (a.userName ?? null) === (b.userName ?? null) &&
    (a.userAgent ?? null) === (b.userAgent ?? null) &&
    (a.ip ?? null) === (b.ip ?? null) &&
    (a.clientId ?? null) === (b.clientId ?? null)
  );
}

function present(value: string | null | undefined): string {
  return value == null ? '' : `=${value}`;
}

/** A caller's last use, and where it was counted. */
interface LastUse {
  event: UsageEventInput;
  second: number;
  group: RawGroup | null;
  rollup: RollupRow;
}

/** User-Agents of anonymous uses kept per batch (and in the database) unless configured. */
export const DEFAULT_ANONYMOUS_AGENTS = 100;

/**
 * What is kept of an anonymous use: kind, request and status, counted under the one client
 * `anonymous`; its User-Agent only goes to the bounded sample, its IP nowhere. So anonymous traffic
 * adds at most a raw row per second and kind, method, route and status, however many agents it sends.
 */
function anonymized(event: UsageEventInput): UsageEventInput {
  return {
    occurredAt: event.occurredAt,
    kind: event.kind,
    authMode: 'anonymous',
    method: event.method,
    endpoint: event.endpoint,
    status: event.status,
    clientId: ANONYMOUS_CLIENT_KEY,
  };
}

export interface UsageBatchOptions {
  /** The batch's id; a batch replayed from the spool keeps the id it had. */
  id?: string;
  /** User-Agents of anonymous uses kept in the sample. */
  anonymousAgents?: number;
}

/** Distinct uses held open per second; more than that closes the open rows early (heap stays bounded). */
const MAX_OPEN_GROUPS = 1024;

/**
 * Events waiting to be written, already in the shape they are stored in: deprecated uses as raw
 * rows, every use folded into its hourly roll-up. Identical deprecated uses within one second
 * (same kind, user, request, status and client) become one raw row with their `count`: a script
 * calling in a loop costs a row per second, not per call. Rows are encoded as COPY text into
 * chunks outside the JavaScript heap as each second closes, so the heap holds at most one second's
 * distinct uses (less garbage-collector work under load), and the flush has nothing left to do.
 */
export class UsageBatch {
  /** Recorded with the batch, so a retry after an unanswered commit can tell it was written. */
  readonly id: string;
  /** Events added (each counted once, whether it became a raw row, a roll-up increment or both). */
  size = 0;
  private readonly raw = new CopyTextBuffer();
  private readonly rollups = new Map<string, RollupRow>();
  private readonly openGroups = new Map<string, RawGroup>();
  private openSecond = NaN;
  /**
   * Each caller's last use, with the raw row and roll-up it went to: a client calling in a loop sends
   * the same use again and again, between other callers' uses too, and comparing ten fields costs far
   * less than building two keys. Cleared as the raw rows close, and bounded like them.
   */
  private readonly lastUseByCaller = new Map<string, LastUse>();
  private readonly anonymousAgents: AnonymousAgentSample;

  constructor(options: UsageBatchOptions = {}) {
    this.id = options.id ?? randomUUID();
    this.anonymousAgents = new AnonymousAgentSample(options.anonymousAgents ?? DEFAULT_ANONYMOUS_AGENTS);
  }

  add(use: UsageEventInput): void {
    this.size++;
    let event = use;
    if (use.authMode === 'anonymous') {
      this.anonymousAgents.add(use.endpoint, use.userAgent, use.occurredAt);
      event = anonymized(use);
    }
    const occurredMs = event.occurredAt.getTime();
    const second = Math.floor(occurredMs / 1000);
    const caller = event.userName ?? '';
    const previous = this.lastUseByCaller.get(caller);
    if (previous && previous.second === second && sameUse(previous.event, event)) {
      if (previous.group) previous.group.count++;
      countIn(previous.rollup, event);
      return;
    }
    const group = isDeprecatedKind(event.kind) ? this.addRaw(event, second) : null;
    const rollup = this.addToRollup(event, occurredMs);
    // Token traffic alone never closes raw rows: bound the callers held here as the open rows are bounded.
    if (this.lastUseByCaller.size >= MAX_OPEN_GROUPS) this.lastUseByCaller.clear();
    this.lastUseByCaller.set(caller, { event, second, group, rollup });
  }

  private addToRollup(event: UsageEventInput, occurredMs: number): RollupRow {
    const hour = Math.floor(occurredMs / HOUR_MS);
    const userKey = event.userName ?? '';
    const clientKey = clientKeyOf(event);
    const key = `${hour}\u0000${event.kind}\u0000${event.authMode}\u0000${event.method}\u0000${event.endpoint}\u0000${userKey}\u0000${clientKey}`;
    const existing = this.rollups.get(key);
    if (existing) {
      countIn(existing, event);
      return existing;
    }
    const row: RollupRow = {
      bucket: new Date(hour * HOUR_MS),
      kind: event.kind,
      authMode: event.authMode,
      method: event.method,
      endpoint: event.endpoint,
      userKey,
      clientKey,
      count: 1,
      lastSeenAt: event.occurredAt,
    };
    this.rollups.set(key, row);
    return row;
  }

  /** Raw rows (each with its count of identical uses). */
  get rawRows(): number {
    this.closeGroups();
    return this.raw.rows;
  }

  /** The raw rows in COPY text format. */
  get rawCopyText(): Buffer {
    this.closeGroups();
    return this.raw.bytes;
  }

  /** Counts a deprecated use in its second's raw row; returns that row (open until the second closes). */
  private addRaw(event: UsageEventInput, second: number): RawGroup {
    if (second !== this.openSecond) {
      this.closeGroups();
      this.openSecond = second;
    }
    // Fields that may be missing are written '=value' or '' (none), so a user named "null" stays apart.
    const key = `${event.kind}\u0000${event.authMode}\u0000${present(event.userId)}\u0000${present(event.userName)}\u0000${event.method}\u0000${event.endpoint}\u0000${event.status}\u0000${present(event.userAgent)}\u0000${present(event.ip)}\u0000${present(event.clientId)}`;
    const existing = this.openGroups.get(key);
    if (existing) {
      existing.count++;
      return existing;
    }
    if (this.openGroups.size >= MAX_OPEN_GROUPS) this.closeGroups();
    const group = { first: event, count: 1 };
    this.openGroups.set(key, group);
    return group;
  }

  /** Encodes the open rows (off the heap). */
  private closeGroups(): void {
    this.lastUseByCaller.clear(); // their raw rows are encoded now
    for (const { first, count } of this.openGroups.values()) {
      this.raw.append([
        first.occurredAt,
        first.kind,
        first.authMode,
        first.userId,
        first.userName,
        first.method,
        first.endpoint,
        first.status,
        first.userAgent?.slice(0, 512),
        first.ip,
        first.clientId?.slice(0, 255),
        count,
      ]);
    }
    this.openGroups.clear();
  }

  /** The sample of anonymous callers' User-Agents (bounded). */
  get anonymousAgentRows(): AnonymousAgentRow[] {
    return this.anonymousAgents.rows;
  }

  /** How many anonymous User-Agents the sample keeps; the stored table is pruned to as many. */
  get anonymousAgentLimit(): number {
    return this.anonymousAgents.limit;
  }

  /** One row per distinct (hour, kind, auth mode, method, endpoint, user, client). */
  get rollupRows(): RollupRow[] {
    return [...this.rollups.values()];
  }
}
