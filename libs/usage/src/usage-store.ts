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

/**
 * Writes one batch in one transaction: the raw events of deprecated uses and the hourly roll-up of
 * every use. All or nothing, so a retried batch is never counted twice.
 */
export async function writeUsageBatch(prisma: PrismaService, events: UsageEventInput[]): Promise<void> {
  const raw = events.filter((event) => isDeprecatedKind(event.kind));
  const rollups = aggregate(events);
  await prisma.$transaction([
    // Raw SQL with one array per column: Prisma's createMany builds a parameter per value, which
    // costs the request path noticeable CPU for batches of hundreds of rows.
    prisma.$executeRaw`
      INSERT INTO "UsageEvent" ("occurredAt", "kind", "authMode", "userId", "userName", "method", "endpoint", "status", "userAgent", "ip", "clientId")
      SELECT * FROM unnest(
        ${raw.map((e) => e.occurredAt)}::timestamp[], ${raw.map((e) => e.kind)}::text[], ${raw.map((e) => e.authMode)}::text[],
        ${raw.map((e) => e.userId ?? null)}::uuid[], ${raw.map((e) => e.userName ?? null)}::text[], ${raw.map((e) => e.method)}::text[],
        ${raw.map((e) => e.endpoint)}::text[], ${raw.map((e) => e.status)}::int[], ${raw.map((e) => e.userAgent?.slice(0, 512) ?? null)}::text[],
        ${raw.map((e) => e.ip ?? null)}::text[], ${raw.map((e) => e.clientId?.slice(0, 255) ?? null)}::text[]
      )`,
    // Pre-aggregated above, so no row is hit twice by one statement.
    prisma.$executeRaw`
      INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
      SELECT * FROM unnest(
        ${rollups.map((r) => r.bucket)}::timestamp[], ${rollups.map((r) => r.kind)}::text[], ${rollups.map((r) => r.authMode)}::text[],
        ${rollups.map((r) => r.method)}::text[], ${rollups.map((r) => r.endpoint)}::text[], ${rollups.map((r) => r.userKey)}::text[],
        ${rollups.map((r) => r.clientKey)}::text[], ${rollups.map((r) => r.count)}::bigint[], ${rollups.map((r) => r.lastSeenAt)}::timestamp[]
      )
      ON CONFLICT ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey")
      DO UPDATE SET "count" = "UsageRollup"."count" + EXCLUDED."count",
                    "lastSeenAt" = GREATEST("UsageRollup"."lastSeenAt", EXCLUDED."lastSeenAt")`,
  ]);
}

export async function deleteEventsBefore(prisma: PrismaService, cutoff: Date): Promise<number> {
  return (await prisma.usageEvent.deleteMany({ where: { occurredAt: { lt: cutoff } } })).count;
}

export type { Prisma };
