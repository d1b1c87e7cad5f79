import { apiBaseFor } from './api-base';

describe('apiBaseFor', () => {
  it('is the root API on the built-in pages', () => {
    expect(apiBaseFor('/dashboard/')).toBe('/rest/tokenshift/1');
    expect(apiBaseFor('/dashboard/index.html')).toBe('/rest/tokenshift/1');
    expect(apiBaseFor('/dashboard/tokens/')).toBe('/rest/tokenshift/1');
  });

  it('keeps the gateway prefix the pages are served under', () => {
    expect(apiBaseFor('/tokenshift/dashboard/')).toBe('/tokenshift/rest/tokenshift/1');
    expect(apiBaseFor('/tokenshift/dashboard/tokens/')).toBe('/tokenshift/rest/tokenshift/1');
    expect(apiBaseFor('/ops/tokenshift/dashboard/tokens/index.html')).toBe('/ops/tokenshift/rest/tokenshift/1');
    // A prefix that itself ends in "dashboard" is still the prefix.
    expect(apiBaseFor('/dashboard/dashboard/tokens/')).toBe('/dashboard/rest/tokenshift/1');
  });

  it('falls back to the root API on a page path it does not know (the dev server)', () => {
    expect(apiBaseFor('/')).toBe('/rest/tokenshift/1');
  });
});
