import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tokenshift/db';
import type { DeprecatedClient, DeprecatedUser, TimeBucket, UsageTotals } from '@tokenshift/shared';
import { ANONYMOUS_CLIENT_KEY, DEPRECATED_KINDS } from './usage-event';

const deprecatedKinds = Prisma.join([...DEPRECATED_KINDS]);

/**
 * The first UTC midnight at or after `from`. A window [from, now] is read as whole days from the
 * daily aggregates from there on, and as hourly roll-ups before it (less than a day of them).
 */
export function firstWholeDay(from: Date): Date {
  const day = new Date(from);
  day.setUTCHours(0, 0, 0, 0);
  if (day < from) day.setUTCDate(day.getUTCDate() + 1);
  return day;
}

/**
 * Deprecated calls since `from` per user or per client (`key`), with their last time: whole days from
 * the daily aggregate, the part of the first day before them from the roll-ups. Hour buckets at or
 * after `from` count, as everywhere on the dashboard. Anonymous callers are no client (nor user).
 */
function deprecatedCallsSince(from: Date, key: 'userKey' | 'clientKey'): Prisma.Sql {
  const column = Prisma.raw(`"${key}"`);
  const daily = Prisma.raw(key === 'userKey' ? '"usage_aggregates"."DailyByUser"' : '"usage_aggregates"."DailyByClient"');
  const firstDay = firstWholeDay(from);
  // The anonymous key is a client key only: a user may well be called "anonymous".
  const excluded = key === 'clientKey' ? ANONYMOUS_CLIENT_KEY : '';
  return Prisma.sql`
    SELECT ${column} AS "key", "count", "lastSeenAt" FROM ${daily} WHERE "day" >= ${firstDay} AND ${column} <> ${excluded}
    UNION ALL
    SELECT ${column}, "count", "lastSeenAt" FROM "UsageRollup"
    WHERE "bucket" >= ${from} AND "bucket" < ${firstDay} AND "kind" IN (${deprecatedKinds}) AND ${column} NOT IN ('', ${excluded})`;
}

/** Hours that had any deprecated or token call. */
const ACTIVE_HOUR = Prisma.sql`("deprecatedCalls" <> 0 OR "tokenCalls" <> 0)`;

/**
 * The dashboard's read queries. They read aggregates of the hourly roll-up that a trigger keeps
 * exact (prisma/migrations/20261123150000_dashboard_aggregates): per hour, per day and user, per day
 * and client, and per user-client pair; never raw events.
 */
@Injectable()
export class UsageQueries {
  constructor(private readonly prisma: PrismaService) {}

  /** Users and clients are counted over [from, now]: their pairs' last hour says whether they were active since `from`. */
  async summary(from: Date, to = new Date()): Promise<UsageTotals<Date>> {
    const [row] = await this.prisma.$queryRaw<Array<Record<string, bigint | null>>>`
      WITH totals AS (
        SELECT COALESCE(SUM("deprecatedCalls"), 0)::bigint AS deprecated, COALESCE(SUM("tokenCalls"), 0)::bigint AS token,
               COALESCE(SUM("refusals"), 0)::bigint AS refusals
        FROM "usage_aggregates"."Hourly" WHERE "bucket" >= ${from} AND "bucket" <= ${to}
      ), active AS (
        SELECT COUNT(DISTINCT "userKey") FILTER (WHERE "userKey" <> '') AS users,
               COUNT(DISTINCT "clientKey") FILTER (WHERE "clientKey" NOT IN ('', ${ANONYMOUS_CLIENT_KEY})) AS clients
        FROM "usage_aggregates"."UserClient" WHERE "lastBucket" >= ${from}
      )
      SELECT * FROM totals, active`;
    const deprecatedCalls = Number(row?.['deprecated'] ?? 0);
    const tokenCalls = Number(row?.['token'] ?? 0);
    return {
      from,
      to,
      deprecatedCalls,
      tokenCalls,
      tokenShare: deprecatedCalls + tokenCalls ? tokenCalls / (deprecatedCalls + tokenCalls) : null,
      deprecatedUsers: Number(row?.['users'] ?? 0),
      deprecatedClients: Number(row?.['clients'] ?? 0),
      refusals: Number(row?.['refusals'] ?? 0),
    };
  }

  /**
   * The buckets come back as one JSON text: thousands of hourly rows cost far more to decode one by
   * one. Per hour, the stored per-endpoint object is the answer; per day, those objects are summed.
   */
  async timeseries(granularity: 'day' | 'hour', from: Date): Promise<TimeBucket<Date>[]> {
    const buckets =
      granularity === 'hour'
        ? Prisma.sql`
            SELECT "bucket", "deprecatedByEndpoint" AS deprecated, "tokenCalls" AS token
            FROM "usage_aggregates"."Hourly" WHERE "bucket" >= ${from} AND ${ACTIVE_HOUR}`
        : Prisma.sql`
            SELECT h."bucket", COALESCE(e.deprecated, '{}') AS deprecated, h.token
            FROM (
              SELECT date_trunc('day', "bucket") AS bucket, SUM("tokenCalls") AS token
              FROM "usage_aggregates"."Hourly" WHERE "bucket" >= ${from} AND ${ACTIVE_HOUR} GROUP BY 1
            ) AS h LEFT JOIN (
              SELECT "bucket", jsonb_object_agg("series", "calls") AS deprecated
              FROM (
                SELECT date_trunc('day', "bucket") AS bucket, "key" AS series, SUM("value"::bigint) AS calls
                FROM "usage_aggregates"."Hourly", jsonb_each_text("deprecatedByEndpoint")
                WHERE "bucket" >= ${from} GROUP BY 1, 2
              ) AS series GROUP BY 1
            ) AS e ON e."bucket" = h."bucket"`;
    const [row] = await this.prisma.$queryRaw<Array<{ buckets: string }>>`
      SELECT COALESCE(json_agg(json_build_object(
               'bucket', (extract(epoch FROM b."bucket") * 1000)::bigint, 'deprecated', b.deprecated, 'token', b.token
             ) ORDER BY b."bucket"), '[]')::text AS buckets
      FROM (${buckets}) AS b`;
    const parsed = JSON.parse(row?.buckets ?? '[]') as Array<{ bucket: number; deprecated: Record<string, number>; token: number }>;
    return parsed.map((bucket) => ({ bucket: new Date(bucket.bucket), deprecated: bucket.deprecated, token: Number(bucket.token) }));
  }

  async users(from: Date): Promise<DeprecatedUser<Date>[]> {
    const rows = await this.prisma.$queryRaw<Array<{ user: string; displayName: string | null; email: string | null; calls: bigint; lastSeen: Date; clients: bigint }>>`
      WITH calls AS (${deprecatedCallsSince(from, 'userKey')}),
      clients AS (
        SELECT "userKey", COUNT(*) FILTER (WHERE "clientKey" <> '') AS clients
        FROM "usage_aggregates"."UserClient" WHERE "lastBucket" >= ${from} GROUP BY 1
      )
      SELECT c."key" AS "user", u."displayName", u."email", SUM(c."count") AS calls, MAX(c."lastSeenAt") AS "lastSeen",
             MAX(k.clients) AS clients
      FROM calls c JOIN clients k ON k."userKey" = c."key" LEFT JOIN "User" u ON u."name" = c."key"
      GROUP BY c."key", u."displayName", u."email" HAVING SUM(c."count") > 0
      ORDER BY calls DESC, "lastSeen" DESC LIMIT 1000`;
    return rows.map((row) => ({
      user: row.user,
      displayName: row.displayName,
      email: row.email,
      deprecatedCalls: Number(row.calls),
      lastSeen: row.lastSeen,
      clients: Number(row.clients),
    }));
  }

  async clients(from: Date): Promise<DeprecatedClient<Date>[]> {
    const rows = await this.prisma.$queryRaw<Array<{ client: string; calls: bigint; lastSeen: Date; users: bigint }>>`
      WITH calls AS (${deprecatedCallsSince(from, 'clientKey')}),
      users AS (
        SELECT "clientKey", COUNT(*) FILTER (WHERE "userKey" <> '') AS users
        FROM "usage_aggregates"."UserClient" WHERE "lastBucket" >= ${from} GROUP BY 1
      )
      SELECT c."key" AS client, SUM(c."count") AS calls, MAX(c."lastSeenAt") AS "lastSeen", MAX(u.users) AS users
      FROM calls c JOIN users u ON u."clientKey" = c."key"
      GROUP BY c."key" HAVING SUM(c."count") > 0 ORDER BY calls DESC, "lastSeen" DESC LIMIT 1000`;
    return rows.map((row) => ({ client: row.client, deprecatedCalls: Number(row.calls), lastSeen: row.lastSeen, users: Number(row.users) }));
  }
}
