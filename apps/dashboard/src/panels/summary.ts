import { destroyChart, drawShare } from '../charts';
import { byId } from '../dom';
import { formatCount, formatDate, formatDateTime, formatShare } from '../format';
import { hideChart, message } from '../page';
import { periodText, state } from '../state';
import type { UsageSummary } from '../types';
import { renderPolicy } from './policy';

function setText(testId: string, text: string): void {
  const element = document.querySelector(`[data-testid="${testId}"]`);
  if (element) element.textContent = text;
}

/** The key figures, the token-share chart, the policy and the recorder's health, all from the summary. */
export function renderSummary(summary: UsageSummary): void {
  state.summary = summary;
  const { stored } = summary;
  const neverUsed = stored.deprecatedCalls + stored.tokenCalls === 0;
  message('traffic-message', neverUsed ? 'No traffic yet: this server has not recorded a single API call. The figures below fill in as clients call it.' : null);
  for (const element of document.querySelectorAll('[data-period]')) element.textContent = `(${periodText()})`;
  const total = summary.deprecatedCalls + summary.tokenCalls;
  setText('kpi-token-share', formatShare(summary.tokenShare));
  setText(
    'kpi-token-share-note',
    neverUsed ? 'No traffic recorded yet.' : summary.tokenShare === null ? `No API calls in ${periodText()}.` : `${formatCount(summary.tokenCalls)} of ${formatCount(total)} calls`,
  );
  setText('kpi-deprecated-calls', formatCount(summary.deprecatedCalls));
  setText('kpi-token-calls', formatCount(summary.tokenCalls));
  setText('kpi-deprecated-users', formatCount(summary.deprecatedUsers));
  setText('kpi-deprecated-clients', formatCount(summary.deprecatedClients));
  setText('kpi-refusals', formatCount(summary.refusals));
  const { policy } = summary;
  const days = policy.daysToSunset;
  // With the policy off nothing is switched off: the dates are a plan, never "passed".
  const off = policy.mode === 'off';
  setText('kpi-sunset-label', off ? 'Sunset' : 'Days to sunset');
  setText('kpi-sunset', off ? 'Not enforced' : days === null ? '—' : days >= 0 ? formatCount(days) : 'Passed');
  setText(
    'kpi-sunset-note',
    !policy.sunsetAt
      ? 'No sunset date is set'
      : off
        ? `Planned for ${formatDate(policy.sunsetAt)}; the policy is off`
        : days !== null && days < 0
          ? `${formatCount(-days)} ${days === -1 ? 'day' : 'days'} ago, on ${formatDate(policy.sunsetAt)}`
          : `on ${formatDate(policy.sunsetAt)}`,
  );

  const shareCanvas = byId<HTMLCanvasElement>('share-chart');
  if (total === 0) {
    destroyChart(shareCanvas, 'share');
    hideChart(shareCanvas, true);
    message('share-message', neverUsed ? 'No traffic recorded yet, so there is no share to show.' : `No API calls in ${periodText()}, so there is no share to show yet.`);
  } else {
    hideChart(shareCanvas, false);
    message('share-message', null);
    shareCanvas.setAttribute('aria-label', `${formatShare(summary.tokenShare)} of ${formatCount(total)} calls used API tokens; ${formatCount(summary.deprecatedCalls)} used the deprecated session.`);
    drawShare(shareCanvas, summary.tokenCalls, summary.deprecatedCalls);
  }
  renderPolicy(summary);
  const { recording } = summary;
  const dropped = recording.dropped > 0 ? ` ${formatCount(recording.dropped)} events were dropped (the recorder's queue was full), so counts are a little low.` : '';
  setText(
    'stored',
    neverUsed
      ? 'Stored in the database: no usage yet.'
      : `Stored in the database (all servers): ${formatCount(stored.deprecatedCalls)} deprecated and ${formatCount(stored.tokenCalls)} API token calls, from ${formatDateTime(stored.firstHour)} to ${formatDateTime(stored.lastHour)} (hours).`,
  );
  setText('recording', `This server process since it started: ${formatCount(recording.written)} usage events written, ${formatCount(recording.pending)} waiting to be written.${dropped}`);
  setText('updated', `Updated ${formatDateTime(new Date().toISOString())}; data from ${formatDateTime(summary.from)} to ${formatDateTime(summary.to)}.`);
}
