import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@tokenshift/db';
import { DEPRECATED_KINDS } from './usage-event';

const TOKEN_KINDS = ['token-request', 'token-session-get'];

export interface UsageSummary {
  from: Date;
  to: Date;
  deprecatedCalls: number;
  tokenCalls: number;
  tokenShare: number | null;
  deprecatedUsers: number;
  deprecatedClients: number;
  refusals: number;
}

export interface TimeseriesBucket {
  bucket: Date;
  deprecated: Record<string, number>;
  token: number;
}

export interface DeprecatedUser {
  user: string;
  displayName: string | null;
  email: string | null;
  deprecatedCalls: number;
  lastSeen: Date;
  clients: number;
}

export interface DeprecatedClient {
  client: string;
  deprecatedCalls: number;
  lastSeen: Date;
  users: number;
}

const deprecatedKinds = Prisma.join([...DEPRECATED_KINDS]);
const tokenKinds = Prisma.join(TOKEN_KINDS);

/** The dashboard's read queries, all on the hourly roll-up (indexed by kind and bucket), never on raw events. */
@Injectable()
export class UsageQueries {
  constructor(private readonly prisma: PrismaService) {}

  async summary(from: Date, to = new Date()): Promise<UsageSummary> {
    const [row] = await this.prisma.$queryRaw<Array<Record<string, bigint | null>>>`
      SELECT
        COALESCE(SUM("count") FILTER (WHERE "kind" IN (${deprecatedKinds})), 0) AS deprecated,
        COALESCE(SUM("count") FILTER (WHERE "kind" IN (${tokenKinds})), 0) AS token,
        COALESCE(SUM("count") FILTER (WHERE "kind" = 'refused'), 0) AS refusals,
        COUNT(DISTINCT "userKey") FILTER (WHERE "kind" IN (${deprecatedKinds}) AND "userKey" <> '') AS users,
        COUNT(DISTINCT "clientKey") FILTER (WHERE "kind" IN (${deprecatedKinds}) AND "clientKey" <> '') AS clients
      FROM "UsageRollup" WHERE "bucket" >= ${from} AND "bucket" <= ${to}`;
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

  async timeseries(granularity: 'day' | 'hour', from: Date): Promise<TimeseriesBucket[]> {
    const rows = await this.prisma.$queryRaw<Array<{ bucket: Date; series: string; calls: bigint }>>`
      SELECT date_trunc(${granularity}, "bucket") AS bucket,
             CASE WHEN "kind" IN (${tokenKinds}) THEN '' ELSE "method" || ' ' || "endpoint" END AS series,
             SUM("count") AS calls
      FROM "UsageRollup"
      WHERE "bucket" >= ${from} AND "kind" IN (${deprecatedKinds}, ${tokenKinds})
      GROUP BY 1, 2 ORDER BY 1`;
    const buckets = new Map<number, TimeseriesBucket>();
    for (const row of rows) {
      const key = row.bucket.getTime();
      const bucket = buckets.get(key) ?? { bucket: row.bucket, deprecated: {}, token: 0 };
      if (row.series === '') bucket.token += Number(row.calls);
      else bucket.deprecated[row.series] = Number(row.calls);
      buckets.set(key, bucket);
    }
    return [...buckets.values()];
  }

  async users(from: Date): Promise<DeprecatedUser[]> {
    const rows = await this.prisma.$queryRaw<Array<{ user: string; displayName: string | null; email: string | null; calls: bigint; lastSeen: Date; clients: bigint }>>`
      SELECT r."userKey" AS "user", u."displayName", u."email", SUM(r."count") AS calls, MAX(r."lastSeenAt") AS "lastSeen",
             COUNT(DISTINCT r."clientKey") FILTER (WHERE r."clientKey" <> '') AS clients
      FROM "UsageRollup" r LEFT JOIN "User" u ON u."name" = r."userKey"
      WHERE r."bucket" >= ${from} AND r."kind" IN (${deprecatedKinds}) AND r."userKey" <> ''
      GROUP BY r."userKey", u."displayName", u."email"
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

  async clients(from: Date): Promise<DeprecatedClient[]> {
    const rows = await this.prisma.$queryRaw<Array<{ client: string; calls: bigint; lastSeen: Date; users: bigint }>>`
      SELECT "clientKey" AS client, SUM("count") AS calls, MAX("lastSeenAt") AS "lastSeen",
             COUNT(DISTINCT "userKey") FILTER (WHERE "userKey" <> '') AS users
      FROM "UsageRollup"
      WHERE "bucket" >= ${from} AND "kind" IN (${deprecatedKinds}) AND "clientKey" <> ''
      GROUP BY "clientKey" ORDER BY calls DESC, "lastSeen" DESC LIMIT 1000`;
    return rows.map((row) => ({ client: row.client, deprecatedCalls: Number(row.calls), lastSeen: row.lastSeen, users: Number(row.users) }));
  }
}
