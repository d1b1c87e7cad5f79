import fc from 'fast-check';
import { Passport } from 'passport';
import { BasicStrategy } from 'passport-http';
import type { Strategy } from 'passport';
import { basicCredentialsOf, BasicHeaderStrategy, parseBasicCredentials } from './basic-header.strategy';

type Outcome = { userid: string; password: string } | 'failed';

/** Runs a strategy through a Passport of its own, with a verify callback that accepts any credentials. */
function outcomeOf(strategy: Strategy, request: object): Promise<Outcome> {
  const passport = new Passport();
  passport.use('probe', strategy);
  return new Promise((resolve, reject) =>
    passport.authenticate('probe', { session: false }, (error: unknown, user: Outcome | false) => (error ? reject(error) : resolve(user || 'failed')))(request, {}, reject),
  );
}

const acceptAny = (userid: string, password: string, done: (error: unknown, user: Outcome) => void) => done(null, { userid, password });

/** The real passport-http on the header, against our resolver's reading followed by our strategy. */
async function bothReadings(authorization: string): Promise<[Outcome, Outcome]> {
  const theirs = await outcomeOf(new BasicStrategy(acceptAny), { headers: { authorization } });
  const ours = await outcomeOf(new BasicHeaderStrategy(acceptAny), { credential: basicCredentialsOf({ headers: { authorization } }) });
  return [ours, theirs];
}

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('the Basic resolver and strategy', () => {
  it('split at the first colon (RFC 7617), so a password may contain colons', async () => {
    expect(parseBasicCredentials(basic('alice@example.com:tsk_abc'))).toEqual({ userid: 'alice@example.com', password: 'tsk_abc' });
    expect(parseBasicCredentials(basic('alice:pass:word'))).toEqual({ userid: 'alice', password: 'pass:word' });
    expect(parseBasicCredentials(basic(':secret'))).toEqual({ userid: '', password: 'secret' });
    expect(parseBasicCredentials(`basic ${Buffer.from('a:b').toString('base64')}`)).toEqual({ userid: 'a', password: 'b' });
    // Where passport-http cuts the password at its second colon (its issue #20), ours keeps it whole.
    const [ours, theirs] = await bothReadings(basic('alice:pass:word'));
    expect({ ours, theirs }).toEqual({ ours: { userid: 'alice', password: 'pass:word' }, theirs: { userid: 'alice', password: 'pass' } });
  });

  it('tell a malformed Basic header from another scheme', () => {
    expect(parseBasicCredentials('Basic')).toBe('malformed');
    expect(parseBasicCredentials(basic('no-colon'))).toBe('malformed');
    expect(parseBasicCredentials('Bearer tsk_abc')).toBeNull();
    expect(parseBasicCredentials('Digest username="a"')).toBeNull();
  });

  it('accept exactly the headers passport-http accepts, with the same credentials (at most one colon)', async () => {
    const text = fc.string().filter((value) => value.split(':').length <= 2);
    const payload = fc.oneof(text.map((value) => Buffer.from(value).toString('base64')), fc.string());
    const piece = fc.oneof(fc.constantFrom('Basic', 'basic', 'BASIC', 'Bearer', '', ' '), payload);
    const header = fc.oneof(fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(' ')), fc.string());
    // A header whose payload decodes to more than one colon is where the two differ on purpose (above).
    const oneColonAtMost = (value: string) => {
      const parts = value.split(' ');
      return parts.length < 2 || Buffer.from(parts[1] ?? '', 'base64').toString().split(':').length <= 2;
    };
    await fc.assert(
      fc.asyncProperty(header.filter(oneColonAtMost), async (value) => {
        const [ours, theirs] = await bothReadings(value);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 3_000 },
    );
  });
});
