import { Prisma, PrismaService } from '@tokenshift/db';
import { isDeprecatedKind, UsageEventInput } from './usage-event';

/** Hour bucket of a timestamp (UTC). */
export function hourBucket(date: Date): Date {
  const bucket = new Date(date);
  bucket.setUTCMinutes(0, 0, 0);
  return bucket;
}

/** The client a request came from: the client-id header when sent, else the User-Agent. */
export function clientKeyOf(event: Pick<UsageEventInput, 'clientId' | 'userAgent'>): string {
  return (event.clientId || event.userAgent || '').slice(0, 255);
}

interface RollupRow {
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

function aggregate(events: UsageEventInput[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const event of events) {
    const row: RollupRow = {
      bucket: hourBucket(event.occurredAt),
      kind: event.kind,
      authMode: event.authMode,
      method: event.method,
      endpoint: event.endpoint,
      userKey: event.userName ?? '',
      clientKey: clientKeyOf(event),
      count: 1,
      lastSeenAt: event.occurredAt,
    };
    const key = [row.bucket.toISOString(), row.kind, row.authMode, row.method, row.endpoint, row.userKey, row.clientKey].join('\u0000');
    const existing = rows.get(key);
    if (existing) {
      existing.count++;
      if (row.lastSeenAt > existing.lastSeenAt) existing.lastSeenAt = row.lastSeenAt;
    } else {
      rows.set(key, row);
    }
  }
  return [...rows.values()];
}

const RAW_COLUMNS = ['occurredAt', 'kind', 'authMode', 'userId', 'userName', 'method', 'endpoint', 'status', 'userAgent', 'ip', 'clientId'] as const;

// Pre-aggregated, so no row is hit twice by the statement. Timestamps are sent as UTC ISO strings:
// a `timestamp` column ignores the zone, and the server's own time zone must not matter.
const UPSERT_ROLLUPS = `
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT * FROM unnest($1::timestamp[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamp[])
  ON CONFLICT ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey")
  DO UPDATE SET "count" = "UsageRollup"."count" + EXCLUDED."count",
                "lastSeenAt" = GREATEST("UsageRollup"."lastSeenAt", EXCLUDED."lastSeenAt")`;

/**
 * Writes one batch in one transaction: the raw events of deprecated uses (COPY) and the hourly
 * roll-up of every use. All or nothing, so a retried batch is never counted twice.
 */
export async function writeUsageBatch(prisma: PrismaService, events: UsageEventInput[]): Promise<void> {
  const raw = events.filter((event) => isDeprecatedKind(event.kind));
  const rollups = aggregate(events);
  await prisma.bulkTransaction(async (tx) => {
    if (raw.length) {
      await tx.copy(
        'UsageEvent',
        RAW_COLUMNS,
        raw.map((e) => [
          e.occurredAt,
          e.kind,
          e.authMode,
          e.userId,
          e.userName,
          e.method,
          e.endpoint,
          e.status,
          e.userAgent?.slice(0, 512),
          e.ip,
          e.clientId?.slice(0, 255),
        ]),
      );
    }
    if (rollups.length) {
      await tx.query(UPSERT_ROLLUPS, [
        rollups.map((r) => r.bucket.toISOString()),
        rollups.map((r) => r.kind),
        rollups.map((r) => r.authMode),
        rollups.map((r) => r.method),
        rollups.map((r) => r.endpoint),
        rollups.map((r) => r.userKey),
        rollups.map((r) => r.clientKey),
        rollups.map((r) => r.count),
        rollups.map((r) => r.lastSeenAt.toISOString()),
      ]);
    }
  });
}

export async function deleteEventsBefore(prisma: PrismaService, cutoff: Date): Promise<number> {
  return (await prisma.usageEvent.deleteMany({ where: { occurredAt: { lt: cutoff } } })).count;
}

export type { Prisma };
