/**
 * When failed logins lock an account, and for how long (ASVS 2.2.1: a lock that ends by itself, so
 * nobody can lock anyone out for good). The `maxFailedLogins`-th failure in a row locks the account for
 * the next back-off step; every lock since the last successful login takes the next, longer step.
 */
export interface LockoutPolicy {
  /** Consecutive failures that lock the account (Jira's CAPTCHA); 0 = never locked. */
  maxFailedLogins: number;
  /** Lock durations in milliseconds, one per lock since the last success; the last repeats. */
  backoffMs: readonly number[];
}

/** Jira's threshold and the back-off of 1, 5, 15 and 60 minutes. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [1, 5, 15, 60].map((minutes) => minutes * 60_000);

/** The lock a `lockouts`-th lock gets (0 = the first): the step, or the last step once they run out. */
export function backoffFor(policy: LockoutPolicy, lockouts: number): number {
  const steps = policy.backoffMs;
  return steps[Math.min(lockouts, steps.length - 1)] ?? DEFAULT_BACKOFF_MS[0] ?? 60_000;
}

/** Where a name's failure streak stands. */
export interface StreakState {
  streak: number;
  /** End of the current lock (epoch ms), if one was taken. */
  lockedUntil: number | null;
  lockouts: number;
}

/** A try counted, or refused unchecked because the name is locked until `lockedUntil`. */
export type Reservation = { reserved: true } | { reserved: false; lockedUntil: Date };

/**
 * One try, counted before its password is checked: the next state, or null when the name is locked
 * (the password is then not checked). A lock that has ended starts a new streak. The database does
 * the same in one UPDATE (LoginService); this is the rule for names without an account.
 */
export function reserveTry(policy: LockoutPolicy, state: StreakState, now: number): StreakState | null {
  const max = policy.maxFailedLogins;
  if (max === 0) return state; // no lock-out, no streak to keep
  if (lockEndOf(policy, state, now)) return null;
  const streak = state.streak >= max ? 1 : state.streak + 1;
  if (streak < max) return { streak, lockedUntil: null, lockouts: state.lockouts };
  return { streak, lockedUntil: now + backoffFor(policy, state.lockouts), lockouts: state.lockouts + 1 };
}

/** When the name's lock ends, or null when it is not locked at `now`. */
export function lockEndOf(policy: LockoutPolicy, state: StreakState, now: number): Date | null {
  if (policy.maxFailedLogins === 0 || state.streak < policy.maxFailedLogins) return null;
  return state.lockedUntil !== null && state.lockedUntil > now ? new Date(state.lockedUntil) : null;
}
