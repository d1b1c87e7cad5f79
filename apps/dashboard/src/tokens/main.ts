import { API, ApiError, getJson, sendJson } from '../api';
import { prefixFor, tryTokenCurl } from '../api-base';
import type { TokenSummary } from '@tokenshift/shared';
import { byId } from '../dom';
import { byTestId, errorSentence, showNotice } from '../page';
import { startUserPage } from '../user-page';
import { copyField } from './copy';
import { renderTokens } from './token-list';

const everyone = { startAt: 0, pageSize: 50, total: 0 };

const page = startUserPage(
  async (user) => {
    byId('scope-admin').hidden = !user.isAdmin;
    byId('everyone').hidden = !user.isAdmin;
    // Behind a gateway the Jira is the upstream, which does not take tokenshift's tokens.
    byTestId('gateway-note').hidden = prefixFor(location.pathname) === '';
    await Promise.all([loadMine(), user.isAdmin ? loadEveryone() : Promise.resolve()]);
  },
  () => {
    byId('new-token').hidden = true;
  },
);

function signedOutBy(error: unknown): boolean {
  return page.signedOutBy(error);
}

async function loadMine(): Promise<void> {
  try {
    const tokens = await getJson<TokenSummary[]>(`${API}/tokens`);
    renderTokens(byTestId('my-tokens') as HTMLTableElement, tokens, {
      withOwner: false,
      emptyText: 'You have no API tokens yet: create one above.',
      onRevoke: (token) => void revoke(`${API}/tokens/${token.id}`, token),
    });
    byTestId('mine-message').hidden = true;
  } catch (error) {
    if (signedOutBy(error)) return;
    const message = byTestId('mine-message');
    message.hidden = false;
    message.textContent = errorSentence('your tokens', error);
  }
}

async function loadEveryone(): Promise<void> {
  const username = byId<HTMLInputElement>('everyone-user').value.trim();
  const active = byId<HTMLInputElement>('everyone-active').checked;
  const query = new URLSearchParams({ startAt: String(everyone.startAt), maxResults: String(everyone.pageSize), ...(username ? { username } : {}), ...(active ? { active: 'true' } : {}) });
  try {
    const page = await getJson<{ startAt: number; total: number; values: TokenSummary[] }>(`${API}/admin/tokens?${query}`);
    everyone.total = page.total;
    renderTokens(byTestId('all-tokens') as HTMLTableElement, page.values, {
      withOwner: true,
      emptyText: username ? `No tokens for ${username}.` : 'Nobody has a token yet.',
      onRevoke: (token) => void revoke(`${API}/admin/tokens/${token.id}`, token),
    });
    const last = page.startAt + page.values.length;
    byTestId('everyone-status').textContent = page.total === 0 ? '' : `${page.startAt + 1}–${last} of ${page.total}`;
    byId<HTMLButtonElement>('everyone-prev').disabled = page.startAt === 0;
    byId<HTMLButtonElement>('everyone-next').disabled = last >= page.total;
  } catch (error) {
    if (signedOutBy(error)) return;
    byTestId('everyone-status').textContent = errorSentence("everyone's tokens", error);
  }
}

async function revoke(path: string, token: TokenSummary): Promise<void> {
  if (!window.confirm(`Revoke "${token.name}"${token.user ? ` of ${token.user.name}` : ''}? Every script using it stops working at once.`)) return;
  try {
    await sendJson('DELETE', path);
    showNotice(null);
  } catch (error) {
    if (signedOutBy(error)) return;
    showNotice(errorSentence('the revocation', error));
  }
  await Promise.all([loadMine(), page.user?.isAdmin ? loadEveryone() : Promise.resolve()]);
}

function wireCreate(): void {
  byId<HTMLFormElement>('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byTestId('create-error');
    error.textContent = '';
    const name = byId<HTMLInputElement>('token-name').value.trim();
    const days = byId<HTMLSelectElement>('token-expiry').value;
    const scopes = [...document.querySelectorAll<HTMLInputElement>('input[name="scope"]:checked')].map((box) => box.value);
    if (scopes.length === 0) {
      error.textContent = 'Choose at least one scope.';
      return;
    }
    try {
      const created = await sendJson<TokenSummary & { token: string }>('POST', `${API}/tokens`, { name, scopes, ...(days ? { expiresInDays: Number(days) } : {}) });
      if (!created) return;
      showNewToken(created.token);
      byId<HTMLInputElement>('token-name').value = '';
      await Promise.all([loadMine(), page.user?.isAdmin ? loadEveryone() : Promise.resolve()]);
    } catch (e) {
      if (signedOutBy(e)) return;
      error.textContent = e instanceof ApiError ? e.message : (e as Error).message;
    }
  });
  byId('copy-token').addEventListener('click', () => void copyField(byId<HTMLInputElement>('new-token-value'), byTestId('copy-status')));
  byId('copy-curl').addEventListener('click', () => void copyField(byId<HTMLInputElement>('curl-line'), byTestId('copy-status')));
}

/** The token, once, and the line that tries it where it works: Basic with the email and the token, as Jira Cloud takes it. */
function showNewToken(token: string): void {
  byId<HTMLInputElement>('new-token-value').value = token;
  byId<HTMLInputElement>('curl-line').value = tryTokenCurl(location.origin, location.pathname, page.user?.email ?? 'you@example.com', token);
  byTestId('copy-status').textContent = '';
  byId('new-token').hidden = false;
  byId<HTMLInputElement>('new-token-value').focus();
  byId<HTMLInputElement>('new-token-value').select();
}

function wireEveryone(): void {
  byId<HTMLFormElement>('everyone-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    everyone.startAt = 0;
    void loadEveryone();
  });
  byId('everyone-prev').addEventListener('click', () => {
    everyone.startAt = Math.max(0, everyone.startAt - everyone.pageSize);
    void loadEveryone();
  });
  byId('everyone-next').addEventListener('click', () => {
    everyone.startAt += everyone.pageSize;
    void loadEveryone();
  });
}

wireCreate();
wireEveryone();
