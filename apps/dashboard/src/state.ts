import { formatCount } from './format';
import type { DeprecatedClient, DeprecatedUser, Granularity } from './types';

/** What every panel reads: the chosen period and granularity, and the rows the exports save. */
export const state = {
  days: initialDays(),
  granularity: 'day' as Granularity,
  users: [] as DeprecatedUser[],
  clients: [] as DeprecatedClient[],
  /** Bumped on every reload so a slow answer never overwrites a newer one. */
  generation: 0,
};

function initialDays(): number {
  const days = Number(new URLSearchParams(location.search).get('days'));
  return Number.isInteger(days) && days >= 1 && days <= 366 ? days : 30;
}

export function periodText(): string {
  return state.days === 1 ? 'the last 24 hours' : `the last ${formatCount(state.days)} days`;
}
