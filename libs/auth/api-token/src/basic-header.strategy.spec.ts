import { parseBasicCredentials } from './basic-header.strategy';

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
});
