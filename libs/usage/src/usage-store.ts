import { Prisma, PrismaService } from '@tokenshift/db';
import { RAW_EVENT_COLUMNS, UsageBatch } from './usage-batch';

/** A retry happens seconds after its failed attempt, or once the database is back: a week is ample. */
const BATCH_ID_RETENTION_MS = 7 * 86_400_000;

// Pre-aggregated, so no row is hit twice by the statement. Timestamps are sent as UTC ISO strings:
// a `timestamp` column ignores the zone, and the server's own time zone must not matter.
const UPSERT_ROLLUPS = `
  INSERT INTO "UsageRollup" ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey", "count", "lastSeenAt")
  SELECT * FROM unnest($1::timestamp[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamp[])
  ON CONFLICT ("bucket", "kind", "authMode", "method", "endpoint", "userKey", "clientKey")
  DO UPDATE SET "count" = "UsageRollup"."count" + EXCLUDED."count",
                "lastSeenAt" = GREATEST("UsageRollup"."lastSeenAt", EXCLUDED."lastSeenAt")`;

/**
 * Writes one batch in one transaction: its id, the raw events of deprecated uses (COPY) and the
 * hourly roll-up of every use. All or nothing; and a batch whose commit went unanswered (the
 * connection dropped) finds its id on the retry, so it is never counted twice.
 */
export async function writeUsageBatch(prisma: PrismaService, batch: UsageBatch): Promise<void> {
  const rollups = batch.rollupRows;
  await prisma.bulkTransaction(async (tx) => {
    const claimed = await tx.query(`INSERT INTO "UsageBatchWrite" ("id") VALUES ($1) ON CONFLICT DO NOTHING RETURNING "id"`, [batch.id]);
    if (!claimed.length) return;
    if (batch.rawRows) await tx.copy('UsageEvent', RAW_EVENT_COLUMNS, batch.rawCopyText);
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

/** Deletes raw events older than the cutoff, and the batch ids of writes long since confirmed. */
export async function deleteExpiredUsage(prisma: PrismaService, cutoff: Date): Promise<number> {
  await prisma.usageBatchWrite.deleteMany({ where: { writtenAt: { lt: new Date(Date.now() - BATCH_ID_RETENTION_MS) } } });
  return (await prisma.usageEvent.deleteMany({ where: { occurredAt: { lt: cutoff } } })).count;
}

export type { Prisma };
