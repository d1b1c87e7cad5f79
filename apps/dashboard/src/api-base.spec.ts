import { apiBaseFor, prefixFor, tryTokenCurl } from './api-base';

describe('apiBaseFor', () => {
  it('is the root API on the built-in pages', () => {
    expect(apiBaseFor('/dashboard/')).toBe('/rest/tokenshift/1');
    expect(apiBaseFor('/dashboard/index.html')).toBe('/rest/tokenshift/1');
    expect(apiBaseFor('/dashboard/tokens/')).toBe('/rest/tokenshift/1');
    expect(apiBaseFor('/dashboard/migration/')).toBe('/rest/tokenshift/1');
    expect(prefixFor('/dashboard/migration/index.html')).toBe('');
  });

  it('keeps the gateway prefix the pages are served under', () => {
    expect(apiBaseFor('/tokenshift/dashboard/')).toBe('/tokenshift/rest/tokenshift/1');
    expect(apiBaseFor('/tokenshift/dashboard/tokens/')).toBe('/tokenshift/rest/tokenshift/1');
    expect(apiBaseFor('/tokenshift/dashboard/migration/')).toBe('/tokenshift/rest/tokenshift/1');
    expect(apiBaseFor('/ops/tokenshift/dashboard/tokens/index.html')).toBe('/ops/tokenshift/rest/tokenshift/1');
    // A prefix that itself ends in "dashboard" is still the prefix.
    expect(apiBaseFor('/dashboard/dashboard/tokens/')).toBe('/dashboard/rest/tokenshift/1');
  });

  it('falls back to the root API on a page path it does not know (the dev server)', () => {
    expect(apiBaseFor('/')).toBe('/rest/tokenshift/1');
  });
});

describe('tryTokenCurl', () => {
  it("tries the token on Jira's myself in the built-in mode, where tokenshift is the Jira", () => {
    expect(tryTokenCurl('https://jira.example.com', '/dashboard/tokens/', 'alice@example.com', 'tsk_x')).toBe(
      'curl -u alice@example.com:tsk_x https://jira.example.com/rest/api/2/myself',
    );
  });

  it("tries it on tokenshift's own API under the prefix in gateway mode: the upstream does not take it", () => {
    expect(tryTokenCurl('https://jira.example.com', '/tokenshift/dashboard/tokens/', 'alice@example.com', 'tsk_x')).toBe(
      'curl -u alice@example.com:tsk_x https://jira.example.com/tokenshift/rest/tokenshift/1/tokens',
    );
  });
});
