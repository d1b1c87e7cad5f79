import { LRUCache } from 'lru-cache';
import { LockoutPolicy, reserveTry, StreakState } from './lockout-policy';

/** Names without an account whose failure streaks are kept, at most (about 100 bytes each). */
export const UNKNOWN_NAMES_TRACKED = 10_000;

/**
 * Failure streaks of names that have no (active) account, kept in memory only: a login for an unknown
 * name follows the same lock-out steps as one for a real account, so both take the same time, but
 * writes nothing, so made-up names cannot grow the database. Bounded: past `maxNames` the least
 * recently tried name is forgotten.
 */
export class UnknownNameStreaks {
  private readonly streaks: LRUCache<string, StreakState>;

  constructor(
    private readonly policy: LockoutPolicy,
    maxNames = UNKNOWN_NAMES_TRACKED,
  ) {
    this.streaks = new LRUCache({ max: maxNames });
  }

  /** Counts a try for the name; false when the name is locked (the password is then not checked). */
  reserve(name: string, now = Date.now()): boolean {
    const key = name.toLowerCase();
    const next = reserveTry(this.policy, this.streaks.get(key) ?? { streak: 0, lockedUntil: null, lockouts: 0 }, now);
    if (next) this.streaks.set(key, next);
    return next !== null;
  }

  get size(): number {
    return this.streaks.size;
  }
}
