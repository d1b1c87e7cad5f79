import { hash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PrismaService } from '@tokenshift/db';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';

/** Cookies whose user this instance has looked up lately; entries end with the row's own expiry, or sooner. */
const CACHE_ENTRIES = 10_000;
/**
 * How long an instance goes by what it looked up: a logout through another instance deletes the row
 * (and only that instance's entry), so the others stop naming the dead cookie's user within this.
 */
const CACHE_MAX_AGE_MS = 5_000;
/** Expired rows are deleted at most this often (on a login), so the table holds only live cookies. */
const SWEEP_INTERVAL_MS = 60_000;

export function cookieHash(value: string): string {
  return hash('sha256', `gateway-cookie:${value}`, 'hex');
}

/**
 * Gateway mode: who a session cookie belongs to. The upstream's cookie is opaque; the gateway saw the
 * login that got it issued (the username in the body, confirmed by the upstream's 200), so it keeps
 * the cookie's hash (never the value) and that user in the database, where every instance finds it.
 * Only cookies seen being issued are written: cookies a client makes up add nothing.
 */
@Injectable()
export class CookieAttribution {
  private readonly ttlMs: number;
  private readonly known = new LRUCache<string, { userName: string; expiresAt: number }>({ max: CACHE_ENTRIES, ttl: CACHE_MAX_AGE_MS });
  private lastSweep = 0;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(ConfigService) config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = (config.get('gateway', { infer: true })?.attributionTtlSeconds ?? 0) * 1000;
  }

  async remember(cookieValue: string, userName: string, now = new Date()): Promise<void> {
    const cookieHashValue = cookieHash(cookieValue);
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.prisma.gatewayCookie.upsert({
      where: { cookieHash: cookieHashValue },
      create: { cookieHash: cookieHashValue, userName, expiresAt },
      update: { userName, expiresAt },
    });
    this.known.set(cookieHashValue, { userName, expiresAt: expiresAt.getTime() });
    if (now.getTime() - this.lastSweep > SWEEP_INTERVAL_MS) {
      this.lastSweep = now.getTime();
      await this.prisma.gatewayCookie.deleteMany({ where: { expiresAt: { lt: now } } });
    }
  }

  /**
   * The user a cookie was issued to as this instance last looked it up, without waiting: undefined when
   * it has to ask the database ({@link userOf}). Most cookie calls are answered here, with no promise.
   */
  cachedUserOf(cookieValue: string, now = Date.now()): string | undefined {
    return this.cached(cookieHash(cookieValue), now);
  }

  /**
   * The user a cookie was issued to, or null (unknown or expired). Unknown cookies are not cached: the
   * login may just have happened on another instance.
   */
  async userOf(cookieValue: string, now = new Date()): Promise<string | null> {
    const key = cookieHash(cookieValue);
    const cached = this.cached(key, now.getTime());
    if (cached !== undefined) return cached;
    const row = await this.prisma.gatewayCookie.findUnique({ where: { cookieHash: key } });
    if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
    this.known.set(key, { userName: row.userName, expiresAt: row.expiresAt.getTime() });
    return row.userName;
  }

  private cached(key: string, now: number): string | undefined {
    const entry = this.known.get(key);
    return entry && entry.expiresAt > now ? entry.userName : undefined;
  }

  /** A logout the upstream confirmed: the cookie is dead for every instance. */
  async forget(cookieValue: string): Promise<void> {
    const key = cookieHash(cookieValue);
    this.known.delete(key);
    await this.prisma.gatewayCookie.deleteMany({ where: { cookieHash: key } });
  }
}
