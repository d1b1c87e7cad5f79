import { Injectable } from '@nestjs/common';
import { InvalidationBus, Prisma, PrismaService, RowCache, RowCacheFactory } from '@tokenshift/db';
import { Principal, toPrincipal } from '@tokenshift/auth-core';
import type { TokenScope } from '@tokenshift/shared';
import { generateApiToken, hashApiToken, hasTokenShape, TOKEN_LENGTH, tokenPreview } from './token-format';

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

const CREDENTIAL_FIELDS = {
  id: true,
  scopes: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { id: true, name: true, email: true, displayName: true, isAdmin: true, active: true } },
} as const;

type CredentialRow = Prisma.ApiTokenGetPayload<{ select: typeof CREDENTIAL_FIELDS }>;

type TokenMode = 'basic-token' | 'bearer-token';

/** Usernames and emails are one case-insensitive namespace of login names (docs/decisions.md). */
function isLoginOf(login: string, user: { name: string; email: string }): boolean {
  const lower = login.toLowerCase();
  return lower === user.email.toLowerCase() || lower === user.name.toLowerCase();
}

/** A token row as cached, with the principal each mode yields: built once, shared by the requests it serves. */
interface CachedCredential {
  row: CredentialRow;
  principals: Partial<Record<TokenMode, Principal>>;
}

/** Write `lastUsedAt` at most this often per token: a busy client must not cost a write per request. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

@Injectable()
export class ApiTokenService {
  private readonly lastUsedWritten = new Map<string, number>();
  /** Token rows by token hash; a revocation or user change evicts them on every instance. */
  private readonly credentials: RowCache<CachedCredential>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly bus: InvalidationBus,
    caches: RowCacheFactory,
  ) {
    this.credentials = caches.create<CachedCredential>(({ row }) => [`token:${row.id}`, `user:${row.user.id}`]);
  }

  /**
   * The principal for a token, or null when it is malformed, unknown, revoked, expired, belongs to
   * an inactive user, or (when `login` is given) to someone else. Rows are cached; a revocation
   * returns only once every instance that may still trust its cache has evicted the row.
   */
  async authenticate(token: string, mode: TokenMode, login?: string, now = new Date()): Promise<Principal | null> {
    if (!hasTokenShape(token)) return null;
    const tokenHash = hashApiToken(token);
    const cached = await this.credentials.get(tokenHash, () => this.load(tokenHash));
    return cached && this.principalFor(cached, mode, login, now);
  }

  /** `authenticate` answered from the cache alone: undefined when only the database can tell. */
  authenticateCached(token: string, mode: TokenMode, login: string | undefined, now: Date): Principal | null | undefined {
    // A row cached under this token's hash was minted as this very token, so a hit needs no shape
    // check (the checksum costs as much as the hash); only a miss does, to refuse junk from memory.
    const cached = token.length === TOKEN_LENGTH ? this.credentials.peek(hashApiToken(token)) : undefined;
    if (cached) return this.principalFor(cached, mode, login, now);
    return hasTokenShape(token) ? undefined : null;
  }

  private async load(tokenHash: string): Promise<CachedCredential | null> {
    const row = await this.prisma.apiToken.findUnique({ where: { tokenHash }, select: CREDENTIAL_FIELDS });
    return row && { row, principals: {} };
  }

  private principalFor({ row, principals }: CachedCredential, mode: TokenMode, login: string | undefined, now: Date): Principal | null {
    if (row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.active) return null;
    // Exact matches first: the usual case needs no lower-casing.
    if (login !== undefined && login !== row.user.email && login !== row.user.name && !isLoginOf(login, row.user)) return null;
    this.noteUse(row.id, now);
    // Shared by every request this cached row serves, so frozen: a request cannot change another's caller.
    return (principals[mode] ??= Object.freeze(toPrincipal(row.user, mode, row.id, row.scopes as TokenScope[])));
  }

  private noteUse(tokenId: string, now: Date): void {
    const last = this.lastUsedWritten.get(tokenId) ?? 0;
    if (now.getTime() - last < LAST_USED_WRITE_INTERVAL_MS) return;
    this.lastUsedWritten.set(tokenId, now.getTime());
    // Off the request path; a lost lastUsedAt update is harmless.
    void this.prisma.apiToken.updateMany({ where: { id: tokenId }, data: { lastUsedAt: now } }).catch(() => undefined);
  }

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

  /** The user's tokens, newest first, one bounded page at a time. */
  list(userId: string, page: { startAt: number; maxResults: number } = { startAt: 0, maxResults: 1000 }): Promise<ApiTokenSummary[]> {
    return this.prisma.apiToken.findMany({ where: { userId }, select: SUMMARY_FIELDS, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: page.startAt, take: page.maxResults });
  }

  /** Everyone's tokens (administration), newest first, with their owners: one bounded page and the total. */
  async listAll(
    filter: { userName?: string; activeOnly?: boolean },
    page: { startAt: number; maxResults: number },
    now = new Date(),
  ): Promise<{ total: number; tokens: Array<ApiTokenSummary & { user: { name: string; displayName: string; email: string } }> }> {
    const where: Prisma.ApiTokenWhereInput = {
      ...(filter.userName ? { user: { name: filter.userName } } : {}),
      ...(filter.activeOnly ? { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } : {}),
    };
    const [total, tokens] = await Promise.all([
      this.prisma.apiToken.count({ where }),
      this.prisma.apiToken.findMany({
        where,
        select: { ...SUMMARY_FIELDS, user: { select: { name: true, displayName: true, email: true } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: page.startAt,
        take: page.maxResults,
      }),
    ]);
    return { total, tokens };
  }

  /** Revokes any user's token (administration); false when there is no such live token. */
  async revokeAny(tokenId: string, now = new Date()): Promise<boolean> {
    const result = await this.bus.commit(this.prisma.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now } }), [`token:${tokenId}`]);
    return result.count > 0;
  }

  /** Revokes one token of the user; false when there is no such live token. */
  async revoke(userId: string, tokenId: string, now = new Date()): Promise<boolean> {
    const result = await this.bus.commit(this.prisma.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: now } }), [
      `token:${tokenId}`,
    ]);
    return result.count > 0;
  }

  /** Revokes every live token of the user with this name; returns how many. */
  async revokeByName(userId: string, name: string, now = new Date()): Promise<number> {
    const result = await this.bus.commit(this.prisma.apiToken.updateMany({ where: { userId, name, revokedAt: null }, data: { revokedAt: now } }), [
      `user:${userId}`,
    ]);
    return result.count;
  }
}
