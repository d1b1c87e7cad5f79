import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileFix } from '../src/fix/fix-file';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/** `bash -n` on the rewritten script: the shell's own syntax check, beside the grammar's. */
function bashAccepts(text: string): void {
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-shell-shapes-'));
  try {
    writeFileSync(join(folder, 'script.sh'), text);
    execFileSync('bash', ['-n', join(folder, 'script.sh')], { stdio: 'pipe' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function rewrite(source: string, bearer = false): Promise<FileFix> {
  const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_API_TOKEN', bearer };
  const result = await scanAndFix('jira.sh', source, 'shell', options);
  await expectCleanAndStable(result, 'bash', options);
  bashAccepts(result.after ?? '');
  return result;
}

const BASIC = '-u "$JIRA_EMAIL:$JIRA_API_TOKEN"';

describe('shell fix: the cookie-session shapes scripts use', () => {
  it('wget: --save-cookies/--post-data login goes, --load-cookies becomes --user/--password (preemptive), the rm of the jar goes', async () => {
    const source = `#!/bin/bash
SITE=https://tracker.example.org
wget -q --keep-session-cookies --save-cookies=jar.txt \\
  --header='Content-Type: application/json' \\
  --post-data="{\\"username\\":\\"$TRACKER_USER\\",\\"password\\":\\"$TRACKER_PASS\\"}" \\
  -O /dev/null "$SITE/rest/auth/1/session"
wget -q --load-cookies jar.txt -O - "$SITE/rest/api/2/issue/OPS-1"
rm -f jar.txt
`;
    const result = await rewrite(source);
    expect(result.after).toContain('wget -q --user="$JIRA_EMAIL" --password="$JIRA_API_TOKEN" --auth-no-challenge -O - "$SITE/rest/api/2/issue/OPS-1"\n');
    expect(result.after).not.toMatch(/jar\.txt|auth\/1\/session|post-data/);
    expect(result.manual).toEqual([]);
    expect((await rewrite(source, true)).after).toContain('wget -q --header="Authorization: Bearer $JIRA_API_TOKEN" -O -');
  });

  it('the session id read with jq and sent as -b "JSESSIONID=$SID" / --cookie "JSESSIONID=${SID}": the login and its variable go', async () => {
    const source = `#!/bin/bash
set -e
SID=$(curl -s -H 'Content-Type: application/json' \\
  -d "{\\"username\\":\\"$TRACKER_USER\\",\\"password\\":\\"$TRACKER_PASS\\"}" \\
  "$BASE/rest/auth/1/session" | jq -r .session.value)
curl -s -b "JSESSIONID=$SID" "$BASE/rest/api/2/issue/OPS-1"
curl -s --cookie "JSESSIONID=\${SID}" "$BASE/rest/api/2/issue/OPS-2"
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
set -e
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s ${BASIC} "$BASE/rest/api/2/issue/OPS-1"
curl -s ${BASIC} "$BASE/rest/api/2/issue/OPS-2"
`);
  });

  it('the cookie grepped from the login headers (-si | grep -o | cut) and sent as a lower-case "cookie:" header', async () => {
    const source = `#!/bin/bash
JSESSIONID=$(curl -si -X POST -H 'Content-Type: application/json' \\
  --data "{\\"username\\":\\"$TRACKER_USER\\",\\"password\\":\\"$TRACKER_PASS\\"}" \\
  "$BASE/rest/auth/1/session" | grep -o 'JSESSIONID=[^;]*' | cut -d= -f2)
curl -s --header "cookie: JSESSIONID=$JSESSIONID" "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).toContain(`curl -s ${BASIC} "$BASE/rest/api/2/myself"`);
    expect(result.after).not.toContain('JSESSIONID');
  });

  it('a variable that holds the whole cookie (--cookie "$cookie") is a cookie, not a jar', async () => {
    const source = `#!/bin/bash
cookie=$(curl -si -H 'Content-Type: application/json' -d @login.json "$BASE/rest/auth/1/session" | grep -o 'JSESSIONID=[^;]*')
curl -s --cookie "$cookie" "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).not.toContain('cookie');
    expect(result.after).toContain(`curl -s ${BASIC} "$BASE/rest/api/2/myself"`);
  });

  it('-b and -c on every call, the jar in a variable, a hard-coded password: all plumbing goes and the password is reported by line only', async () => {
    const source = `#!/bin/bash
COOKIES=cookies.txt
touch $COOKIES
curl -s -b $COOKIES -c $COOKIES -X POST -H 'Content-Type: application/json' \\
  --data '{"username":"admin","password":"s3cr3t-pw"}' \\
  https://tracker.example.org/rest/auth/1/session
curl -s -b $COOKIES -c $COOKIES https://tracker.example.org/rest/api/2/search
rm $COOKIES
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s ${BASIC} https://tracker.example.org/rest/api/2/search
`);
    expect(result.passwords).toEqual([{ line: 5, removed: true }]);
    expect(JSON.stringify(result.manual)).not.toContain('s3cr3t-pw');
  });

  it('the URL from variables (${BASE}${AUTH_PATH}) on a continued line, --data @file, mktemp jar with its trap: all go', async () => {
    const source = `#!/bin/bash
BASE=https://tracker.example.org
AUTH_PATH=/rest/auth/1/session
JAR=$(mktemp)
trap 'rm -f "$JAR"' EXIT
curl -s -c "$JAR" \\
  -H 'Content-Type: application/json' \\
  --data @login.json \\
  "\${BASE}\${AUTH_PATH}"
curl -s \\
  -b "$JAR" \\
  "\${BASE}/rest/api/2/issue/OPS-1"
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
BASE=https://tracker.example.org
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s \\
  ${BASIC} \\
  "\${BASE}/rest/api/2/issue/OPS-1"
`);
  });

  it('a login function called with the jar: the call goes, the function stays a no-op (a sourcing script may call it), the jar and trap go', async () => {
    const source = `#!/bin/bash
login() {
  curl -fsS -c "$1" -H 'Content-Type: application/json' \\
    -d "{\\"username\\":\\"$TRACKER_USER\\",\\"password\\":\\"$TRACKER_PASS\\"}" \\
    "$BASE/rest/auth/1/session" > /dev/null
}

jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
login "$jar"
curl -fsS -b "$jar" "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).toContain('login() {\n  :\n}\n');
    expect(result.after).not.toMatch(/jar|trap|login "/);
  });

  it('a trap that cleans more than the jar keeps the jar variable and the trap', async () => {
    const source = `#!/bin/bash
JAR=$(mktemp)
OUT=$(mktemp)
trap 'rm -f "$JAR" "$OUT"' EXIT
curl -s -c "$JAR" -d @login.json "$BASE/rest/auth/1/session"
curl -s -b "$JAR" "$BASE/rest/api/2/myself" > "$OUT"
cat "$OUT"
`;
    const result = await rewrite(source);
    expect(result.after).toContain('JAR=$(mktemp)\n');
    expect(result.after).toContain(`trap 'rm -f "$JAR" "$OUT"' EXIT\n`);
    expect(result.after).toContain(`curl -s ${BASIC} "$BASE/rest/api/2/myself" > "$OUT"`);
  });

  it('a login guarded by || { …; exit 1; } or by if ! …; then …; fi goes with its failure branch', async () => {
    const source = `#!/bin/bash
JAR=/tmp/tracker.$$
curl -fsS -c "$JAR" -d @login.json "$BASE/rest/auth/1/session" >/dev/null || { echo "login failed" >&2; exit 1; }
if ! curl -fsS -c "$JAR" -XPOST --data-urlencode "username=$U" "$BASE/rest/auth/latest/session" >/dev/null; then
  echo "login failed" >&2
  exit 1
fi
curl -fsS -b "$JAR" "$BASE/rest/api/2/myself"
rm -f "$JAR"
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -fsS ${BASIC} "$BASE/rest/api/2/myself"
`);
  });

  it('the login answer or status code checked only to stop the script (if …; then exit; fi, … || { …; exit 1; }): the checks go with it', async () => {
    const source = `#!/bin/bash
JAR=$(mktemp)
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -H 'Content-Type: application/json' \\
  -d @login.json "$BASE/rest/auth/1/session")
if [ "$code" != "200" ]; then
  echo "login failed: HTTP $code" >&2
  exit 1
fi
resp=$(curl -s -c "$JAR" -d @login.json "$BASE/rest/auth/latest/session")
echo "$resp" | jq -e .session > /dev/null || { echo "no session" >&2; exit 1; }
curl -s -b "$JAR" "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s ${BASIC} "$BASE/rest/api/2/myself"
`);
  });

  it('a check of the login answer that does more than stop the script keeps the login, with the note', async () => {
    const source = `#!/bin/bash
resp=$(curl -s -c jar -d @login.json "$BASE/rest/auth/1/session")
if [ -n "$resp" ]; then
  echo "$resp" > last-login.json
fi
curl -s -b jar "$BASE/rest/api/2/myself"
`;
    const result = await scanAndFix('jira.sh', source, 'shell');
    expect(result.after).toContain('resp=$(curl -s -c jar -d @login.json "$BASE/rest/auth/1/session")\nif [ -n "$resp" ]; then\n  echo "$resp" > last-login.json\nfi\n');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Remove this session login (line 2)');
  });

  it('a login chained with && to the call that reads its jar: the call runs alone', async () => {
    const source = `#!/bin/bash
curl -s -c jar.txt -H 'Content-Type: application/json' -d @login.json "$BASE/rest/auth/1/session" >/dev/null && \\
  curl -s -b jar.txt "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).toContain(`\ncurl -s ${BASIC} "$BASE/rest/api/2/myself"\n`);
    expect(result.after).not.toContain('jar.txt');
  });

  it('a login kept for its answer still writes its jar: the readers send the token, the note stays on the login', async () => {
    const source = `#!/bin/bash
resp=$(curl -s -c jar.txt -d @login.json "$BASE/rest/auth/1/session")
echo "$resp" | jq .loginInfo
curl -s -b jar.txt "$BASE/rest/api/2/myself"
`;
    const result = await scanAndFix('jira.sh', source, 'shell');
    expect(result.after).toContain(`curl -s ${BASIC} "$BASE/rest/api/2/myself"`);
    expect(result.manual.map((entry) => entry.finding.ruleId)).toEqual(['session-login-call']);
    bashAccepts(result.after ?? '');
  });

  it('a cached cookie checked with a GET of the session, the login only when it fails: the whole if goes', async () => {
    const source = `#!/bin/bash
COOKIES=~/.tracker_cookies
if ! curl -sf -b "$COOKIES" "$BASE/rest/auth/1/session" > /dev/null; then
  curl -s -c "$COOKIES" -H 'Content-Type: application/json' -d @login.json "$BASE/rest/auth/1/session" > /dev/null
fi
curl -s -b "$COOKIES" "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s ${BASIC} "$BASE/rest/api/2/myself"
`);
    expect(result.manual).toEqual([]);
  });

  it('the cookie grepped from headers the login dumped (-D FILE): the grep and the rm of the file go (no grep of a missing file under set -e)', async () => {
    const source = `#!/bin/bash
set -e
curl -s -D headers.txt -o /dev/null -H 'Content-Type: application/json' -d @login.json "$BASE/rest/auth/1/session"
COOKIE=$(grep -o 'JSESSIONID=[^;]*' headers.txt)
curl -s -H "Cookie: $COOKIE" "$BASE/rest/api/2/myself"
rm -f headers.txt
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
set -e
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s ${BASIC} "$BASE/rest/api/2/myself"
`);
  });

  it('a GET of the session with --user that only fills the jar is a login too', async () => {
    const source = `#!/bin/bash
curl -s -u "$TRACKER_USER:$TRACKER_PASS" -c jar.txt "$BASE/rest/auth/1/session" > /dev/null
curl -s -b jar.txt "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).not.toMatch(/session|jar\.txt|TRACKER_PASS/);
    expect(result.manual).toEqual([]);
  });

  it('--user on the login itself, a logout (-X DELETE) at the end: both go', async () => {
    const source = `#!/bin/bash
curl -s -u "$TRACKER_USER:$TRACKER_PASS" -X POST -c jar https://tracker.example.org/rest/auth/1/session
curl -s -b jar https://tracker.example.org/rest/api/2/issue/OPS-1
curl -s -b jar --request DELETE https://tracker.example.org/rest/auth/1/session
`;
    const result = await rewrite(source);
    expect(result.after).not.toContain('session');
    expect(result.after).toContain(`curl -s ${BASIC} https://tracker.example.org/rest/api/2/issue/OPS-1\n`);
  });

  it('HTTPie: the --session login goes, each --session=… call sends -a (or -A bearer)', async () => {
    const source = `#!/bin/bash
http --session=tracker POST "$BASE/rest/auth/1/session" username="$TRACKER_USER" password="$TRACKER_PASS"
http --session=tracker GET "$BASE/rest/api/2/issue/OPS-1"
`;
    const result = await rewrite(source);
    expect(result.after).toContain('http -a "$JIRA_EMAIL:$JIRA_API_TOKEN" GET "$BASE/rest/api/2/issue/OPS-1"\n');
    expect((await rewrite(source, true)).after).toContain('http -A bearer -a "$JIRA_API_TOKEN" GET');
  });

  it('the session id grepped out of the jar file and sent by hand: the grep goes with the login', async () => {
    const source = `#!/bin/bash
curl -s -c cookies.txt -d @login.json "$BASE/rest/auth/1/session"
SID=$(grep JSESSIONID cookies.txt | awk '{print $7}')
curl -s -H "Cookie: JSESSIONID=$SID" "$BASE/rest/api/2/myself"
`;
    const result = await rewrite(source);
    expect(result.after).toBe(`#!/bin/bash
# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
curl -s ${BASIC} "$BASE/rest/api/2/myself"
`);
  });

  it('a jar read where fix cannot rewrite it (a bash array of options): the file stays, the note says where and what to send', async () => {
    const source = `#!/bin/bash
JAR=$(mktemp)
curl -s -c "$JAR" -d @login.json "$BASE/rest/auth/1/session"
OPTS=(-s -b "$JAR")
curl "\${OPTS[@]}" "$BASE/rest/api/2/myself"
`;
    const result = await scanAndFix('jira.sh', source, 'shell');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toBe(
      'Line 4 still reads the cookie jar $JAR in a way fix does not rewrite: send -u "$JIRA_EMAIL:$JIRA_API_TOKEN" there instead of the jar\'s cookie, then delete this session login (line 3) and the jar.',
    );
  });

  it('curl and its jar held in a string ($CURL): left as it is, the note says what to write in the string', async () => {
    const source = `#!/bin/bash
COOKIES=~/.tracker_cookies
CURL="curl -s -b $COOKIES -c $COOKIES"
$CURL -H 'Content-Type: application/json' -d @login.json "$BASE/rest/auth/1/session" > /dev/null
$CURL "$BASE/rest/api/2/myself"
`;
    const result = await scanAndFix('jira.sh', source, 'shell');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toBe(
      "This session login runs the client held in $CURL (line 3): delete this login, and in CURL's value drop the cookie-jar options (-b/-c/--cookie/--cookie-jar FILE) and write -u $JIRA_EMAIL:$JIRA_API_TOKEN in its place; then delete the jar's cleanup.",
    );
  });

  it('a login whose answer is read for more than the cookie stays, with a note that says what to write', async () => {
    const source = `#!/bin/bash
resp=$(curl -s -H 'Content-Type: application/json' -d @login.json "$BASE/rest/auth/1/session")
echo "$resp" | jq .loginInfo.loginCount
curl -s -H "Cookie: JSESSIONID=$(echo "$resp" | jq -r .session.value)" "$BASE/rest/api/2/myself"
`;
    const result = await scanAndFix('jira.sh', source, 'shell');
    const login = result.manual.find((entry) => entry.finding.ruleId === 'session-login-call');
    expect(login?.note).toBe(
      'Remove this session login (line 2) and whatever reads its answer; send -u "$JIRA_EMAIL:$JIRA_API_TOKEN" on each curl call that used the session cookie instead (the token comes from $JIRA_API_TOKEN; never a password).',
    );
    if (result.after) bashAccepts(result.after);
  });
});
