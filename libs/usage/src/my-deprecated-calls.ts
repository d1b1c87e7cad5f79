import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import { migrationAdvice } from './migration-advice';
import { DEPRECATED_KINDS, type UsageKind } from './usage-event';

/** One of a user's own deprecated call patterns: which client, from where, what it called, and what to change. */
export interface MyDeprecatedCall {
  kind: UsageKind;
  /** The client id header, else the User-Agent, else null. */
  client: string | null;
  userAgent: string | null;
  clientId: string | null;
  ip: string | null;
  method: string;
  endpoint: string;
  calls: number;
  lastSeen: Date;
  change: string;
}

/**
 * A user's own deprecated calls, from the raw events (kept `USAGE_RETENTION_DAYS`), grouped by client,
 * address and endpoint: the most frequent `limit` patterns, so the answer is bounded whatever the traffic.
 */
@Injectable()
export class MyDeprecatedCalls {
  constructor(private readonly prisma: PrismaService) {}

  async of(userId: string, from: Date, limit: number): Promise<{ calls: number; patterns: MyDeprecatedCall[] }> {
    const where = { userId, occurredAt: { gte: from }, kind: { in: [...DEPRECATED_KINDS] } };
    const [total, groups] = await Promise.all([
      this.prisma.usageEvent.aggregate({ where, _sum: { count: true } }),
      this.prisma.usageEvent.groupBy({
        by: ['kind', 'method', 'endpoint', 'userAgent', 'clientId', 'ip'],
        where,
        _sum: { count: true },
        _max: { occurredAt: true },
        orderBy: [{ _sum: { count: 'desc' } }, { _max: { occurredAt: 'desc' } }],
        take: limit,
      }),
    ]);
    return {
      calls: total._sum.count ?? 0,
      patterns: groups.map((group) => ({
        kind: group.kind as UsageKind,
        client: group.clientId ?? group.userAgent ?? null,
        userAgent: group.userAgent,
        clientId: group.clientId,
        ip: group.ip,
        method: group.method,
        endpoint: group.endpoint,
        calls: group._sum.count ?? 0,
        lastSeen: group._max.occurredAt ?? from,
        change: migrationAdvice(group.kind as UsageKind, group.method, group.endpoint),
      })),
    };
  }
}
