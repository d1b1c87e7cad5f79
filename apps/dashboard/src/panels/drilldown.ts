import { lastSeen } from '../cells';
import { API, getJson } from '../api';
import { byId, clear, h } from '../dom';
import { formatCount } from '../format';
import { errorSentence, message, setPanel } from '../page';
import { periodText, state } from '../state';
import { DataTable } from '../table';
import type { DrilldownRow } from '../types';
import { showLoginIfSignedOut } from './sign-in';

/** One step: a user (showing their clients) or a client (showing its users). */
export interface DrillStep {
  by: 'user' | 'client';
  key: string;
}

/** The steps taken, so "Back" returns to the previous user or client. */
const trail: DrillStep[] = [];

function describe(step: DrillStep): string {
  return step.by === 'user' ? `user ${step.key}` : `client ${step.key}`;
}

function table(step: DrillStep): DataTable<DrilldownRow> {
  const other = step.by === 'user' ? 'client' : 'user';
  return new DataTable<DrilldownRow>({
    caption: step.by === 'user' ? `Clients of ${step.key} on the session login, with their endpoints` : `Users of the client ${step.key}, with their endpoints`,
    testId: 'drilldown-table',
    sortKey: 'deprecatedCalls',
    sortDescending: true,
    rowKey: (row) => row.key,
    emptyText: () => `No deprecated session calls by ${describe(step)} in ${periodText()}.`,
    columns: [
      {
        key: 'key',
        label: other === 'client' ? 'Client' : 'User',
        kind: 'text',
        render: (row) =>
          h('button', { type: 'button', className: 'link', 'data-drill': row.key, onclick: () => void openDrilldown({ by: other, key: row.key }) }, row.key),
      },
      { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
      { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
      {
        key: 'endpoints',
        label: 'Endpoints',
        kind: 'text',
        sortable: false,
        render: (row) => h('ul', { className: 'endpoints' }, ...row.endpoints.map((e) => h('li', {}, h('code', {}, e.endpoint), ` ${formatCount(e.calls)}`))),
        searchText: (row) => row.endpoints.map((e) => e.endpoint).join(' '),
      },
    ],
  });
}

async function show(step: DrillStep): Promise<void> {
  const view = byId('drilldown-view');
  setPanel('drilldown', 'loading');
  const path = step.by === 'user' ? `user-clients?user=${encodeURIComponent(step.key)}` : `client-users?client=${encodeURIComponent(step.key)}`;
  try {
    const rows = await getJson<DrilldownRow[]>(`${API}/usage/${path}&days=${state.days}`);
    clear(view);
    const crumbs = trail.map((s, i) => h('li', { 'aria-current': i === trail.length - 1 ? 'step' : false }, describe(s)));
    const back = h('button', { type: 'button', 'data-testid': 'drilldown-back', disabled: trail.length < 2, onclick: () => void goBack() }, 'Back');
    const heading = h('h3', { id: 'drilldown-heading', tabindex: '-1', 'data-testid': 'drilldown-heading' }, step.by === 'user' ? `${step.key}: clients and endpoints` : `${step.key}: users and endpoints`);
    const result = table(step);
    result.setRows(rows);
    view.append(h('nav', { 'aria-label': 'Drill-down path', className: 'crumbs' }, h('ol', {}, ...crumbs)), back, heading, result.element);
    message('drilldown-message', null);
    setPanel('drilldown', rows.length ? 'ready' : 'empty');
    heading.focus();
  } catch (error) {
    if (showLoginIfSignedOut(error)) return;
    message('drilldown-message', errorSentence(`the drill-down of ${describe(step)}`, error), 'error');
    setPanel('drilldown', 'error');
  }
}

/** Opens a user's clients or a client's users, and scrolls the panel into view. */
export async function openDrilldown(step: DrillStep): Promise<void> {
  trail.push(step);
  byId('drilldown').scrollIntoView({ block: 'start' });
  await show(step);
}

async function goBack(): Promise<void> {
  trail.pop();
  const previous = trail.at(-1);
  if (previous) await show(previous);
}

/** A new period empties the trail: the previous steps' numbers would be of another window. */
export function resetDrilldown(): void {
  trail.length = 0;
  clear(byId('drilldown-view'));
  message('drilldown-message', 'Choose a user or a client in the tables above to see which clients, users and endpoints it involves.');
  setPanel('drilldown', 'empty');
}
