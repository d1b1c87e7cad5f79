import { currentUser, logout, SignedInUser, storedToken, storeToken } from './api';
import { byId, h } from './dom';
import { errorSentence, isAuthError, showNotice } from './page';
import { renderSignInForms } from './sign-in-forms';

/** The pages every user signs in to ("My API tokens", "My migration"): the sign-in, the signed-in header and sign-out. */
export interface UserPage {
  /** Who is signed in, or null. */
  readonly user: SignedInUser | null;
  /** True (and back to the sign-in form) when the error is a 401: the sign-in ended (idle, absolute lifetime, revoked token). */
  signedOutBy(error: unknown): boolean;
  /** Loads the page again for the signed-in user. */
  reload(): Promise<void>;
}

/** The page's state, as the browser test and the stylesheet read it. */
function setState(value: 'loading' | 'login' | 'ready'): void {
  document.body.dataset['state'] = value;
}

/**
 * Runs a page every signed-in user may use: shows the sign-in forms until someone signs in, then `load`
 * fills the page for them (`ready` once it finished). `onSignOut` clears what the page shows.
 */
export function startUserPage(load: (user: SignedInUser, page: UserPage) => Promise<void>, onSignOut: () => void = () => undefined): UserPage {
  let user: SignedInUser | null = null;

  function showLogin(reason?: string): void {
    user = null;
    byId('content').hidden = true;
    byId('login').hidden = false;
    byId('logout').hidden = true;
    byId('whoami').textContent = '';
    showNotice(reason ?? null);
    setState('login');
    byId<HTMLInputElement>('username').focus();
  }

  const page: UserPage = {
    get user() {
      return user;
    },
    signedOutBy(error) {
      if (!isAuthError(error)) return false;
      storeToken(null);
      showLogin('Your sign-in has ended. Please sign in again.');
      return true;
    },
    reload: start,
  };

  async function start(): Promise<void> {
    setState('loading');
    user = await currentUser();
    if (!user) return showLogin();
    byId('login').hidden = true;
    byId('content').hidden = false;
    byId('logout').hidden = false;
    byId('whoami').textContent = `Signed in as ${user.name} (${storedToken() ? 'API token' : 'session'})`;
    showNotice(null);
    await load(user, page);
    if (user) setState('ready');
  }

  renderSignInForms(
    { token: ['Already have a token (', h('code', {}, 'tsk_…'), ')? It is kept in this tab only and sent as ', h('code', {}, 'Authorization: Bearer'), '.'] },
    { tokenAccepted: async () => Boolean(await currentUser()), onSignedIn: start },
  );
  byId('logout').addEventListener('click', async () => {
    await logout();
    onSignOut();
    showLogin('You are signed out.');
  });
  start().catch((error: unknown) => showNotice(errorSentence('the page', error)));
  return page;
}
