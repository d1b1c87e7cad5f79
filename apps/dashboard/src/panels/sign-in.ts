import { API, getJson, loginWithPassword, logout, storedToken, storeToken, whoAmI } from '../api';
import { byId } from '../dom';
import { byTestId, isAuthError, setPageState, showNotice } from '../page';
import type { UsageSummary } from '../types';

export function showLogin(reason?: string): void {
  setPageState('login');
  byId('content').hidden = true;
  byId('login').hidden = false;
  byId('logout').hidden = true;
  byId('whoami').textContent = '';
  showNotice(reason ?? null);
  byId<HTMLInputElement>('username').focus();
}

/** A panel's request failed with 401: the sign-in has ended, so the form replaces the page. Says whether it did. */
export function showLoginIfSignedOut(error: unknown): boolean {
  if (!isAuthError(error)) return false;
  showLogin('Your sign-in has ended. Please sign in again.');
  return true;
}

export async function showForbidden(): Promise<void> {
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

export function showSignedIn(name: string | null): void {
  const how = storedToken() ? 'API token' : 'session';
  byId('whoami').textContent = name ? `Signed in as ${name} (${how})` : '';
  byId('logout').hidden = false;
}

/** The password and token forms and the sign-out button; `onSignedIn` loads the page. */
export function wireSignIn(onSignedIn: () => Promise<void>): void {
  byId<HTMLFormElement>('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byTestId('password-error');
    error.textContent = '';
    const username = byId<HTMLInputElement>('username').value.trim();
    const password = byId<HTMLInputElement>('password').value;
    try {
      await loginWithPassword(username, password);
      byId<HTMLInputElement>('password').value = '';
      await onSignedIn();
    } catch (e) {
      error.textContent = (e as Error).message;
    }
  });
  byId<HTMLFormElement>('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byTestId('token-error');
    error.textContent = '';
    const token = byId<HTMLInputElement>('token').value.trim().replace(/^Bearer\s+/i, '');
    if (!/^\S+$/.test(token)) {
      error.textContent = 'Paste the whole token, without spaces.';
      return;
    }
    // A dashboard session would take precedence over the token on the server: end it first (there is
    // none while this form shows; the deprecated Jira session is never touched).
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
    await onSignedIn();
  });
  byId('logout').addEventListener('click', async () => {
    await logout();
    showLogin('You are signed out.');
  });
}
