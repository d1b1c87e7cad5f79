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

// Sorted by key, so two instances upserting the same agents lock them in the same order.
const UPSERT_ANONYMOUS_AGENTS = `
  INSERT INTO "UsageAnonymousAgent" ("endpoint", "userAgent", "count", "lastSeenAt")
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamp[]) ORDER BY 1, 2
  ON CONFLICT ("endpoint", "userAgent")
  DO UPDATE SET "count" = "UsageAnonymousAgent"."count" + EXCLUDED."count",
                "lastSeenAt" = GREATEST("UsageAnonymousAgent"."lastSeenAt", EXCLUDED."lastSeenAt")`;

/** Keeps the most frequent sampled agents: the table never holds more than the limit after a write. */
const PRUNE_ANONYMOUS_AGENTS = `
  DELETE FROM "UsageAnonymousAgent" WHERE ("endpoint", "userAgent") NOT IN (
    SELECT "endpoint", "userAgent" FROM "UsageAnonymousAgent" ORDER BY "count" DESC, "lastSeenAt" DESC, "endpoint", "userAgent" LIMIT $1
  )`;

/**
 * Writes one batch in one transaction: its id, the raw events of deprecated uses (COPY), the
 * hourly roll-up of every use and the sample of anonymous callers' agents (pruned to the batch's `anonymousAgentLimit`). All or nothing; and a batch whose commit went unanswered (the
 * connection dropped) finds its id on the retry, so it is never counted twice.
 */
export async function writeUsageBatch(prisma: PrismaService, batch: UsageBatch): Promise<void> {
  const rollups = batch.rollupRows;
  const agents = batch.anonymousAgentRows;
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
    if (agents.length) {
      await tx.query(UPSERT_ANONYMOUS_AGENTS, [
        agents.map((a) => a.endpoint),
        agents.map((a) => a.userAgent),
        agents.map((a) => a.count),
        agents.map((a) => a.lastSeenAt.toISOString()),
      ]);
      await tx.query(PRUNE_ANONYMOUS_AGENTS, [batch.anonymousAgentLimit]);
    }
  });
}

/** Deletes raw events older than the cutoff, and the batch ids of writes long since confirmed. */
export async function deleteExpiredUsage(prisma: PrismaService, cutoff: Date): Promise<number> {
  await prisma.usageBatchWrite.deleteMany({ where: { writtenAt: { lt: new Date(Date.now() - BATCH_ID_RETENTION_MS) } } });
  return (await prisma.usageEvent.deleteMany({ where: { occurredAt: { lt: cutoff } } })).count;
}

export type { Prisma };
