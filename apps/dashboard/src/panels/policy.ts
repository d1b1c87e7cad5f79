import { byId, clear, h } from '../dom';
import { describeSunset, formatDate, formatDateTime, formatDuration, formatRelative } from '../format';
import { byTestId, setPanel } from '../page';
import type { PolicyMode, UsageSummary } from '../types';

const MODE_TEXT: Record<PolicyMode, string> = {
  off: 'Policy: off. No sunset or brown-out is enforced: deprecated session logins are served as before (with deprecation headers) and counted.',
  'dry-run': 'Policy: dry run. Calls that brown-outs or the sunset would refuse are served, and counted as would-be refusals.',
  enforce: 'Policy: enforced. Deprecated session calls are refused during brown-out windows and after the sunset.',
};

/** The policy sentence, the brown-out banner and the table of brown-out windows. */
export function renderPolicy(summary: UsageSummary): void {
  const { policy } = summary;
  const now = Date.now();
  const banner = byId('brownout-banner');
  const current = policy.brownouts.find((w) => Date.parse(w.start) <= now && now < Date.parse(w.end));
  banner.hidden = !policy.inBrownout;
  banner.textContent = policy.inBrownout
    ? `A brown-out is in progress${current ? ` until ${formatDateTime(current.end)}` : ''}: deprecated session calls are ${policy.mode === 'enforce' ? 'refused' : 'counted as would-be refusals'}.`
    : '';
  const parts = [MODE_TEXT[policy.mode] ?? `Policy: ${policy.mode}.`];
  if (policy.mode === 'off') {
    // Nothing is enforced, so the configured dates are plans, whether or not they lie in the past.
    if (policy.deprecatedAt) parts.push(`Planned deprecation date: ${formatDate(policy.deprecatedAt)}.`);
    parts.push(policy.sunsetAt ? `Planned sunset: ${formatDateTime(policy.sunsetAt)} (takes effect only once the policy is dry-run or enforce).` : 'No sunset date is set.');
  } else {
    if (policy.deprecatedAt) parts.push(`Deprecated since ${formatDate(policy.deprecatedAt)}.`);
    if (policy.sunsetAt) parts.push(`Sunset on ${formatDateTime(policy.sunsetAt)}: ${describeSunset(policy.daysToSunset)}.`);
    else parts.push('No sunset date is set.');
  }
  byTestId('policy-text').textContent = parts.join(' ');

  const container = byId('brownouts');
  clear(container);
  if (policy.brownouts.length === 0) {
    container.append(h('p', { className: 'panel-message empty', 'data-testid': 'brownouts-message' }, policy.mode === 'off' ? 'No brown-out windows are scheduled (and none would be enforced with the policy off).' : 'No brown-out windows are scheduled.'));
    setPanel('policy', 'empty');
    return;
  }
  const rows = policy.brownouts.map((w) => {
    const start = Date.parse(w.start);
    const end = Date.parse(w.end);
    const status = start <= now && now < end ? 'In progress' : start > now ? `Starts ${formatRelative(w.start, now)}` : `Ended ${formatRelative(w.end, now)}`;
    return h(
      'tr',
      { className: start <= now && now < end ? 'current' : '' },
      h('td', {}, formatDateTime(w.start)),
      h('td', {}, formatDateTime(w.end)),
      h('td', { className: 'num' }, formatDuration(end - start)),
      h('td', {}, policy.mode === 'off' ? `${status} (planned, not enforced)` : status),
    );
  });
  container.append(
    h(
      'table',
      { 'data-testid': 'brownouts-table' },
      h('caption', {}, 'Brown-out windows (current and upcoming): deprecated session calls are refused during these times when the policy is enforced'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Start'), h('th', { scope: 'col' }, 'End'), h('th', { scope: 'col', className: 'num' }, 'Length'), h('th', { scope: 'col' }, 'Status'))),
      h('tbody', {}, ...rows),
    ),
  );
  setPanel('policy', 'ready');
}
