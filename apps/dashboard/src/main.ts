import { API, ApiError, getJson, storedToken, whoAmI } from './api';
import { byId, h } from './dom';
import { setPageState, showNotice, errorSentence } from './page';
import { loadAdminViews, wireAdminViews } from './panels/admin-views';
import { resetDrilldown } from './panels/drilldown';
import { loadScans, reposTable, wireFindings } from './panels/scans';
import { showForbidden, showLogin, showSignedIn, wireSignIn } from './panels/sign-in';
import { renderSummary } from './panels/summary';
import { loadTimeline } from './panels/timeline';
import { clientsTable, loadClients, loadUsers, usersTable, wireExports } from './panels/usage-tables';
import { state } from './state';
import type { Granularity, UsageSummary } from './types';

/** Loads every panel: the summary first (it decides between the page, the sign-in form and "forbidden"), then the rest at once. */
async function load(): Promise<void> {
  const generation = ++state.generation;
  setPageState('loading');
  let summary: UsageSummary;
  try {
    summary = await getJson<UsageSummary>(`${API}/usage/summary?days=${state.days}`);
  } catch (error) {
    if (generation !== state.generation) return;
    if (error instanceof ApiError && error.status === 401) return showLogin(storedToken() ? 'Your API token was not accepted. Please sign in again.' : undefined);
    if (error instanceof ApiError && error.status === 403) return showForbidden();
    setPageState('error');
    byId('content').hidden = true;
    showNotice(errorSentence('the dashboard', error));
    return;
  }
  if (generation !== state.generation) return;
  showNotice(null);
  byId('login').hidden = true;
  byId('content').hidden = false;
  renderSummary(summary);
  resetDrilldown();
  void whoAmI().then(showSignedIn);
  await Promise.all([loadTimeline(generation), loadUsers(generation), loadClients(generation), loadScans(generation), loadAdminViews(generation)]);
  if (generation === state.generation && document.body.dataset['state'] === 'loading') setPageState('ready');
}

function wirePeriod(): void {
  const days = byId<HTMLSelectElement>('days');
  if (![...days.options].some((o) => o.value === String(state.days))) days.append(h('option', { value: state.days }, `Last ${state.days} days`));
  days.value = String(state.days);
  days.addEventListener('change', () => {
    state.days = Number(days.value);
    const url = new URL(location.href);
    url.searchParams.set('days', String(state.days));
    history.replaceState(null, '', url);
    void load();
  });
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="granularity"]')) {
    radio.addEventListener('change', () => {
      state.granularity = radio.value as Granularity;
      void loadTimeline(state.generation);
    });
  }
}

function start(): void {
  byId('users-table').append(usersTable.element);
  byId('clients-table').append(clientsTable.element);
  byId('repos-table').append(reposTable.element);
  wireAdminViews();
  wireFindings();
  wirePeriod();
  byId('refresh').addEventListener('click', () => void load());
  wireSignIn(load);
  wireExports();
  void load();
}

start();
