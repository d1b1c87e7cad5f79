import { LRUCache } from 'lru-cache';
import { lockEndOf, LockoutPolicy, Reservation, reserveTry, StreakState } from './lockout-policy';

/** Names without an account whose failure streaks are kept, at most (about 100 bytes each). */
export const UNKNOWN_NAMES_TRACKED = 10_000;

/**
 * Failure streaks of names that have no (active) account, kept in memory only: a login for an unknown
 * name follows the same lock-out steps as one for a real account and answers the same, so neither the
 * answer nor a lock tells whether a name exists. Its database write goes to one of a fixed set of decoy
 * rows (LoginService), so made-up names cannot grow the database. Bounded: past `maxNames` the least
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

  /** Counts a try for the name, or says until when it is locked (the password is then not checked). */
  reserve(name: string, now = Date.now()): Reservation {
    const key = name.toLowerCase();
    const state = this.streaks.get(key) ?? { streak: 0, lockedUntil: null, lockouts: 0 };
    const next = reserveTry(this.policy, state, now);
    if (!next) return { reserved: false, lockedUntil: new Date(state.lockedUntil ?? now) };
    this.streaks.set(key, next);
    return { reserved: true };
  }

  /** When the name's lock ends, or null when it is not locked now. */
  lockEnd(name: string, now = Date.now()): Date | null {
    const state = this.streaks.peek(name.toLowerCase());
    return state ? lockEndOf(this.policy, state, now) : null;
  }

  get size(): number {
    return this.streaks.size;
  }
}
