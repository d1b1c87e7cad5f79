import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tokenshift/db';
import {
  USAGE_LIST_LIMIT,
  type ClientIp,
  type Contact,
  type DrilldownRow,
  type EndpointCalls,
  type ExemptionUse,
  type MigratedUser,
  type Refusal,
  type StoredUsage,
} from '@tokenshift/shared';
import { ANONYMOUS_CLIENT_KEY, DEPRECATED_KINDS, type UsageKind } from './usage-event';

const deprecatedKinds = Prisma.join([...DEPRECATED_KINDS]);
const TOKEN_KINDS: readonly UsageKind[] = ['token-request', 'token-session-get'];
const tokenKinds = Prisma.join([...TOKEN_KINDS]);
/** IPs listed per client, endpoints per drill-down row, clients per contact. */
const IPS_PER_CLIENT = 5;
const ENDPOINTS_PER_ROW = 20;
const CLIENTS_PER_CONTACT = 20;

/** The raw events' client key, as `clientKeyOf` (usage-batch.ts) computes it for the roll-ups. */
const RAW_CLIENT_KEY = Prisma.sql`left(COALESCE(NULLIF("clientId", ''), "userAgent", ''), 255)`;

/**
 * The admin views beyond the headline (docs/dashboard.md): who calls from where, which user uses which
 * client on which endpoint, whom to contact, who has migrated, what was refused, and the exemptions.
 * Every list is bounded (USAGE_LIST_LIMIT rows); hour buckets at or after `from` count, as everywhere on
 * the dashboard. The raw events are the only place IPs are kept (deprecated calls only).
 */
@Injectable()
export class UsageViews {
  constructor(private readonly prisma: PrismaService) {}

  /** All-time totals of the database (every instance's writes), not of this process. */
  async stored(): Promise<StoredUsage<Date>> {
    const [row] = await this.prisma.$queryRaw<Array<{ deprecated: bigint; token: bigint; first: Date | null; last: Date | null }>>`
      SELECT COALESCE(SUM("deprecatedCalls"), 0)::bigint AS deprecated, COALESCE(SUM("tokenCalls"), 0)::bigint AS token,
             MIN("bucket") AS first, MAX("bucket") AS last
      FROM "usage_aggregates"."Hourly" WHERE "deprecatedCalls" <> 0 OR "tokenCalls" <> 0`;
    return {
      deprecatedCalls: Number(row?.deprecated ?? 0),
      tokenCalls: Number(row?.token ?? 0),
      firstHour: row?.first ?? null,
      lastHour: row?.last ?? null,
    };
  }

  /** Each client's busiest IPs (deprecated calls, from the raw events), busiest clients first. */
  async clientIps(from: Date): Promise<ClientIp<Date>[]> {
    const rows = await this.prisma.$queryRaw<Array<{ client: string; ip: string; calls: bigint; lastSeen: Date }>>`
      WITH per_ip AS (
        SELECT ${RAW_CLIENT_KEY} AS client, "ip", SUM("count")::bigint AS calls, MAX("occurredAt") AS "lastSeen"
        FROM "UsageEvent"
        WHERE "occurredAt" >= ${from} AND "ip" IS NOT NULL AND "ip" <> '' AND COALESCE("clientId", '') <> ${ANONYMOUS_CLIENT_KEY}
        GROUP BY 1, 2
      ), ranked AS (
        SELECT *, row_number() OVER (PARTITION BY client ORDER BY calls DESC, ip) AS rank,
               SUM(calls) OVER (PARTITION BY client) AS "clientCalls"
        FROM per_ip WHERE client <> ''
      )
      SELECT client, ip, calls, "lastSeen" FROM ranked WHERE rank <= ${IPS_PER_CLIENT}
      ORDER BY "clientCalls" DESC, client, calls DESC, ip LIMIT ${USAGE_LIST_LIMIT}`;
    return rows.map((row) => ({ client: row.client, ip: row.ip, deprecatedCalls: Number(row.calls), lastSeen: row.lastSeen }));
  }

  /** A user's clients (`by: 'user'`) or a client's users (`by: 'client'`), each with its endpoints. */
  async drilldown(by: 'user' | 'client', key: string, from: Date): Promise<DrilldownRow<Date>[]> {
    const [match, other] = by === 'user' ? ['userKey', 'clientKey'] : ['clientKey', 'userKey'];
    const matchColumn = Prisma.raw(`"${match}"`);
    const otherColumn = Prisma.raw(`"${other}"`);
    const rows = await this.prisma.$queryRaw<Array<{ key: string; calls: bigint; lastSeen: Date; endpoints: string }>>`
      WITH per_endpoint AS (
        SELECT ${otherColumn} AS key, "method" || ' ' || "endpoint" AS endpoint, SUM("count")::bigint AS calls, MAX("lastSeenAt") AS "lastSeen"
        FROM "UsageRollup"
        WHERE ${matchColumn} = ${key} AND "kind" IN (${deprecatedKinds}) AND "bucket" >= ${from}
          AND ${otherColumn} NOT IN ('', ${ANONYMOUS_CLIENT_KEY})
        GROUP BY 1, 2
      ), ranked AS (
        SELECT *, row_number() OVER (PARTITION BY key ORDER BY calls DESC, endpoint) AS rank FROM per_endpoint
      )
      SELECT key, SUM(calls)::bigint AS calls, MAX("lastSeen") AS "lastSeen",
             json_agg(json_build_object('endpoint', endpoint, 'calls', calls) ORDER BY calls DESC, endpoint) FILTER (WHERE rank <= ${ENDPOINTS_PER_ROW})::text AS endpoints
      FROM ranked GROUP BY key ORDER BY calls DESC, key LIMIT ${USAGE_LIST_LIMIT}`;
    return rows.map((row) => ({
      key: row.key,
      deprecatedCalls: Number(row.calls),
      lastSeen: row.lastSeen,
      endpoints: (JSON.parse(row.endpoints ?? '[]') as EndpointCalls[]).map((e) => ({ endpoint: e.endpoint, calls: Number(e.calls) })),
    }));
  }

  /** The people to contact: every user with deprecated calls in the period, with their clients. */
  async contacts(from: Date): Promise<Contact<Date>[]> {
    const rows = await this.prisma.$queryRaw<Array<{ user: string; displayName: string | null; email: string | null; calls: bigint; lastSeen: Date; clients: string | null }>>`
      WITH per_client AS (
        SELECT "userKey", "clientKey", SUM("count")::bigint AS calls, MAX("lastSeenAt") AS "lastSeen"
        FROM "UsageRollup"
        WHERE "kind" IN (${deprecatedKinds}) AND "bucket" >= ${from} AND "userKey" <> ''
        GROUP BY 1, 2
      ), ranked AS (
        SELECT *, row_number() OVER (PARTITION BY "userKey" ORDER BY calls DESC, "clientKey") AS rank FROM per_client
      )
      SELECT r."userKey" AS "user", u."displayName", u."email", SUM(r.calls)::bigint AS calls, MAX(r."lastSeen") AS "lastSeen",
             json_agg(r."clientKey" ORDER BY r.calls DESC, r."clientKey")
               FILTER (WHERE r.rank <= ${CLIENTS_PER_CONTACT} AND r."clientKey" NOT IN ('', ${ANONYMOUS_CLIENT_KEY}))::text AS clients
      FROM ranked r LEFT JOIN "User" u ON u."name" = r."userKey"
      GROUP BY r."userKey", u."displayName", u."email"
      ORDER BY calls DESC, "user" LIMIT ${USAGE_LIST_LIMIT}`;
    return rows.map((row) => ({
      user: row.user,
      displayName: row.displayName,
      email: row.email,
      clients: JSON.parse(row.clients ?? '[]') as string[],
      deprecatedCalls: Number(row.calls),
      lastDeprecatedCall: row.lastSeen,
    }));
  }

  /** Users with token calls and no deprecated call since `from` (the last N days). */
  async migrated(from: Date): Promise<MigratedUser<Date>[]> {
    const rows = await this.prisma.$queryRaw<Array<{ user: string; displayName: string | null; email: string | null; calls: bigint; lastToken: Date; lastDeprecated: Date | null }>>`
      WITH token AS (
        SELECT "userKey", SUM("count")::bigint AS calls, MAX("lastSeenAt") AS "lastToken"
        FROM "UsageRollup" WHERE "kind" IN (${tokenKinds}) AND "bucket" >= ${from} AND "userKey" <> ''
        GROUP BY 1
      )
      SELECT t."userKey" AS "user", u."displayName", u."email", t.calls, t."lastToken",
             (SELECT MAX(d."lastSeenAt") FROM "usage_aggregates"."DailyByUser" d WHERE d."userKey" = t."userKey") AS "lastDeprecated"
      FROM token t LEFT JOIN "User" u ON u."name" = t."userKey"
      WHERE NOT EXISTS (
        SELECT 1 FROM "UsageRollup" r WHERE r."userKey" = t."userKey" AND r."kind" IN (${deprecatedKinds}) AND r."bucket" >= ${from}
      )
      ORDER BY t."lastToken" DESC, "user" LIMIT ${USAGE_LIST_LIMIT}`;
    return rows.map((row) => ({
      user: row.user,
      displayName: row.displayName,
      email: row.email,
      tokenCalls: Number(row.calls),
      lastTokenCall: row.lastToken,
      lastDeprecatedCall: row.lastDeprecated,
    }));
  }

  /** Refused (enforce) and would-be refused (dry run) calls per user and client. */
  async refusals(from: Date): Promise<Refusal<Date>[]> {
    const rows = await this.prisma.$queryRaw<Array<{ user: string; client: string; refused: bigint; wouldRefuse: bigint; lastSeen: Date }>>`
      SELECT "userKey" AS "user", "clientKey" AS client,
             COALESCE(SUM("count") FILTER (WHERE "kind" = 'refused'), 0)::bigint AS refused,
             COALESCE(SUM("count") FILTER (WHERE "kind" = 'would-refuse'), 0)::bigint AS "wouldRefuse",
             MAX("lastSeenAt") AS "lastSeen"
      FROM "UsageRollup" WHERE "kind" IN ('refused', 'would-refuse') AND "bucket" >= ${from}
      GROUP BY 1, 2 ORDER BY SUM("count") DESC, "lastSeen" DESC LIMIT ${USAGE_LIST_LIMIT}`;
    return rows.map((row) => ({
      user: row.user || null,
      client: row.client,
      refused: Number(row.refused),
      wouldRefuse: Number(row.wouldRefuse),
      lastSeen: row.lastSeen,
    }));
  }

  /** Deprecated calls since `from` of each named user or client (exempt ones), in the order given. */
  async useOf(key: 'userKey' | 'clientKey', names: readonly string[], from: Date): Promise<ExemptionUse<Date>[]> {
    const listed = names.slice(0, USAGE_LIST_LIMIT);
    if (listed.length === 0) return [];
    const column = Prisma.raw(`"${key}"`);
    const rows = await this.prisma.$queryRaw<Array<{ name: string; calls: bigint; lastSeen: Date }>>`
      SELECT ${column} AS name, SUM("count")::bigint AS calls, MAX("lastSeenAt") AS "lastSeen"
      FROM "UsageRollup"
      WHERE ${column} IN (${Prisma.join(listed)}) AND "kind" IN (${deprecatedKinds}) AND "bucket" >= ${from}
      GROUP BY 1`;
    const byName = new Map(rows.map((row) => [row.name, row]));
    return listed.map((name) => {
      const row = byName.get(name);
      return { name, deprecatedCalls: Number(row?.calls ?? 0), lastSeen: row?.lastSeen ?? null };
    });
  }
}
