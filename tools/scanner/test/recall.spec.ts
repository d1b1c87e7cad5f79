import { join } from 'node:path';
import { scanDirectory } from '../src/scan';

/**
 * Shapes of real public client code the corpus's holdout numbers pointed at (docs/scanner-corpus.md, "After the
 * recall pass"), each written as our own made-up fixture: shell carried by Jenkins steps and CI YAML, Lisp
 * cookie assembly, fields renamed from the login answer's JSON keys. Each folder is scanned as a repository.
 */
const CASES = join(__dirname, 'recall-fixtures');

async function findingsOf(name: string): Promise<string[]> {
  const { findings, errors } = await scanDirectory({ root: join(CASES, name), jobs: 0 });
  expect(errors).toEqual([]);
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity} ${finding.message.replace(/^[^:]*(?::|$)\s*/, '')}`.trim());
}

describe('shell carried by other files', () => {
  it('analyzes a Jenkins sh """…""" step as shell: the login, and the jar it fills read by the next curl (once)', async () => {
    expect(await findingsOf('groovy-sh-step')).toEqual([
      'Jenkinsfile:5 session-login-call high POST (log in)',
      'Jenkinsfile:8 shell-session-cookie-jar medium tracker.jar (read by 1 later command too)',
    ]);
  });

  it('follows a jar across the steps of one GitHub Actions job, not into another job; env: feeds the scripts', async () => {
    expect(await findingsOf('yaml-ci-jar')).toEqual([
      '.github/workflows/release.yml:4 session-resource-path medium',
      '.github/workflows/release.yml:10 session-login-call high POST (log in)',
      '.github/workflows/release.yml:12 shell-session-cookie-jar medium cookies.txt',
      '.github/workflows/release.yml:13 session-login-call high DELETE (log out)',
    ]);
  });

  it('reads curl\'s combined flags, wget\'s cookie options (not its -c/-b) and a jar passed to a login function', async () => {
    // Before: `-sSc jar`/`-sSb jar` were no jar options, and `"$1"` in a login function and the caller's `"$tracker_jar"`
    // were matched only because every unknown value looked alike (so the portal's login wiped the tracker's jar).
    expect(await findingsOf('shell-jar-options')).toEqual([
      'bin/combined-flags.sh:3 session-login-call high POST (log in)',
      // The URL is the argument with a path, not an unknown $CURL_OPTS before it.
      'bin/combined-flags.sh:4 shell-session-cookie-jar medium tracker.jar (read by 1 later command too)',
      // The dashboard read (for the XSRF token) relies on the jar; the admin calls after it too (X-Atlassian-Token is no credential).
      'bin/create-users.sh:3 session-login-call high POST (log in)',
      'bin/create-users.sh:6 shell-session-cookie-jar medium /tmp/tracker-cookies.txt (read by 1 later command too)',
      'bin/login-functions.sh:3 session-login-call high POST (log in)',
      'bin/login-functions.sh:13 shell-session-cookie-jar medium $tracker_jar',
      'bin/wget-session.sh:2 session-login-call high POST (log in)',
      'bin/wget-session.sh:4 shell-session-cookie-jar medium session.txt',
      // A plugin's REST path on the login's host: the login URL's variable is followed to its base ($TRACKER_URL).
      'bin/xray-upload.sh:3 session-resource-path medium',
      'bin/xray-upload.sh:4 session-login-call high POST (log in)',
      'bin/xray-upload.sh:5 shell-session-cookie-jar medium jar.txt',
    ]);
  });

  it("gives GitLab's top-level variables: and default: before_script: to every job", async () => {
    // Before: `variables:` and `default:` were taken for jobs of their own, so the job's logout did not resolve
    // `$SESSION_PATH` and the jar the shared before_script fills was not followed into the job.
    expect(await findingsOf('gitlab-globals')).toEqual([
      '.gitlab-ci.yml:2 session-resource-path medium',
      '.gitlab-ci.yml:5 session-login-call high POST (log in)',
      '.gitlab-ci.yml:10 shell-session-cookie-jar medium tracker.txt',
      '.gitlab-ci.yml:11 session-login-call high DELETE (log out)',
    ]);
  });

  it('reports nothing for a jar filled by another product\'s login, nor a password that is a variable', async () => {
    expect(await findingsOf('negative-ci-other-login')).toEqual([]);
  });
});

describe('precision', () => {
  it("keeps a servlet application's JSESSIONID to info; next to a Jira REST call it is a finding", async () => {
    expect(await findingsOf('servlet-jsessionid')).toEqual([
      'SessionFilter.java:10 session-cookie info JSESSIONID, the session cookie of every Java servlet container; nothing in this file calls Jira',
      'tracker_comment.sh:2 session-cookie medium',
    ]);
  });
});

describe('session cookies assembled from the login answer', () => {
  it('reads Lisp forms: (format "%s=%s" (cdr (assoc \'name s)) …) and (concat (plist-get s :name) "=" …)', async () => {
    expect(await findingsOf('elisp-alist-cookie')).toEqual([
      'tracker-auth.el:6 session-login-call high POST (log in)',
      'tracker-auth.el:11 session-cookie medium',
      'tracker-auth.el:14 session-cookie medium',
    ]);
  });

  it('takes a constant named like a cookie part for its literal, and reports the cookie where the name is used', async () => {
    expect(await findingsOf('java-cookie-constant')).toEqual([
      'TrackerSession.java:9 session-resource-path medium',
      'TrackerSession.java:14 session-login-call high POST (log in)',
      'TrackerSession.java:15 session-cookie medium',
      'TrackerSession.java:16 session-cookie medium',
    ]);
  });

  it('joins a list into the cookie (strings.Join, String.join) in a file that only reads the answer (Go r.Session.Name)', async () => {
    expect(await findingsOf('join-cookie')).toEqual(['CookieHeader.java:8 session-cookie medium', 'header.go:14 session-cookie medium']);
  });

  it("relays the login answer's Set-Cookie header as the Cookie of a later request", async () => {
    expect(await findingsOf('set-cookie-relay')).toEqual([
      'relay.go:6 session-login-call high POST (log in)',
      "relay.go:12 session-cookie medium the login answer's Set-Cookie sent back as Cookie",
      'relay.js:2 session-login-call high POST (log in)',
      "relay.js:3 session-cookie medium the login answer's Set-Cookie sent back as Cookie",
    ]);
    expect(await findingsOf('negative-set-cookie-other')).toEqual([]);
  });

  it('reports a cookie-name constant where the cookie is made from it, not where it is named (Go const)', async () => {
    expect(await findingsOf('go-cookie-const')).toEqual(['client.go:14 session-cookie medium']);
  });

  it('knows fields declared under the JSON keys name and value (Go struct tags)', async () => {
    expect(await findingsOf('go-json-tags')).toEqual([
      'signin.go:16 session-login-call high POST (log in)',
      'signin.go:24 session-cookie medium',
    ]);
  });
});

describe('URL helpers of another file (jira-connector, read in the precision pass)', () => {
  it("fills a helper that builds with url.format({ pathname }) and decodes, and reports it in a request's options", async () => {
    expect(await findingsOf('js-options-helper')).toEqual([
      "lib/login.js:7 session-login-call high POST (log in), in a request's options",
      'lib/login.js:16 session-login-call high GET (current session)',
    ]);
  });
});

describe('Go cookies attached by client libraries', () => {
  it("finds gorequest's AddCookies(login.Cookies()) after a session login", async () => {
    expect(await findingsOf('go-gorequest-cookies')).toEqual([
      'tracker/comment.go:8 session-login-call high POST (log in)',
      'tracker/comment.go:13 session-cookie medium',
    ]);
  });

  it("finds a login answer's cookie sent as a Cookie header through String(); not a cookie in a file without the login", async () => {
    expect(await findingsOf('go-cookie-string')).toEqual([
      'tracker/session.go:16 session-login-call high POST (log in)',
      "tracker/session.go:26 session-cookie medium a cookie of the login's answer sent as the Cookie header",
    ]);
  });
});
