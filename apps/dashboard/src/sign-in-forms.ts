import { loginWithPassword, storeToken } from './api';
import { byId, type Child, h } from './dom';
import { byTestId } from './page';

/** What differs between pages: the hints under each form's heading (static text and markup). */
export interface SignInFormHints {
  password?: Child[];
  token: Child[];
}

export interface SignInFormHooks {
  /** Runs before a pasted token is stored (the dashboard ends its own session first). */
  beforeToken?: () => Promise<void>;
  /** Whether the stored token is accepted by the server; false signs the token out again. */
  tokenAccepted: () => Promise<boolean>;
  /** Loads the page once signed in. */
  onSignedIn: () => Promise<void>;
}

/**
 * The password and token sign-in forms, the same on every page that has them, put into the page's
 * `#sign-in-forms` and wired to sign in.
 */
export function renderSignInForms(hints: SignInFormHints, hooks: SignInFormHooks): void {
  byId('sign-in-forms').replaceChildren(passwordForm(hints.password), tokenForm(hints.token));
  wireSignInForms(hooks);
}

function passwordForm(hint: Child[] | undefined): HTMLFormElement {
  return h(
    'form',
    { id: 'password-form', className: 'card', 'data-testid': 'password-form' },
    h('h3', {}, 'Username and password'),
    hint && h('p', { className: 'hint' }, ...hint),
    h('label', { for: 'username' }, 'Username or email'),
    h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true }),
    h('label', { for: 'password' }, 'Password'),
    h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit' }, 'Sign in'),
    h('p', { className: 'form-error', role: 'alert', 'data-testid': 'password-error' }),
  );
}

function tokenForm(hint: Child[]): HTMLFormElement {
  return h(
    'form',
    { id: 'token-form', className: 'card', 'data-testid': 'token-form' },
    h('h3', {}, 'API token'),
    h('p', { className: 'hint' }, ...hint),
    h('label', { for: 'token' }, 'API token'),
    h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true }),
    h('button', { type: 'submit' }, 'Use token'),
    h('p', { className: 'form-error', role: 'alert', 'data-testid': 'token-error' }),
  );
}

function wireSignInForms(hooks: SignInFormHooks): void {
  byId<HTMLFormElement>('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = byTestId('password-error');
    error.textContent = '';
    try {
      await loginWithPassword(byId<HTMLInputElement>('username').value.trim(), byId<HTMLInputElement>('password').value);
      byId<HTMLInputElement>('password').value = '';
      await hooks.onSignedIn();
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
    await hooks.beforeToken?.();
    storeToken(token);
    if (!(await hooks.tokenAccepted())) {
      storeToken(null);
      error.textContent = 'This token was not accepted: it may be mistyped, revoked or expired.';
      return;
    }
    byId<HTMLInputElement>('token').value = '';
    await hooks.onSignedIn();
  });
}
