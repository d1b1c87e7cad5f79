import { API, getJson, getText } from '../api';
import { toCsv } from '../csv';
import { lastSeen } from '../cells';
import { byId, download, h } from '../dom';
import { formatCount } from '../format';
import { errorSentence, message, setPanel } from '../page';
import { noDeprecatedUseText, state } from '../state';
import { DataTable } from '../table';
import type { DeprecatedClient, DeprecatedUser } from '../types';
import { openDrilldown } from './drilldown';
import { showLoginIfSignedOut } from './sign-in';


export const usersTable = new DataTable<DeprecatedUser>({
  caption: 'Users who called with a session cookie, most calls first',
  testId: 'users-table',
  sortKey: 'deprecatedCalls',
  sortDescending: true,
  rowKey: (row) => row.user,
  emptyText: () => noDeprecatedUseText('user'),
  columns: [
    {
      key: 'user',
      label: 'User',
      kind: 'text',
      render: (row) => h('button', { type: 'button', className: 'link', 'data-drill-user': row.user, onclick: () => void openDrilldown({ by: 'user', key: row.user }) }, row.user),
    },
    { key: 'displayName', label: 'Name', kind: 'text', render: (row) => row.displayName ?? '—', priority: 'low' },
    { key: 'email', label: 'Email', kind: 'text', render: (row) => row.email ?? '—' },
    { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
    { key: 'clients', label: 'Clients', kind: 'number', render: (row) => formatCount(row.clients) },
    { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
  ],
});

export const clientsTable = new DataTable<DeprecatedClient>({
  caption: 'Clients that called with a session cookie, most calls first',
  testId: 'clients-table',
  sortKey: 'deprecatedCalls',
  sortDescending: true,
  rowKey: (row) => row.client,
  emptyText: () => noDeprecatedUseText('client'),
  columns: [
    {
      key: 'client',
      label: 'Client',
      kind: 'text',
      render: (row) =>
        h('button', { type: 'button', className: 'link', 'data-drill-client': row.client, onclick: () => void openDrilldown({ by: 'client', key: row.client }) }, h('code', {}, row.client)),
    },
    { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
    { key: 'users', label: 'Users', kind: 'number', render: (row) => formatCount(row.users) },
    { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
  ],
});

interface TablePanel<Row> {
  /** The panel's id, and the prefix of its export button and message (`<panel>-export`, `<panel>-message`). */
  panel: 'users' | 'clients';
  table: DataTable<Row>;
  path: string;
  /** What the panel shows, for the error sentence. */
  what: string;
  keep: (rows: Row[]) => void;
}

async function loadTablePanel<Row>({ panel, table, path, what, keep }: TablePanel<Row>, generation: number): Promise<void> {
  setPanel(panel, 'loading');
  const button = byId<HTMLButtonElement>(`${panel}-export`);
  try {
    const rows = await getJson<Row[]>(`${API}${path}?days=${state.days}`);
    if (generation !== state.generation) return;
    keep(rows);
    table.setRows(rows);
    table.element.hidden = false;
    button.disabled = rows.length === 0;
    message(`${panel}-message`, null);
    setPanel(panel, rows.length ? 'ready' : 'empty');
  } catch (error) {
    if (showLoginIfSignedOut(error)) return;
    table.setRows([]);
    table.element.hidden = true;
    button.disabled = true;
    message(`${panel}-message`, errorSentence(what, error), 'error');
    setPanel(panel, 'error');
  }
}

export function loadUsers(generation: number): Promise<void> {
  const keep = (rows: DeprecatedUser[]) => (state.users = rows);
  return loadTablePanel({ panel: 'users', table: usersTable, path: '/usage/users', what: 'the users still on the session login', keep }, generation);
}

export function loadClients(generation: number): Promise<void> {
  const keep = (rows: DeprecatedClient[]) => (state.clients = rows);
  return loadTablePanel({ panel: 'clients', table: clientsTable, path: '/usage/clients', what: 'the clients still on the session login', keep }, generation);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function wireExports(): void {
  byId('users-export').addEventListener('click', async () => {
    // The server's CSV is the export of record; should it be unavailable, the rows on the page are saved instead.
    let csv: string;
    try {
      csv = await getText(`${API}/usage/users.csv?days=${state.days}`);
    } catch (error) {
      if (showLoginIfSignedOut(error)) return;
      csv = toCsv(['user', 'displayName', 'email', 'deprecatedCalls', 'lastSeen', 'clients'], state.users);
    }
    download(`tokenshift-session-users-${state.days}d-${today()}.csv`, csv);
  });
  byId('clients-export').addEventListener('click', () => {
    download(`tokenshift-session-clients-${state.days}d-${today()}.csv`, toCsv(['client', 'deprecatedCalls', 'lastSeen', 'users'], state.clients));
  });
}
