import { loginWithPassword, storeToken } from './api';
import { byId } from './dom';
import { byTestId } from './page';

export interface SignInFormHooks {
  /** Runs before a pasted token is stored (the dashboard ends its own session first). */
  beforeToken?: () => Promise<void>;
  /** Whether the stored token is accepted by the server; false signs the token out again. */
  tokenAccepted: () => Promise<boolean>;
  /** Loads the page once signed in. */
  onSignedIn: () => Promise<void>;
}

/** The password and token sign-in forms, the same on every page that has them. */
export function wireSignInForms(hooks: SignInFormHooks): void {
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
