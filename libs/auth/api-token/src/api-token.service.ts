import { Injectable } from '@nestjs/common';
import { PrismaService } from '@tokenshift/db';
import type { TokenScope } from '@tokenshift/shared';
import { generateApiToken, hashApiToken, tokenPreview } from './token-format';

export interface CreateApiTokenInput {
  userId: string;
  name: string;
  expiresAt?: Date | null;
  scopes?: TokenScope[];
}

/** What lists show: never the secret nor its hash. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  preview: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiToken extends ApiTokenSummary {
  /** The plaintext token: returned once, at creation, and stored nowhere. */
  token: string;
}

const SUMMARY_FIELDS = {
  id: true,
  name: true,
  preview: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

@Injectable()
export class ApiTokenService {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: CreateApiTokenInput): Promise<CreatedApiToken> {
    const token = generateApiToken();
    const row = await this.prisma.apiToken.create({
      data: {
        userId: input.userId,
        name: input.name,
        preview: tokenPreview(token),
        tokenHash: hashApiToken(token),
        scopes: input.scopes ?? ['read', 'write'],
        expiresAt: input.expiresAt ?? null,
      },
      select: SUMMARY_FIELDS,
    });
    return { ...row, token };
  }

  list(userId: string): Promise<ApiTokenSummary[]> {
    return this.prisma.apiToken.findMany({ where: { userId }, select: SUMMARY_FIELDS, orderBy: { createdAt: 'desc' } });
  }

  /** Revokes every live token of the user with this name; returns how many. */
  async revokeByName(userId: string, name: string, now = new Date()): Promise<number> {
    const result = await this.prisma.apiToken.updateMany({
      where: { userId, name, revokedAt: null },
      data: { revokedAt: now },
    });
    return result.count;
  }
}
