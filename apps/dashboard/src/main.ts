import { API, ApiError, getJson, getText, loginWithPassword, logout, storedToken, storeToken, whoAmI } from './api';
import { destroyChart, drawBurnDown, drawShare, drawTimeline } from './charts';
import { toCsv } from './csv';
import { byId, clear, download, h, timeElement } from './dom';
import { describeSunset, formatCount, formatDate, formatDateTime, formatDuration, formatRelative, formatShare } from './format';
import { burnDown, fillBuckets } from './series';
import { DataTable } from './table';
import type { DeprecatedClient, DeprecatedUser, Granularity, PolicyMode, RepoScans, ScanRun, Timeseries, UsageSummary } from './types';

type PanelState = 'loading' | 'ready' | 'empty' | 'error';

const state = {
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

function periodText(): string {
  return state.days === 1 ? 'the last 24 hours' : `the last ${formatCount(state.days)} days`;
}

function setPageState(value: 'loading' | 'login' | 'forbidden' | 'ready' | 'error'): void {
  document.body.dataset['state'] = value;
}

function byTestId(testId: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`[data-testid="${testId}"] is missing from index.html`);
  return element;
}

/** Hides a chart's box (an empty or failed panel says why in words instead). */
function hideChart(canvas: HTMLCanvasElement, hidden: boolean): void {
  const box = canvas.closest<HTMLElement>('.chart-box');
  if (box) box.hidden = hidden;
}

function setPanel(id: string, value: PanelState): void {
  byId(id).dataset['state'] = value;
}

function message(testId: string, text: string | null, kind: 'empty' | 'error' = 'empty'): void {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!element) return;
  element.hidden = text === null;
  element.textContent = text ?? '';
  element.className = `panel-message ${kind}`;
  element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

function showNotice(text: string | null): void {
  const notice = byId('notice');
  notice.hidden = text === null;
  notice.textContent = text ?? '';
}

function errorSentence(what: string, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return `Could not load ${what}: ${error.message}`;
    if (error.status === 404) return `Could not load ${what}: this server does not offer it (HTTP 404). Is the server older than the dashboard?`;
    if (error.status >= 500) return `Could not load ${what}: the server failed (HTTP ${error.status}: ${error.message}). Try Refresh; if it persists, see the server log.`;
    return `Could not load ${what}: ${error.message} (HTTP ${error.status}).`;
  }
  return `Could not load ${what}: ${(error as Error).message}`;
}

/** 401 anywhere means the session or token is gone: back to the sign-in form. */
function isAuthError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

// ---------------------------------------------------------------------------------------------
// Sign-in, forbidden, sign-out

function showLogin(reason?: string): void {
  setPageState('login');
  byId('content').hidden = true;
  byId('login').hidden = false;
  byId('logout').hidden = true;
  byId('whoami').textContent = '';
  showNotice(reason ?? null);
  byId<HTMLInputElement>('username').focus();
}

async function showForbidden(): Promise<void> {
  byId('content').hidden = true;
  byId('login').hidden = true;
  const name = await whoAmI();
  showSignedIn(name);
  showNotice(
    `${name ? `You are signed in as ${name}, but the` : 'The'} dashboard needs a Jira administrator: it shows usage across the whole organisation. ` +
      'Sign out and sign in as an administrator, or ask one for access.',
  );
  // Last, so whoever waits for the state finds the page complete.
  setPageState('forbidden');
}

function showSignedIn(name: string | null): void {
  const how = storedToken() ? 'API token' : 'session';
  byId('whoami').textContent = name ? `Signed in as ${name} (${how})` : '';
  byId('logout').hidden = false;
}

function wireLogin(): void {
  const passwordForm = byId<HTMLFormElement>('password-form');
  passwordForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byTestId('password-error');
    error.textContent = '';
    const username = byId<HTMLInputElement>('username').value.trim();
    const password = byId<HTMLInputElement>('password').value;
    try {
      await loginWithPassword(username, password);
      byId<HTMLInputElement>('password').value = '';
      await load();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 403 ? `Login denied: ${e.message}` : (e as Error).message;
    }
  });
  const tokenForm = byId<HTMLFormElement>('token-form');
  tokenForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byTestId('token-error');
    error.textContent = '';
    const token = byId<HTMLInputElement>('token').value.trim().replace(/^Bearer\s+/i, '');
    if (!/^\S+$/.test(token)) {
      error.textContent = 'Paste the whole token, without spaces.';
      return;
    }
    // A session cookie would take precedence over the token on the server: end it first.
    await logout();
    storeToken(token);
    try {
      await getJson<UsageSummary>(`${API}/usage/summary?days=1`);
    } catch (e) {
      if (isAuthError(e)) {
        storeToken(null);
        error.textContent = 'This token was not accepted: it may be mistyped, revoked or expired.';
        return;
      }
    }
    byId<HTMLInputElement>('token').value = '';
    await load();
  });
  byId('logout').addEventListener('click', async () => {
    await logout();
    showLogin('You are signed out.');
  });
}

// ---------------------------------------------------------------------------------------------
// Overview and policy (from the summary)

const MODE_TEXT: Record<PolicyMode, string> = {
  off: 'Policy: off. Deprecated session logins are served as before (with deprecation headers) and counted.',
  'dry-run': 'Policy: dry run. Calls that brown-outs or the sunset would refuse are served, and counted as would-be refusals.',
  enforce: 'Policy: enforced. Deprecated session calls are refused during brown-out windows and after the sunset.',
};

function renderSummary(summary: UsageSummary): void {
  for (const element of document.querySelectorAll('[data-period]')) element.textContent = `(${periodText()})`;
  const set = (testId: string, text: string) => {
    const element = document.querySelector(`[data-testid="${testId}"]`);
    if (element) element.textContent = text;
  };
  const total = summary.deprecatedCalls + summary.tokenCalls;
  set('kpi-token-share', formatShare(summary.tokenShare));
  set(
    'kpi-token-share-note',
    summary.tokenShare === null ? `No API calls in ${periodText()}.` : `${formatCount(summary.tokenCalls)} of ${formatCount(total)} calls`,
  );
  set('kpi-deprecated-calls', formatCount(summary.deprecatedCalls));
  set('kpi-token-calls', formatCount(summary.tokenCalls));
  set('kpi-deprecated-users', formatCount(summary.deprecatedUsers));
  set('kpi-deprecated-clients', formatCount(summary.deprecatedClients));
  set('kpi-refusals', formatCount(summary.refusals));
  const { policy } = summary;
  const days = policy.daysToSunset;
  set('kpi-sunset', days === null ? '—' : days >= 0 ? formatCount(days) : 'Passed');
  set(
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
  set('recording', `Usage recording: ${formatCount(recording.written)} events written, ${formatCount(recording.pending)} waiting to be written.${dropped}`);
  set('updated', `Updated ${formatDateTime(new Date().toISOString())}; data from ${formatDateTime(summary.from)} to ${formatDateTime(summary.to)}.`);
}

function renderPolicy(summary: UsageSummary): void {
  const { policy } = summary;
  const now = Date.now();
  const banner = byId('brownout-banner');
  const current = policy.brownouts.find((w) => Date.parse(w.start) <= now && now < Date.parse(w.end));
  banner.hidden = !policy.inBrownout;
  banner.textContent = policy.inBrownout
    ? `A brown-out is in progress${current ? ` until ${formatDateTime(current.end)}` : ''}: deprecated session calls are ${policy.mode === 'enforce' ? 'refused' : 'counted as would-be refusals'}.`
    : '';
  const parts = [MODE_TEXT[policy.mode] ?? `Policy: ${policy.mode}.`];
  if (policy.deprecatedAt) parts.push(`Deprecated since ${formatDate(policy.deprecatedAt)}.`);
  if (policy.sunsetAt) parts.push(`Sunset on ${formatDateTime(policy.sunsetAt)}: ${describeSunset(policy.daysToSunset)}.`);
  else parts.push('No sunset date is set.');
  byTestId('policy-text').textContent = parts.join(' ');

  const container = byId('brownouts');
  clear(container);
  if (policy.brownouts.length === 0) {
    container.append(h('p', { className: 'panel-message empty', 'data-testid': 'brownouts-message' }, 'No brown-out windows are scheduled.'));
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
      h('td', {}, status),
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

// ---------------------------------------------------------------------------------------------
// Calls over time

async function loadTimeline(generation: number): Promise<void> {
  setPanel('timeline', 'loading');
  const canvas = byId<HTMLCanvasElement>('timeline-chart');
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
    if (isAuthError(error)) return showLogin('Your sign-in has ended. Please sign in again.');
    destroyChart(canvas, 'timeline');
    hideChart(canvas, true);
    message('timeline-message', errorSentence('calls over time', error), 'error');
    setPanel('timeline', 'error');
  }
}

// ---------------------------------------------------------------------------------------------
// Users and clients

function lastSeen(iso: string): HTMLTimeElement {
  return timeElement(iso, formatRelative(iso), formatDateTime(iso));
}

const usersTable = new DataTable<DeprecatedUser>({
  caption: 'Users who called with a session cookie, most calls first',
  testId: 'users-table',
  sortKey: 'deprecatedCalls',
  sortDescending: true,
  rowKey: (row) => row.user,
  emptyText: () => `No deprecated session calls in ${periodText()}: every user is on API tokens.`,
  columns: [
    { key: 'user', label: 'User', kind: 'text' },
    { key: 'displayName', label: 'Name', kind: 'text', render: (row) => row.displayName ?? '—' },
    { key: 'email', label: 'Email', kind: 'text', render: (row) => row.email ?? '—' },
    { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
    { key: 'clients', label: 'Clients', kind: 'number', render: (row) => formatCount(row.clients) },
    { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
  ],
});

const clientsTable = new DataTable<DeprecatedClient>({
  caption: 'Clients that called with a session cookie, most calls first',
  testId: 'clients-table',
  sortKey: 'deprecatedCalls',
  sortDescending: true,
  rowKey: (row) => row.client,
  emptyText: () => `No deprecated session calls in ${periodText()}: every client is on API tokens.`,
  columns: [
    { key: 'client', label: 'Client', kind: 'text', render: (row) => h('code', {}, row.client) },
    { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
    { key: 'users', label: 'Users', kind: 'number', render: (row) => formatCount(row.users) },
    { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
  ],
});

async function loadUsers(generation: number): Promise<void> {
  setPanel('users', 'loading');
  const button = byId<HTMLButtonElement>('users-export');
  try {
    const users = await getJson<DeprecatedUser[]>(`${API}/usage/users?days=${state.days}`);
    if (generation !== state.generation) return;
    state.users = users;
    usersTable.setRows(users);
    usersTable.element.hidden = false;
    button.disabled = users.length === 0;
    message('users-message', null);
    setPanel('users', users.length ? 'ready' : 'empty');
  } catch (error) {
    if (isAuthError(error)) return showLogin('Your sign-in has ended. Please sign in again.');
    usersTable.setRows([]);
    usersTable.element.hidden = true;
    button.disabled = true;
    message('users-message', errorSentence('the users still on the session login', error), 'error');
    setPanel('users', 'error');
  }
}

async function loadClients(generation: number): Promise<void> {
  setPanel('clients', 'loading');
  const button = byId<HTMLButtonElement>('clients-export');
  try {
    const clients = await getJson<DeprecatedClient[]>(`${API}/usage/clients?days=${state.days}`);
    if (generation !== state.generation) return;
    state.clients = clients;
    clientsTable.setRows(clients);
    clientsTable.element.hidden = false;
    button.disabled = clients.length === 0;
    message('clients-message', null);
    setPanel('clients', clients.length ? 'ready' : 'empty');
  } catch (error) {
    if (isAuthError(error)) return showLogin('Your sign-in has ended. Please sign in again.');
    clientsTable.setRows([]);
    clientsTable.element.hidden = true;
    button.disabled = true;
    message('clients-message', errorSentence('the clients still on the session login', error), 'error');
    setPanel('clients', 'error');
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function wireExports(): void {
  byId('users-export').addEventListener('click', async () => {
    // The server's CSV is the export of record; should it be unavailable, the rows on the page are saved instead.
    let csv: string;
    try {
      csv = await getText(`${API}/usage/users.csv?days=${state.days}`);
    } catch (error) {
      if (isAuthError(error)) return showLogin('Your sign-in has ended. Please sign in again.');
      csv = toCsv(['user', 'displayName', 'email', 'deprecatedCalls', 'lastSeen', 'clients'], state.users);
    }
    download(`tokenshift-session-users-${state.days}d-${today()}.csv`, csv);
  });
  byId('clients-export').addEventListener('click', () => {
    download(`tokenshift-session-clients-${state.days}d-${today()}.csv`, toCsv(['client', 'deprecatedCalls', 'lastSeen', 'users'], state.clients));
  });
}

// ---------------------------------------------------------------------------------------------
// Scanner findings

type RepoRow = RepoScans & { findingCount: number; scannedAt: string; commit: string; high: number; medium: number; low: number; info: number };

const reposTable = new DataTable<RepoRow>({
  caption: "Each repository's most recent scan: findings by severity",
  testId: 'repos-table',
  sortKey: 'findingCount',
  sortDescending: true,
  rowKey: (row) => row.repo,
  emptyText: () => 'No scan has been reported yet. Run the scanner with --report-to (see docs/scanner.md) to see findings here.',
  columns: [
    { key: 'repo', label: 'Repository', kind: 'text' },
    { key: 'scannedAt', label: 'Scanned', kind: 'date', render: (row) => lastSeen(row.scannedAt), searchText: () => '' },
    {
      key: 'commit',
      label: 'Commit',
      kind: 'text',
      render: (row) => (row.commit ? h('code', { title: row.commit }, row.commit.slice(0, 10)) : '—'),
    },
    { key: 'findingCount', label: 'Findings', kind: 'number', render: (row) => formatCount(row.findingCount) },
    { key: 'high', label: 'High', kind: 'number', render: (row) => formatCount(row.high) },
    { key: 'medium', label: 'Medium', kind: 'number', render: (row) => formatCount(row.medium) },
    { key: 'low', label: 'Low', kind: 'number', render: (row) => formatCount(row.low) },
    { key: 'info', label: 'Info', kind: 'number', render: (row) => formatCount(row.info) },
    {
      key: 'history',
      label: 'Details',
      kind: 'text',
      render: (row) =>
        row.findingCount === 0
          ? 'Clean'
          : h('button', { type: 'button', className: 'link', 'data-run': row.latest.id, onclick: () => void showRun(row.latest.id) }, 'Show findings'),
      searchText: () => '',
      sortable: false,
    },
  ],
});

async function loadScans(generation: number): Promise<void> {
  setPanel('scans', 'loading');
  const canvas = byId<HTMLCanvasElement>('burndown-chart');
  try {
    const repos = await getJson<RepoScans[]>(`${API}/scan-runs/repos`);
    if (generation !== state.generation) return;
    reposTable.element.hidden = false;
    reposTable.setRows(
      repos.map((r) => ({ ...r, findingCount: r.latest.findingCount, scannedAt: r.latest.scannedAt, commit: r.latest.commit ?? '', ...r.latest.bySeverity })),
    );
    if (repos.length === 0) {
      destroyChart(canvas, 'burnDown');
      hideChart(canvas, true);
      message('scans-message', 'No scan has been reported yet, so there is no burn-down to draw.');
      setPanel('scans', 'empty');
      return;
    }
    hideChart(canvas, false);
    const lines = burnDown(repos);
    canvas.setAttribute('aria-label', `Findings per scan: ${repos.map((r) => `${r.repo} now ${formatCount(r.latest.findingCount)}`).join('; ')}.`);
    drawBurnDown(canvas, lines);
    const total = repos.reduce((sum, r) => sum + r.latest.findingCount, 0);
    message(
      'scans-message',
      total === 0 ? 'Every repository is clean at its latest scan.' : `${formatCount(total)} findings left across ${formatCount(repos.length)} ${repos.length === 1 ? 'repository' : 'repositories'}.`,
    );
    setPanel('scans', 'ready');
  } catch (error) {
    if (isAuthError(error)) return showLogin('Your sign-in has ended. Please sign in again.');
    destroyChart(canvas, 'burnDown');
    hideChart(canvas, true);
    reposTable.setRows([]);
    reposTable.element.hidden = true;
    message('scans-message', errorSentence('scanner results', error), 'error');
    setPanel('scans', 'error');
  }
}

async function showRun(id: string): Promise<void> {
  const container = byId('run-details');
  clear(container);
  container.append(h('p', { className: 'panel-message' }, 'Loading findings…'));
  try {
    const run = await getJson<ScanRun>(`${API}/scan-runs/${encodeURIComponent(id)}`);
    clear(container);
    const rows = run.findings.map((f) =>
      h(
        'tr',
        {},
        h('td', {}, h('span', { className: `sev sev-${f.severity}` }, f.severity)),
        h('td', {}, h('code', {}, `${f.file}:${f.line}:${f.column}`)),
        h('td', {}, f.message),
        h('td', {}, f.replacement ? h('code', {}, f.replacement) : '—'),
      ),
    );
    container.append(
      h('h3', { id: 'run-heading', tabindex: '-1' }, `Findings in ${run.repo} at ${run.commit ? run.commit.slice(0, 10) : 'an unknown commit'}`),
      h('p', {}, `Scanned ${formatDateTime(run.scannedAt)} by scanner ${run.scannerVersion}: ${formatCount(run.filesScanned)} files, ${formatCount(run.findingCount)} findings.`),
      h(
        'div',
        { className: 'table-scroll' },
        h(
          'table',
          { 'data-testid': 'run-findings' },
          h('caption', {}, `Findings of the latest scan of ${run.repo}`),
          h('thead', {}, h('tr', {}, ...['Severity', 'Where', 'What', 'Change to'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...rows),
        ),
      ),
    );
    byId('run-heading').focus();
  } catch (error) {
    if (isAuthError(error)) return showLogin('Your sign-in has ended. Please sign in again.');
    clear(container);
    container.append(h('p', { className: 'panel-message error', role: 'alert' }, errorSentence('the findings of this scan', error)));
  }
}

// ---------------------------------------------------------------------------------------------
// Loading everything

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
  void whoAmI().then(showSignedIn);
  await Promise.all([loadTimeline(generation), loadUsers(generation), loadClients(generation), loadScans(generation)]);
  if (generation === state.generation && document.body.dataset['state'] === 'loading') setPageState('ready');
}

function start(): void {
  byId('users-table').append(usersTable.element);
  byId('clients-table').append(clientsTable.element);
  byId('repos-table').append(reposTable.element);
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
  byId('refresh').addEventListener('click', () => void load());
  wireLogin();
  wireExports();
  void load();
}

start();
