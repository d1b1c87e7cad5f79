import fc from 'fast-check';
import { Passport } from 'passport';
import type { Strategy } from 'passport';
import { Strategy as PassportHttpBearerStrategy } from 'passport-http-bearer';
import { bearerCredentialOf, bearerToken, HeaderTokenBearerStrategy } from './api-token-bearer.strategy';

type Outcome = { token: string } | 'failed';

/** Runs a strategy through a Passport of its own, with a verify callback that accepts any token. */
function outcomeOf(strategy: Strategy, request: object): Promise<Outcome> {
  const passport = new Passport();
  passport.use('probe', strategy);
  return new Promise((resolve, reject) =>
    passport.authenticate('probe', { session: false }, (error: unknown, user: { token: string } | false) => (error ? reject(error) : resolve(user || 'failed')))(request, {}, reject),
  );
}

const acceptAny = (token: string, done: (error: unknown, user: { token: string }) => void) => done(null, { token });

/** The real passport-http-bearer on the header, against our resolver's reading followed by our strategy. */
async function bothReadings(authorization: string | undefined): Promise<[Outcome, Outcome]> {
  const headers = authorization === undefined ? {} : { authorization };
  const theirs = await outcomeOf(new PassportHttpBearerStrategy(acceptAny), { headers, query: {}, body: {} });
  const ours = await outcomeOf(new HeaderTokenBearerStrategy(acceptAny), { credential: bearerCredentialOf({ headers }) });
  return [ours, theirs];
}

describe('the Bearer resolver and strategy', () => {
  it('accept exactly the headers passport-http-bearer accepts, with the same token', async () => {
    const piece = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', 'Bearerx', '', ' ', 'tsk_abc', '\t', 'Bearer\u0000');
    const header = fc.oneof(fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(' ')), fc.string(), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(header, async (value) => {
        const [ours, theirs] = await bothReadings(value);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 3_000 },
    );
  });

  it('take the token of one scheme and one part, in any case', () => {
    expect(bearerToken('Bearer tsk_abc')).toBe('tsk_abc');
    expect(bearerToken('bEaReR tsk_abc')).toBe('tsk_abc');
    expect(bearerToken('Bearer ')).toBe('');
    expect(bearerCredentialOf({ headers: { authorization: 'Bearer ' } })).toBeUndefined();
    expect(bearerToken('Bearer tsk_abc extra')).toBeUndefined();
    expect(bearerToken(' Bearer tsk_abc')).toBeUndefined();
    expect(bearerToken('Bearer  tsk_abc')).toBeUndefined();
    expect(bearerToken('Basic tsk_abc')).toBeUndefined();
  });

  it('read the header only, never a token in the query string or body', async () => {
    const ours = await outcomeOf(new HeaderTokenBearerStrategy(acceptAny), { credential: bearerCredentialOf({ headers: {} }), query: { access_token: 'tsk_abc' }, body: { access_token: 'tsk_abc' } });
    expect(ours).toBe('failed');
  });
});
