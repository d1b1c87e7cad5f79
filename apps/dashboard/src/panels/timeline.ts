import { API, getJson } from '../api';
import { destroyChart, drawTimeline } from '../charts';
import { byId } from '../dom';
import { formatCount } from '../format';
import { errorSentence, hideChart, message, setPanel } from '../page';
import { fillBuckets, granularityFor, MAX_HOURLY_DAYS } from '../series';
import { periodText, state } from '../state';
import type { Timeseries } from '../types';
import { showLoginIfSignedOut } from './sign-in';

/** Calls over time: deprecated session calls by endpoint against API token calls. */
export async function loadTimeline(generation: number): Promise<void> {
  setPanel('timeline', 'loading');
  const canvas = byId<HTMLCanvasElement>('timeline-chart');
  syncGranularity();
  try {
    const data = await getJson<Timeseries>(`${API}/usage/timeseries?granularity=${state.granularity}&days=${state.days}`);
    if (generation !== state.generation) return;
    const series = fillBuckets(data.buckets ?? [], state.granularity, state.days);
    if (series.deprecatedTotal + series.tokenTotal === 0) {
      destroyChart(canvas, 'timeline');
      hideChart(canvas, true);
      message('timeline-message', `No API calls in ${periodText()}: nothing to chart yet.`);
      setPanel('timeline', 'empty');
      return;
    }
    hideChart(canvas, false);
    const top = series.endpoints
      .slice(0, 3)
      .map((e) => `${e.endpoint} ${formatCount(e.total)}`)
      .join(', ');
    canvas.setAttribute(
      'aria-label',
      `Per ${state.granularity}: ${formatCount(series.deprecatedTotal)} deprecated session calls${top ? ` (${top})` : ''} and ${formatCount(series.tokenTotal)} API token calls.`,
    );
    drawTimeline(canvas, series, state.granularity);
    message(
      'timeline-message',
      series.deprecatedTotal === 0 ? `No deprecated session calls in ${periodText()}: every call used an API token.` : null,
    );
    setPanel('timeline', 'ready');
  } catch (error) {
    if (showLoginIfSignedOut(error)) return;
    destroyChart(canvas, 'timeline');
    hideChart(canvas, true);
    message('timeline-message', errorSentence('calls over time', error), 'error');
    setPanel('timeline', 'error');
  }
}

/** Per hour only for periods of up to a week: the hour choice is disabled (and says why) beyond. */
function syncGranularity(): void {
  state.granularity = granularityFor(state.granularity, state.days);
  const hourAllowed = state.days <= MAX_HOURLY_DAYS;
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="granularity"]')) {
    radio.checked = radio.value === state.granularity;
    if (radio.value === 'hour') radio.disabled = !hourAllowed;
  }
  const hint = byId('granularity-hint');
  hint.textContent = hourAllowed ? '' : `Per hour is offered for periods of up to ${MAX_HOURLY_DAYS} days.`;
}
