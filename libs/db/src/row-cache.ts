import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import { InvalidationBus } from './invalidation-bus';

export interface RowCacheOptions<V> {
  /** Entries kept (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
  /** An entry is reloaded after this long even if nothing said it changed. */
  ttlMs: number;
  /** Invalidation topics that evict an entry (`token:<id>`, `user:<id>`, …). */
  topicsOf: (value: V) => string[];
}

/**
 * A bounded in-memory cache of database rows that every instance keeps consistent through the
 * `InvalidationBus`: an entry is evicted when one of its topics is published anywhere, and the
 * cache is bypassed whenever the bus cannot vouch that no notification was missed.
 */
export class RowCache<V extends object> {
  private readonly entries: LRUCache<string, V> | null;
  private readonly keysByTopic = new Map<string, Set<string>>();

  constructor(
    private readonly bus: InvalidationBus,
    private readonly options: RowCacheOptions<V>,
  ) {
    this.entries =
      options.maxEntries > 0
        ? new LRUCache<string, V>({ max: options.maxEntries, ttl: options.ttlMs, dispose: (value, key) => this.unindex(key, value) })
        : null;
    bus.subscribe((topic) => this.invalidate(topic));
  }

  /**
   * The cached row for `key` when `usable` accepts it, else what `load` returns (then cached,
   * unless an invalidation raced the load).
   */
  get(key: string, load: () => Promise<V | null>, usable: (cached: V) => boolean = () => true): V | null | Promise<V | null> {
    if (!this.entries || !this.bus.trusted) return load();
    // A hit is returned as is, not wrapped in a promise: this runs on every authenticated request.
    return this.peek(key, usable) ?? this.loadAndCache(key, load);
  }

  /** The cached row when the cache can vouch for it and `usable` accepts it; undefined otherwise. */
  peek(key: string, usable: (cached: V) => boolean = () => true): V | undefined {
    if (!this.entries || !this.bus.trusted) return undefined;
    const cached = this.entries.get(key);
    return cached && usable(cached) ? cached : undefined;
  }

  private async loadAndCache(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const generation = this.bus.currentGeneration;
    const loaded = await load();
    if (loaded && generation === this.bus.currentGeneration && this.bus.trusted) this.set(key, loaded);
    return loaded;
  }

  private set(key: string, value: V): void {
    if (!this.entries) return;
    this.entries.set(key, value);
    for (const topic of this.options.topicsOf(value)) {
      let keys = this.keysByTopic.get(topic);
      if (!keys) this.keysByTopic.set(topic, (keys = new Set()));
      keys.add(key);
    }
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  private invalidate(topic: string | null): void {
    if (!this.entries) return;
    if (topic === null) {
      this.entries.clear();
      return;
    }
    for (const key of [...(this.keysByTopic.get(topic) ?? [])]) this.entries.delete(key);
  }

  private unindex(key: string, value: V): void {
    for (const topic of this.options.topicsOf(value)) {
      const keys = this.keysByTopic.get(topic);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTopic.delete(topic);
    }
  }
}

export const DEFAULT_ROW_CACHE = { maxEntries: 10_000, ttlSeconds: 60 };

/** Creates row caches sized by the database options (`rowCache`), all fed by the one bus. */
@Injectable()
export class RowCacheFactory {
  constructor(
    private readonly bus: InvalidationBus,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  create<V extends object>(topicsOf: (value: V) => string[]): RowCache<V> {
    const { maxEntries, ttlSeconds } = this.options.rowCache ?? DEFAULT_ROW_CACHE;
    return new RowCache(this.bus, { maxEntries, ttlMs: ttlSeconds * 1000, topicsOf });
  }
}
