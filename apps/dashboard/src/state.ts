import { formatCount } from './format';
import type { DeprecatedClient, DeprecatedUser, Granularity, UsageSummary } from './types';

/** What every panel reads: the chosen period and granularity, and the rows the exports save. */
export const state = {
  days: initialDays(),
  granularity: 'day' as Granularity,
  users: [] as DeprecatedUser[],
  clients: [] as DeprecatedClient[],
  /** The last summary: the empty states depend on whether any traffic was ever recorded. */
  summary: null as UsageSummary | null,
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

/** Why a list of deprecated use is empty, in words that are true for this database and period. */
export function noDeprecatedUseText(subject: 'user' | 'client'): string {
  const summary = state.summary;
  if (summary && summary.stored.deprecatedCalls + summary.stored.tokenCalls === 0) {
    return 'No traffic has been recorded yet: no API call has reached this server since usage recording started.';
  }
  if (summary && summary.tokenCalls === 0) return `No API calls at all in ${periodText()}.`;
  return `No deprecated session calls in ${periodText()}: every ${subject} seen in this period is on API tokens.`;
}
