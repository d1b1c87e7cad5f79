import type { TokenSummary } from '@tokenshift/shared';
import { h } from '../dom';
import { formatDateTime, formatRelative } from '../format';

/** Jira's `2026-12-06T10:00:00.000+0000` as a Date. */
function dateOf(jira: string): Date {
  return new Date(jira.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function when(jira: string | null, none: string): Node | string {
  if (!jira) return none;
  const date = dateOf(jira);
  return h('time', { datetime: date.toISOString(), title: formatDateTime(date.toISOString()) }, formatRelative(date.toISOString()));
}

export function statusOf(token: TokenSummary, now = Date.now()): 'active' | 'revoked' | 'expired' {
  if (token.revoked) return 'revoked';
  if (token.expires && dateOf(token.expires).getTime() <= now) return 'expired';
  return 'active';
}

/** Fills a table with tokens: name, owner (admin list), preview, scopes, dates, status, and Revoke for live ones. */
export function renderTokens(table: HTMLTableElement, tokens: TokenSummary[], options: { withOwner: boolean; emptyText: string; onRevoke: (token: TokenSummary) => void }): void {
  table.className = 'tokens';
  const headings = ['Name', ...(options.withOwner ? ['User'] : []), 'Token', 'Scopes', 'Created', 'Expires', 'Last used', 'Status', ''];
  const classes = ['col-name', ...(options.withOwner ? ['col-user'] : []), 'col-preview', 'col-scopes', 'col-created', 'col-expires', 'col-last-used', 'col-status', 'col-action'];
  const head = h('thead', {}, h('tr', {}, ...headings.map((text, i) => h('th', { scope: 'col', className: classes[i] ?? '' }, text))));
  const body = h('tbody');
  if (tokens.length === 0) body.append(h('tr', { className: 'empty' }, h('td', { colspan: headings.length }, options.emptyText)));
  for (const token of tokens) {
    const status = statusOf(token);
    const revoke = status === 'active' ? h('button', { type: 'button', 'aria-label': `Revoke ${token.name}`, onclick: () => options.onRevoke(token) }, 'Revoke') : '';
    const cells: Array<Node | string> = [
      token.name,
      ...(options.withOwner ? [token.user ? `${token.user.displayName} (${token.user.name})` : ''] : []),
      h('code', {}, token.preview),
      token.scopes.join(', '),
      when(token.created, ''),
      when(token.expires, 'never'),
      when(token.lastUsed, 'never'),
      h('span', { className: `status-${status}` }, status),
      revoke,
    ];
    // data-label: on a narrow screen each row is a card, every cell labelled (tokens.css).
    body.append(h('tr', { 'data-token-id': token.id }, ...cells.map((cell, i) => h('td', { className: classes[i] ?? '', 'data-label': headings[i] ?? '' }, cell))));
  }
  table.replaceChildren(head, body);
}
