import type { IncomingMessage } from 'node:http';
import { isOwnUrl, ownUrlRewrite } from './upstream-route';

describe('which requests are tokenshift\'s own in gateway mode', () => {
  it('takes the prefix itself, its paths and its query, and nothing that only starts with the same letters', () => {
    for (const url of ['/tokenshift', '/tokenshift/', '/tokenshift/health', '/tokenshift?x=1']) expect(isOwnUrl(url, '/tokenshift')).toBe(true);
    for (const url of ['/', '/tokenshiftx', '/rest/api/2/myself', '/x/tokenshift/health', '*', 'http://host/tokenshift/']) expect(isOwnUrl(url, '/tokenshift')).toBe(false);
  });

  it("hands Nest's instance the path without the prefix", () => {
    const rewrite = ownUrlRewrite('/tokenshift');
    const of = (url: string) => rewrite({ url } as IncomingMessage);
    expect([of('/tokenshift'), of('/tokenshift/'), of('/tokenshift/health?x=1'), of('/tokenshift?x=1')]).toEqual(['/', '/', '/health?x=1', '/?x=1']);
  });
});
