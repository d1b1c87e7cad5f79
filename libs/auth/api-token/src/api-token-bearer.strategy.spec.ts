import fc from 'fast-check';
import { bearerToken } from './api-token-bearer.strategy';

/** passport-http-bearer's own reading of the header (lib/strategy.js), which `bearerToken` must match. */
function passportBearerToken(authorization: string | undefined): string | undefined {
  const parts = authorization?.split(' ');
  return parts?.length === 2 && /^Bearer$/i.test(parts[0]!) ? parts[1] : undefined;
}

describe('bearerToken', () => {
  it('reads exactly what passport-http-bearer reads', () => {
    const piece = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', 'Bearerx', '', ' ', 'tsk_abc', '\t', 'Bearer\u0000');
    const header = fc.oneof(fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(' ')), fc.string(), fc.constant(undefined));
    fc.assert(fc.property(header, (value) => expect(bearerToken(value)).toBe(passportBearerToken(value))), { numRuns: 5_000 });
  });

  it('takes the token of one scheme and one part, in any case', () => {
    expect(bearerToken('Bearer tsk_abc')).toBe('tsk_abc');
    expect(bearerToken('bEaReR tsk_abc')).toBe('tsk_abc');
    expect(bearerToken('Bearer ')).toBe('');
    expect(bearerToken('Bearer tsk_abc extra')).toBeUndefined();
    expect(bearerToken(' Bearer tsk_abc')).toBeUndefined();
    expect(bearerToken('Bearer  tsk_abc')).toBeUndefined();
    expect(bearerToken('Basic tsk_abc')).toBeUndefined();
  });
});
