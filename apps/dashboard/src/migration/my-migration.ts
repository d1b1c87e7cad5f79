import { API, getJson } from '../api';
import { withCodeSpans } from '../code-spans';
import { h } from '../dom';
import { formatCount, formatDateTime, formatRelative } from '../format';

interface CallPattern {
  kind: string;
  client: string | null;
  ip: string | null;
  method: string;
  endpoint: string;
  calls: number;
  lastSeen: string;
  change: string;
}

/** Jira's `…+0000` date as ISO 8601. */
function isoOf(jira: string): string {
  return new Date(jira.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}

/** Renders the signed-in user's own deprecated calls, each with the change to make; says so when there are none. */
export async function loadMyMigration(table: HTMLTableElement, summary: HTMLElement): Promise<void> {
  const body = await getJson<{ days: number; calls: number; patterns: CallPattern[] }>(`${API}/my/deprecated-calls?days=30`);
  summary.textContent =
    body.calls === 0
      ? `No calls with the session login from you in the last ${body.days} days: nothing of yours needs to change.`
      : `${formatCount(body.calls)} calls with the session login from you in the last ${body.days} days. Change each client as "What to change" says.`;
  const headings = ['Client', 'IP address', 'Call', 'Calls', 'Last seen', 'What to change'];
  const rows = body.patterns.map((p) => {
    const iso = isoOf(p.lastSeen);
    const cells: Array<Node | string> = [
      p.client ?? 'unknown client',
      p.ip ?? '—',
      h('code', {}, `${p.method} ${p.endpoint}`),
      formatCount(p.calls),
      h('time', { datetime: iso, title: formatDateTime(iso) }, formatRelative(iso)),
      withCodeSpans(p.change, 'change'),
    ];
    return h('tr', {}, ...cells.map((cell, i) => h('td', { 'data-label': headings[i] ?? '', className: i === 3 ? 'num' : '' }, cell)));
  });
  table.className = 'tokens';
  table.replaceChildren(h('thead', {}, h('tr', {}, ...headings.map((text) => h('th', { scope: 'col' }, text)))), h('tbody', {}, ...rows));
  table.hidden = rows.length === 0;
}
