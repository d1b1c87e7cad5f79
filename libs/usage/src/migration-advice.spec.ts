import { migrationAdvice } from './migration-advice';

describe('migrationAdvice', () => {
  it('says to remove the login, the logout and the session check, each for what it is', () => {
    expect(migrationAdvice('session-login', 'POST', '/rest/auth/1/session')).toMatch(/^Remove the login \(`POST \/rest\/auth\/1\/session`\) and the cookie it returns; send `Authorization: Basic/);
    expect(migrationAdvice('session-logout', 'DELETE', '/rest/auth/latest/session')).toBe('Remove the logout (`DELETE /rest/auth/latest/session`): a token needs none.');
    expect(migrationAdvice('refused', 'GET', '/rest/auth/1/session')).toMatch(/call `GET \/rest\/api\/2\/myself` with the token/);
  });

  it('says to replace the cookie on a resource call, and the password in password Basic', () => {
    expect(migrationAdvice('cookie-request', 'GET', '/rest/api/2/search')).toMatch(/^Stop sending the session cookie .* on `GET \/rest\/api\/2\/search`; send `Authorization: Basic/);
    expect(migrationAdvice('password-basic', 'POST', '/rest/api/2/issue')).toBe(
      'Keep the `Authorization: Basic` header on `POST /rest/api/2/issue`, but with your email and an API token in place of your password.',
    );
  });
});
