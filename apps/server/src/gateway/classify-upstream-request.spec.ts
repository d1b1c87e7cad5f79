import { classifyUpstreamRequest } from './classify-upstream-request';

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
const options = { sessionCookies: ['JSESSIONID', 'cloud.session.token'], passwordBasicDeprecated: false };
const classify = (request: { method?: string; path?: string; authorization?: string; cookies?: Record<string, string> }, passwordBasicDeprecated = false) =>
  classifyUpstreamRequest({ method: 'GET', path: '/rest/api/2/myself', authorization: undefined, cookies: {}, ...request }, { ...options, passwordBasicDeprecated });

describe('classifyUpstreamRequest (gateway mode, by shape)', () => {
  it('classifies every call of the session resource by method, at its version and at latest', () => {
    expect(classify({ method: 'POST', path: '/rest/auth/1/session' }).kind).toBe('session-login');
    expect(classify({ method: 'DELETE', path: '/rest/auth/latest/session', cookies: { JSESSIONID: 'x' } })).toEqual({ kind: 'session-logout', authMode: 'session', sessionCookie: 'x' });
    expect(classify({ path: '/rest/auth/1/session/', cookies: { 'cloud.session.token': 'y' } })).toEqual({ kind: 'session-get', authMode: 'session', sessionCookie: 'y' });
    expect(classify({ path: '/rest/auth/1/session', authorization: 'Bearer abc' }).kind).toBe('token-session-get');
    expect(classify({ path: '/rest/auth/1/session' })).toEqual({ kind: 'session-get', authMode: 'anonymous', sessionCookie: undefined });
  });

  it("makes a session cookie without Authorization a cookie call, and one with Authorization the header's kind", () => {
    expect(classify({ cookies: { JSESSIONID: 'abc' } })).toEqual({ kind: 'cookie-request', authMode: 'session', sessionCookie: 'abc' });
    expect(classify({ cookies: { other: 'abc' } })).toEqual({ kind: null, authMode: 'anonymous' });
    expect(classify({ cookies: { JSESSIONID: 'abc' }, authorization: 'Bearer t' })).toEqual({ kind: 'token-request', authMode: 'bearer-token' });
  });

  it('tells an Atlassian Cloud token from a password in Basic; password Basic is deprecated only by the setting', () => {
    expect(classify({ authorization: basic('me@example.com', 'ATATT3xFfGF0abc') })).toEqual({ kind: 'token-request', authMode: 'basic-token' });
    expect(classify({ authorization: basic('me', 'hunter2') })).toEqual({ kind: 'password-basic-allowed', authMode: 'basic-password', claimedUser: 'me' });
    expect(classify({ authorization: basic('me', 'hunter2') }, true)).toEqual({ kind: 'password-basic', authMode: 'basic-password', claimedUser: 'me' });
  });

  it('leaves anonymous calls and unknown schemes unrecorded', () => {
    expect(classify({}).kind).toBeNull();
    expect(classify({ authorization: 'Negotiate abc' }).kind).toBeNull();
  });
});
