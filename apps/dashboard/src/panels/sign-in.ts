import { API, getJson, logout, storedToken, whoAmI } from '../api';
import { byId, h } from '../dom';
import { isAuthError, setPageState, showNotice } from '../page';
import { renderSignInForms } from '../sign-in-forms';
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
  const hints = {
    password: ['Starts a dashboard session of its own (not the retired Jira session login): it works during brown-outs and after the sunset, and its calls are not counted as usage.'],
    token: ['Paste a token of an administrator (', h('code', {}, 'tsk_…'), '). It is kept in this tab only and sent as ', h('code', {}, 'Authorization: Bearer'), '.'],
  };
  renderSignInForms(hints, {
    // A dashboard session would take precedence over the token on the server: end it first (there is
    // none while this form shows; the deprecated Jira session is never touched).
    beforeToken: logout,
    tokenAccepted: async () => {
      try {
        await getJson<UsageSummary>(`${API}/usage/summary?days=1`);
        return true;
      } catch (e) {
        return !isAuthError(e);
      }
    },
    onSignedIn,
  });
  byId('logout').addEventListener('click', async () => {
    await logout();
    showLogin('You are signed out.');
  });
}
