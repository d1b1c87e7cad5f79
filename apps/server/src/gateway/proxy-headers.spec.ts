import type { IncomingHttpHeaders } from 'node:http';
import { dropEmptyBodyType, dropHopByHop, rewriteCookieDomain, rewriteLocation, rewriteResponseHeaders, setForwardedHeaders } from './proxy-headers';
import { issuedSessionCookies } from './upstream-answer';

const address = { upstreamOrigin: 'http://jira.internal:8080', upstreamHostname: 'jira.internal', publicOrigin: 'https://jira.example.com', publicHostname: 'jira.example.com' };

describe('proxy headers', () => {
  it('drops hop-by-hop headers and those Connection names', () => {
    expect(dropHopByHop({ connection: 'close, X-Private', 'x-private': '1', 'keep-alive': 't', te: 'trailers', 'x-kept': 'k' })).toEqual({ 'x-kept': 'k' });
  });

  it('drops the type of an empty body where the length will not be sent, and nowhere else', () => {
    expect(dropEmptyBodyType({ 'content-type': 'application/json', 'content-length': '0' }, 'DELETE')).toEqual({ 'content-length': '0' });
    expect(dropEmptyBodyType({ 'content-type': 'application/json', 'content-length': '0' }, 'POST')).toEqual({ 'content-type': 'application/json', 'content-length': '0' });
    expect(dropEmptyBodyType({ 'content-type': 'application/json', 'content-length': '2' }, 'DELETE')).toEqual({ 'content-type': 'application/json', 'content-length': '2' });
  });

  it('replaces X-Forwarded-* from an untrusted peer and extends them from a trusted proxy', () => {
    const untrusted: Record<string, string> = { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-host': 'evil' };
    setForwardedHeaders(untrusted, '10.0.0.9', { clientIp: '10.0.0.9', trusted: false, protocol: 'http', host: 'gw:8080' });
    expect(untrusted).toEqual({ 'x-forwarded-for': '10.0.0.9', 'x-forwarded-proto': 'http', 'x-forwarded-host': 'gw:8080' });
    const trusted: Record<string, string> = { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'jira.example.com' };
    setForwardedHeaders(trusted, '10.0.0.1', { clientIp: '1.2.3.4', trusted: true, protocol: 'https', host: 'gw:8080' });
    expect(trusted).toEqual({ 'x-forwarded-for': '1.2.3.4, 10.0.0.1', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'jira.example.com' });
  });

  it("moves the upstream's own Location and cookie Domain to the public address, nothing else", () => {
    expect(rewriteLocation('http://jira.internal:8080/login.jsp?x=1', address)).toBe('https://jira.example.com/login.jsp?x=1');
    expect(rewriteLocation('http://jira.internal:80800/x', address)).toBe('http://jira.internal:80800/x');
    expect(rewriteLocation('/relative', address)).toBe('/relative');
    expect(rewriteCookieDomain('JSESSIONID=a; Path=/; Domain=.jira.internal; HttpOnly', address)).toBe('JSESSIONID=a; Path=/; Domain=.jira.example.com; HttpOnly');
    expect(rewriteCookieDomain('a=b; domain=other.org', address)).toBe('a=b; domain=other.org');
  });

  it('rewrites a single Set-Cookie, which reply-from over undici passes as a string, not an array', () => {
    const headers = { 'set-cookie': 'JSESSIONID=a; Path=/; Domain=jira.internal' } as unknown as IncomingHttpHeaders;
    expect(rewriteResponseHeaders(headers, address)['set-cookie']).toBe('JSESSIONID=a; Path=/; Domain=jira.example.com');
    const both = { 'set-cookie': ['a=1; Domain=jira.internal', 'b=2'] };
    expect(rewriteResponseHeaders(both, address)['set-cookie']).toEqual(['a=1; Domain=jira.example.com', 'b=2']);
  });

  it('finds the session cookies a login issued, not others and not deletions', () => {
    const lines = ['JSESSIONID=abc; Path=/; HttpOnly', 'atlassian.xsrf.token=x|lin; Path=/', 'cloud.session.token=; Max-Age=0', 'cloud.session.token=gone; Max-Age=0; Path=/'];
    expect(issuedSessionCookies(lines, ['JSESSIONID', 'cloud.session.token'])).toEqual(['abc']);
    expect(issuedSessionCookies(undefined, ['JSESSIONID'])).toEqual([]);
  });
});
