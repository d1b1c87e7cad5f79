import fc from 'fast-check';
import { parseBasicCredentials } from './basic-header.strategy';

/** The reading by split that passport-http does and `parseBasicCredentials` replaces (with RFC 7617's first colon). */
function splitReading(authorization: string) {
  const parts = authorization.split(' ');
  if (parts.length < 2) return 'malformed';
  if (!/^Basic$/i.test(parts[0]!)) return null;
  const decoded = Buffer.from(parts[1]!, 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  return { userid: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('parseBasicCredentials', () => {
  it('splits at the first colon (RFC 7617), so a password may contain colons', () => {
    expect(parseBasicCredentials(basic('alice@example.com:tsk_abc'))).toEqual({ userid: 'alice@example.com', password: 'tsk_abc' });
    expect(parseBasicCredentials(basic('alice:pass:word'))).toEqual({ userid: 'alice', password: 'pass:word' });
    expect(parseBasicCredentials(basic(':secret'))).toEqual({ userid: '', password: 'secret' });
    expect(parseBasicCredentials(`basic ${Buffer.from('a:b').toString('base64')}`)).toEqual({ userid: 'a', password: 'b' });
  });

  it('tells a malformed Basic header from another scheme', () => {
    expect(parseBasicCredentials('Basic')).toBe('malformed');
    expect(parseBasicCredentials(basic('no-colon'))).toBe('malformed');
    expect(parseBasicCredentials('Bearer tsk_abc')).toBeNull();
    expect(parseBasicCredentials('Digest username="a"')).toBeNull();
  });

  it('reads headers exactly as splitting them at spaces does', () => {
    const payload = fc.oneof(fc.string().map((text) => Buffer.from(text).toString('base64')), fc.string());
    const piece = fc.oneof(fc.constantFrom('Basic', 'basic', 'BASIC', 'Bearer', '', ' '), payload);
    const header = fc.oneof(fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(' ')), fc.string());
    fc.assert(fc.property(header, (value) => expect(parseBasicCredentials(value)).toEqual(splitReading(value))), { numRuns: 5_000 });
  });
});
