import { lastSeen } from '../cells';
import { API, getJson, getText } from '../api';
import { byId, download, h } from '../dom';
import { formatCount } from '../format';
import { errorSentence, message, setPanel } from '../page';
import { noDeprecatedUseText, periodText, state } from '../state';
import { DataTable } from '../table';
import type { ClientIp, Contact, Exemptions, ExemptionUse, MigratedUser, Refusal } from '../types';
import { showLoginIfSignedOut } from './sign-in';
import { openDrilldown } from './drilldown';

const dash = (value: string | null) => value ?? '—';
const userButton = (user: string) => h('button', { type: 'button', className: 'link', 'data-drill-user': user, onclick: () => void openDrilldown({ by: 'user', key: user }) }, user);
const clientButton = (client: string) =>
  h('button', { type: 'button', className: 'link', 'data-drill-client': client, onclick: () => void openDrilldown({ by: 'client', key: client }) }, h('code', {}, client));

export const contactsTable = new DataTable<Contact & { clientList: string }>({
  caption: 'People to contact before the switch-off, most deprecated calls first',
  testId: 'contacts-table',
  sortKey: 'deprecatedCalls',
  sortDescending: true,
  rowKey: (row) => row.user,
  emptyText: () => noDeprecatedUseText('user'),
  columns: [
    { key: 'email', label: 'Email', kind: 'text', render: (row) => (row.email ? h('a', { href: `mailto:${row.email}` }, row.email) : 'no email on record') },
    { key: 'user', label: 'User', kind: 'text', render: (row) => userButton(row.user) },
    { key: 'clientList', label: 'Clients', kind: 'text', render: (row) => row.clientList || '—' },
    { key: 'lastDeprecatedCall', label: 'Last deprecated call', kind: 'date', render: (row) => lastSeen(row.lastDeprecatedCall), searchText: () => '' },
    { key: 'deprecatedCalls', label: 'Calls in the period', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
  ],
});

export const ipsTable = new DataTable<ClientIp & { id: string }>({
  caption: 'The busiest IP addresses (at most 5) of each client on the session login',
  testId: 'ips-table',
  sortKey: 'deprecatedCalls',
  sortDescending: true,
  rowKey: (row) => row.id,
  emptyText: () => noDeprecatedUseText('client'),
  columns: [
    { key: 'client', label: 'Client', kind: 'text', render: (row) => clientButton(row.client) },
    { key: 'ip', label: 'IP address', kind: 'text', render: (row) => h('code', {}, row.ip) },
    { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
    { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
  ],
});

export const migratedTable = new DataTable<MigratedUser>({
  caption: 'Users who called with API tokens and made no deprecated call in the period',
  testId: 'migrated-table',
  sortKey: 'lastTokenCall',
  sortDescending: true,
  rowKey: (row) => row.user,
  emptyText: () => `Nobody has moved yet: no user called with an API token and without the session login in ${periodText()}.`,
  columns: [
    { key: 'user', label: 'User', kind: 'text' },
    { key: 'email', label: 'Email', kind: 'text', render: (row) => dash(row.email), priority: 'low' },
    { key: 'tokenCalls', label: 'Token calls', kind: 'number', render: (row) => formatCount(row.tokenCalls) },
    { key: 'lastTokenCall', label: 'Last token call', kind: 'date', render: (row) => lastSeen(row.lastTokenCall), searchText: () => '' },
    {
      key: 'lastDeprecatedCall',
      label: 'Last deprecated call',
      kind: 'date',
      render: (row) => (row.lastDeprecatedCall ? lastSeen(row.lastDeprecatedCall) : 'never'),
      searchText: () => '',
    },
  ],
});

export const refusalsTable = new DataTable<Refusal & { id: string }>({
  caption: 'Deprecated calls refused (policy enforced) or that would have been (dry run), per user and client',
  testId: 'refusals-table',
  sortKey: 'refused',
  sortDescending: true,
  rowKey: (row) => row.id,
  emptyText: () => `No call was refused in ${periodText()}${state.summary?.policy.mode === 'off' ? ': the policy is off, so none would be' : ''}.`,
  columns: [
    { key: 'user', label: 'User', kind: 'text', render: (row) => (row.user ? userButton(row.user) : 'anonymous') },
    { key: 'client', label: 'Client', kind: 'text', render: (row) => h('code', {}, row.client || '—') },
    { key: 'refused', label: 'Refused', kind: 'number', render: (row) => formatCount(row.refused) },
    { key: 'wouldRefuse', label: 'Would be refused', kind: 'number', render: (row) => formatCount(row.wouldRefuse) },
    { key: 'lastSeen', label: 'Last', kind: 'date', render: (row) => lastSeen(row.lastSeen), searchText: () => '' },
  ],
});

function exemptionTable(kind: 'user' | 'client'): DataTable<ExemptionUse> {
  const setting = kind === 'user' ? 'DEPRECATION_EXEMPT_USERS' : 'DEPRECATION_EXEMPT_CLIENTS';
  return new DataTable<ExemptionUse>({
    caption: `Exempt ${kind}s (${setting}): never refused`,
    testId: `exempt-${kind}s-table`,
    sortKey: 'deprecatedCalls',
    sortDescending: true,
    rowKey: (row) => row.name,
    emptyText: () => `No ${kind} is exempt (${setting} is empty).`,
    columns: [
      { key: 'name', label: kind === 'user' ? 'User' : 'Client', kind: 'text', render: (row) => h('code', {}, row.name) },
      { key: 'deprecatedCalls', label: 'Deprecated calls', kind: 'number', render: (row) => formatCount(row.deprecatedCalls) },
      { key: 'lastSeen', label: 'Last seen', kind: 'date', render: (row) => (row.lastSeen ? lastSeen(row.lastSeen) : 'not in the period'), searchText: () => '' },
    ],
  });
}

export const exemptUsersTable = exemptionTable('user');
export const exemptClientsTable = exemptionTable('client');

/** Loads one panel's rows; a failure says what failed in the panel and leaves the others be. */
async function loadPanel<Row>(panel: string, what: string, fetchRows: () => Promise<Row[][]>, tables: DataTable<Row>[], generation: number): Promise<void> {
  setPanel(panel, 'loading');
  try {
    const lists = await fetchRows();
    if (generation !== state.generation) return;
    tables.forEach((table, i) => {
      table.element.hidden = false;
      table.setRows(lists[i] ?? []);
    });
    message(`${panel}-message`, null);
    setPanel(panel, lists.some((rows) => rows.length > 0) ? 'ready' : 'empty');
  } catch (error) {
    if (showLoginIfSignedOut(error)) return;
    for (const table of tables) {
      table.setRows([]);
      table.element.hidden = true;
    }
    message(`${panel}-message`, errorSentence(what, error), 'error');
    setPanel(panel, 'error');
  }
}

const list = <T>(path: string) => getJson<T[]>(`${API}/usage/${path}?days=${state.days}`);

export function loadAdminViews(generation: number): Promise<void[]> {
  return Promise.all([
    loadPanel('contacts', 'the contact list', async () => [(await list<Contact>('contacts')).map((c) => ({ ...c, clientList: c.clients.join(', ') }))], [contactsTable], generation).then(() => {
      byId<HTMLButtonElement>('contacts-export').disabled = contactsTable.visibleRows().length === 0;
    }),
    loadPanel('ips', 'the IP addresses per client', async () => [(await list<ClientIp>('client-ips')).map((r) => ({ ...r, id: `${r.client}\u0000${r.ip}` }))], [ipsTable], generation),
    loadPanel('migrated', 'the migrated users', async () => [await list<MigratedUser>('migrated')], [migratedTable], generation),
    loadPanel('refusals', 'the refused calls', async () => [(await list<Refusal>('refusals')).map((r) => ({ ...r, id: `${r.user ?? ''}\u0000${r.client}` }))], [refusalsTable], generation),
    loadPanel(
      'exemptions',
      'the exemption lists',
      async () => {
        const lists = await getJson<Exemptions>(`${API}/usage/exemptions?days=${state.days}`);
        return [lists.users, lists.clients];
      },
      [exemptUsersTable, exemptClientsTable],
      generation,
    ),
  ]);
}

export function wireAdminViews(): void {
  byId('contacts-table').append(contactsTable.element);
  byId('ips-table').append(ipsTable.element);
  byId('migrated-table').append(migratedTable.element);
  byId('refusals-table').append(refusalsTable.element);
  byId('exempt-users-table').append(exemptUsersTable.element);
  byId('exempt-clients-table').append(exemptClientsTable.element);
  byId('contacts-export').addEventListener('click', async () => {
    try {
      download(`tokenshift-contacts-${state.days}d-${new Date().toISOString().slice(0, 10)}.csv`, await getText(`${API}/usage/contacts.csv?days=${state.days}`));
    } catch (error) {
      if (showLoginIfSignedOut(error)) return;
      message('contacts-message', errorSentence('the contact list (CSV)', error), 'error');
    }
  });
}
