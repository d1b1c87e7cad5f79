import { backoffFor, lockEndOf, LockoutPolicy, reserveTry, StreakState } from './lockout-policy';
import { UnknownNameStreaks } from './unknown-name-streaks';

const POLICY: LockoutPolicy = { maxFailedLogins: 3, backoffMs: [1_000, 5_000, 15_000] };
const FRESH: StreakState = { streak: 0, lockedUntil: null, lockouts: 0 };

describe('lock-out rules', () => {
  it('locks with the third try in a row, for the next back-off step each time, the last step repeating', () => {
    expect([0, 1, 2, 3, 9].map((lockouts) => backoffFor(POLICY, lockouts))).toEqual([1_000, 5_000, 15_000, 15_000, 15_000]);
    let state: StreakState | null = FRESH;
    let now = 0;
    const locks: number[] = [];
    for (let lock = 0; lock < 4; lock++) {
      for (let i = 0; i < 3; i++) state = reserveTry(POLICY, state!, now);
      locks.push(state!.lockedUntil! - now);
      expect(reserveTry(POLICY, state!, state!.lockedUntil! - 1)).toBeNull();
      now = state!.lockedUntil!;
    }
    expect(locks).toEqual([1_000, 5_000, 15_000, 15_000]);
  });

  it('never locks with maxFailedLogins 0', () => {
    let state: StreakState | null = FRESH;
    for (let i = 0; i < 10; i++) state = reserveTry({ ...POLICY, maxFailedLogins: 0 }, state!, 0);
    expect(state).toEqual(FRESH);
  });

  it('reads a lock as ended at its end, and a streak short of the limit (a lock that ended, then one more failure) as unlocked', () => {
    const locked: StreakState = { streak: 3, lockedUntil: 1_000, lockouts: 1 };
    expect([lockEndOf(POLICY, locked, 999), lockEndOf(POLICY, locked, 1_000)]).toEqual([new Date(1_000), null]);
    expect(lockEndOf(POLICY, { ...locked, streak: 1 }, 0)).toBeNull();
    expect(lockEndOf({ ...POLICY, maxFailedLogins: 0 }, locked, 0)).toBeNull();
  });
});

describe('UnknownNameStreaks', () => {
  it('locks a made-up name as an account would be (case-insensitively) and forgets the oldest names past its bound', () => {
    const streaks = new UnknownNameStreaks(POLICY, 100);
    const locked = { reserved: false, lockedUntil: new Date(1_000) };
    expect([1, 2, 3, 4].map(() => streaks.reserve('Ghost', 0))).toEqual([{ reserved: true }, { reserved: true }, { reserved: true }, locked]);
    expect(streaks.reserve('GHOST', 999)).toEqual(locked);
    expect([streaks.lockEnd('gHoSt', 999), streaks.lockEnd('ghost', 1_000), streaks.lockEnd('never-tried', 0)]).toEqual([new Date(1_000), null, null]);
    expect(streaks.reserve('ghost', 1_000)).toEqual({ reserved: true });
    expect(streaks.lockEnd('ghost', 1_000)).toBeNull();
    for (let i = 0; i < 10_000; i++) streaks.reserve(`name-${i}`, 0);
    expect(streaks.size).toBe(100);
  });
});
