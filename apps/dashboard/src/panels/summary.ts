import { destroyChart, drawShare } from '../charts';
import { byId } from '../dom';
import { formatCount, formatDate, formatDateTime, formatShare } from '../format';
import { hideChart, message } from '../page';
import { periodText } from '../state';
import type { UsageSummary } from '../types';
import { renderPolicy } from './policy';

function setText(testId: string, text: string): void {
  const element = document.querySelector(`[data-testid="${testId}"]`);
  if (element) element.textContent = text;
}

/** The key figures, the token-share chart, the policy and the recorder's health, all from the summary. */
export function renderSummary(summary: UsageSummary): void {
  for (const element of document.querySelectorAll('[data-period]')) element.textContent = `(${periodText()})`;
  const total = summary.deprecatedCalls + summary.tokenCalls;
  setText('kpi-token-share', formatShare(summary.tokenShare));
  setText(
    'kpi-token-share-note',
    summary.tokenShare === null ? `No API calls in ${periodText()}.` : `${formatCount(summary.tokenCalls)} of ${formatCount(total)} calls`,
  );
  setText('kpi-deprecated-calls', formatCount(summary.deprecatedCalls));
  setText('kpi-token-calls', formatCount(summary.tokenCalls));
  setText('kpi-deprecated-users', formatCount(summary.deprecatedUsers));
  setText('kpi-deprecated-clients', formatCount(summary.deprecatedClients));
  setText('kpi-refusals', formatCount(summary.refusals));
  const { policy } = summary;
  const days = policy.daysToSunset;
  setText('kpi-sunset', days === null ? '—' : days >= 0 ? formatCount(days) : 'Passed');
  setText(
    'kpi-sunset-note',
    !policy.sunsetAt ? 'No sunset date is set' : days !== null && days < 0 ? `${formatCount(-days)} ${days === -1 ? 'day' : 'days'} ago, on ${formatDate(policy.sunsetAt)}` : `on ${formatDate(policy.sunsetAt)}`,
  );

  const shareCanvas = byId<HTMLCanvasElement>('share-chart');
  if (total === 0) {
    destroyChart(shareCanvas, 'share');
    hideChart(shareCanvas, true);
    message('share-message', `No API calls in ${periodText()}, so there is no share to show yet.`);
  } else {
    hideChart(shareCanvas, false);
    message('share-message', null);
    shareCanvas.setAttribute('aria-label', `${formatShare(summary.tokenShare)} of ${formatCount(total)} calls used API tokens; ${formatCount(summary.deprecatedCalls)} used the deprecated session.`);
    drawShare(shareCanvas, summary.tokenCalls, summary.deprecatedCalls);
  }
  renderPolicy(summary);
  const { recording } = summary;
  const dropped = recording.dropped > 0 ? ` ${formatCount(recording.dropped)} events were dropped (the recorder's queue was full), so counts are a little low.` : '';
  setText('recording', `Usage recording: ${formatCount(recording.written)} events written, ${formatCount(recording.pending)} waiting to be written.${dropped}`);
  setText('updated', `Updated ${formatDateTime(new Date().toISOString())}; data from ${formatDateTime(summary.from)} to ${formatDateTime(summary.to)}.`);
}
