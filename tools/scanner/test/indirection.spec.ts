import { join } from 'node:path';
import { scanDirectory } from '../src/scan';

/**
 * URLs reached through indirection and fluent chains (issue 17, items 3, 6 and 7). Each folder under
 * indirection-fixtures/ is scanned as a repository of its own, so values defined in one of its files are
 * resolved in the others and never leak into another case.
 */
const CASES = join(__dirname, 'indirection-fixtures');

async function findingsOf(name: string): Promise<string[]> {
  const { findings, errors } = await scanDirectory({ root: join(CASES, name), jobs: 0 });
  expect(errors).toEqual([]);
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.message.replace(/^[^:]*(?::|$)\s*/, '')}`.trim());
}

describe('fluent chains: the whole chain is examined', () => {
  it('sees a request inside a chain that ends in a string builder (RestAssured …extract().path("x"))', async () => {
    expect(await findingsOf('chain-restassured')).toEqual([
      'LoginSteps.java:6 session-resource-path',
      'LoginSteps.java:9 session-login-call POST (log in)',
    ]);
  });

  it('follows a URL built at the start of a chain to the verb that sends it (Flurl AppendPathSegments … PostJsonAsync)', async () => {
    expect(await findingsOf('chain-flurl')).toEqual(['TrackerLogin.cs:10 session-login-call POST (log in)']);
  });

  it('takes the verb from the request builder chain (OkHttp .url(…).delete())', async () => {
    expect(await findingsOf('chain-okhttp')).toEqual(['Logout.kt:6 session-login-call DELETE (log out)']);
  });
});
