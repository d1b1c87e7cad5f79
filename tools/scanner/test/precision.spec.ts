import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanDirectory } from '../src/scan';

/**
 * False-positive classes found by scanning public code that is not a deprecated-use client (servlet containers,
 * Spring Session/Security, Jetty, go-jira's and jira-ruby's own test suites, mock servers), each written as our
 * own made-up fixture of the shape. Each folder is scanned as a repository; `info` findings are fine there.
 */
const CASES = join(__dirname, 'precision-fixtures');

async function findingsOf(name: string): Promise<string[]> {
  const { findings, errors } = await scanDirectory({ root: join(CASES, name), jobs: 0 });
  expect(errors).toEqual([]);
  return findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity}`);
}

const nonInfo = (findings: string[]): string[] => findings.filter((finding) => !finding.endsWith(' info'));

describe('web applications and frameworks with their own sessions', () => {
  it('takes no import, package path, own session field or "session" argument for a read of a login answer', async () => {
    // Before: `import ….session.Session;`, `this.session`, `addServlet(…, "session", …)` and `self.session = requests.Session()`
    // made the files "session-login" files, so `setSpecial(name, value)`, `f"{name}={value}"` and JSESSIONID were findings.
    expect(nonInfo(await findingsOf('servlet-apps'))).toEqual([]);
  });

  it("keeps Hibernate's getCurrentSession(), another library's getSessionClient() and a type's method receivers out", async () => {
    expect(await findingsOf('other-sessions')).toEqual(['transport/cookie_transport.go:6 go-jira-cookie-auth high']);
  });
});

describe('servers, test doubles and assertions of the session resource', () => {
  it('reports routes, stubs, mock and recorded answers, assertions and comparisons as info; a real login in a test stays a finding', async () => {
    expect(nonInfo(await findingsOf('test-doubles'))).toEqual(['gojira/login_test.go:24 go-jira-cookie-auth high', 'test/login.test.js:23 session-login-call high']);
  });

  it('still mentions them (info), so a reader sees the fake tracker', async () => {
    const all = await findingsOf('test-doubles');
    expect(all).toEqual(
      expect.arrayContaining([
        'gojira/login_test.go:15 session-resource-path info',
        'gojira/login_test.go:17 session-resource-path info',
        'gojira/login_test.go:22 session-cookie info',
        'server/app.js:7 session-resource-path info',
        'server/app.js:12 session-resource-path info',
        'server/src/fake_tracker.py:6 session-resource-path info',
        'server/src/session-gone.controller.ts:5 session-resource-path info',
        'server/src/SessionGoneController.java:11 session-resource-path info',
        'server/src/SessionGoneController.java:16 session-resource-path info',
        'server/src/SessionGoneController.java:22 session-resource-path info',
        'spec/cassettes/myself.yml:14 session-cookie info',
        'spec/login_spec.rb:4 session-cookie info',
        'spec/login_spec.rb:7 session-resource-path info',
        'spec/login_spec.rb:10 session-cookie info',
        'spec/login_spec.rb:11 session-resource-path info',
        'spec/login_spec.rb:18 session-resource-path info',
        'spec/login_spec.rb:19 session-resource-path info',
        'test/login.test.js:8 session-resource-path info',
        'test/login.test.js:14 session-resource-path info',
        'test/login.test.js:15 session-cookie info',
        'test/login.test.js:16 session-resource-path info',
        'test/login.test.js:18 session-resource-path info',
      ]),
    );
  });
});

describe('messages in YAML and .properties catalogs', () => {
  it('reports a sentence that names the path or the cookie as info (an i18n message, not configuration)', async () => {
    expect(nonInfo(await findingsOf('i18n'))).toEqual([]);
    expect(await findingsOf('i18n')).toHaveLength(4);
  });
});

describe('minified bundles under any name', () => {
  it('reports what a bundle holds as info; the same code written as source stays a finding', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scanner-bundle-'));
    try {
      mkdirSync(join(root, 'static', 'js'), { recursive: true });
      const login = 'function l(h,u,p){return fetch(h+"/rest/auth/1/session",{method:"POST",body:JSON.stringify({username:u,password:p})})}';
      const filler = Array.from({ length: 300 }, (_, i) => `var v${i}=function(a){return a+${i}};`).join('');
      writeFileSync(join(root, 'static', 'js', 'app.4f2c1.js'), `${filler}${login}${filler}\n`);
      writeFileSync(join(root, 'login.js'), `${login.replace('{return', '{\n  return')}\n`);
      const { findings, errors } = await scanDirectory({ root, jobs: 0 });
      expect(errors).toEqual([]);
      expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.severity}`)).toEqual([
        'login.js:2 session-login-call high',
        'static/js/app.4f2c1.js:1 session-login-call info',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('JVM servers, gateways and test doubles of the session resource', () => {
  it('reports security matchers, filter and interceptor patterns, gateway routes, servlet annotations and stubs as info', async () => {
    // Before: `.requestMatchers(path)`, `addUrlPatterns(path)`, `r.path(path).uri(…)`, `stubFor(post(path)…)`,
    // `perform(post(path))` and `when(client.post(path))` were logins; `@WebServlet(path)` a path.
    expect(nonInfo(await findingsOf('jvm-servers'))).toEqual([
      'src/main/java/org/acme/tracker/JiraRelay.java:13 session-login-call high',
      'src/main/java/org/acme/tracker/JiraRelay.java:17 session-cookie medium',
      'src/main/java/org/acme/tracker/TrackerBot.java:11 session-login-call high',
      'src/main/java/org/acme/tracker/TrackerBot.java:15 session-login-call high',
      'src/test/java/org/acme/tracker/JiraLoginTest.java:13 session-login-call high',
    ]);
  });

  it("takes a server's own JSESSIONID, a Set-Cookie it answers with and a login answer it builds for info", async () => {
    expect(await findingsOf('jvm-servers')).toEqual(
      expect.arrayContaining([
        'src/main/java/org/acme/tracker/SecurityConfig.java:20 session-cookie info',
        'src/main/java/org/acme/tracker/SessionServlet.java:13 session-cookie info',
        'src/main/java/org/acme/tracker/SessionServlet.java:16 session-cookie info',
        'src/main/java/org/acme/tracker/SessionServlet.java:24 session-cookie info',
        'src/main/java/org/acme/tracker/SessionResource.java:13 session-cookie info',
        'src/test/java/org/acme/tracker/LoginDoublesTest.java:10 session-cookie info',
      ]),
    );
  });

  it("reports RestAssured's SessionFilter as info: the login it carries the cookie of is the finding", async () => {
    expect(await findingsOf('jvm-servers')).toContain('src/test/java/org/acme/tracker/JiraLoginTest.java:11 jvm-session-filter info');
  });
});

describe('YAML routes, mocks, allow-lists, sticky sessions and probes', () => {
  it('reports what a gateway, an ingress, a mock, a security allow-list or a monitor does with the path as info', async () => {
    // Before: every line here was a medium finding. A client's configuration and an Ansible login stay findings.
    expect(nonInfo(await findingsOf('yaml-servers'))).toEqual([
      'ansible/login-task.yml:3 session-resource-path medium',
      'ansible/login-task.yml:12 session-cookie medium',
      'config/client.yml:3 session-resource-path medium',
      'config/client.yml:4 session-cookie medium',
    ]);
  });

  it('still lists them, so a reader sees the routes and the sticky cookie', async () => {
    const all = await findingsOf('yaml-servers');
    expect(all).toEqual(
      expect.arrayContaining([
        'deploy/ingress.yaml:7 session-cookie info',
        'deploy/ingress.yaml:13 session-resource-path info',
        'deploy/gateway.yml:8 session-resource-path info',
        'deploy/kong.yml:8 session-resource-path info',
        'deploy/traefik.yml:7 session-cookie info',
        'deploy/values.yaml:5 session-cookie info',
        'deploy/values.yaml:11 session-cookie info',
        'mocks/login.yml:3 session-resource-path info',
        'mocks/login.yml:7 session-cookie info',
        'mocks/login.yml:10 session-cookie info',
        'mocks/expectations.yaml:3 session-resource-path info',
        'config/application.yml:3 session-resource-path info',
        'config/application.yml:9 session-cookie info',
        'monitoring/checks.yml:3 session-resource-path info',
        'monitoring/checks.yml:9 session-resource-path info',
      ]),
    );
  });
});

describe('cookie jars that no longer hold the session', () => {
  it('follows a jar within an Azure job, not into another job or another Bitbucket step, and not past another login written over it', async () => {
    // Before: Azure's `- job:` items and Bitbucket's `- step:` items were one program (their jobs run on machines of
    // their own), and a jar overwritten by the wiki's login still counted as the tracker's.
    expect(nonInfo(await findingsOf('ci-jars'))).toEqual([
      'azure-pipelines.yml:8 session-login-call high',
      'azure-pipelines.yml:9 shell-session-cookie-jar medium',
      'bitbucket-pipelines.yml:6 session-login-call high',
      'scripts/release.sh:2 session-login-call high',
      'scripts/release.sh:3 shell-session-cookie-jar medium',
    ]);
    // One reader each: the Report job's and the wiki's reads are not counted as later readers of the tracker's jar.
    const { findings } = await scanDirectory({ root: join(CASES, 'ci-jars'), jobs: 0 });
    const jars = findings.filter((finding) => finding.ruleId === 'shell-session-cookie-jar').map((finding) => finding.message.replace(/^[^:]*:\s*/, ''));
    expect(jars).toEqual(['jar.txt', 'cookies.txt']);
  });
});

describe('cookie jar reads that do not rely on the session (public CI and shell shapes, docs/scanner-corpus.md)', () => {
  it('reports a session jar only where a request relies on it: no other credential, and the tracker, not another service', async () => {
    // Before: the first read of the jar was the use whatever it sent (Basic, a Bearer header, netrc) and wherever it
    // went (the wiki's form login, a chat hook); two unknown jar variables were one jar (`$TRACKER_JAR`, `$PORTAL_JAR`).
    const all = await findingsOf('jar-readers');
    expect(nonInfo(all).filter((finding) => finding.startsWith('scripts/'))).toEqual([
      // Rundeck, Grafana, Jenkins crumb, wget form login and a cookie string: their own jars, never the tracker's.
      'scripts/ops-logins.sh:4 session-login-call high',
      'scripts/ops-logins.sh:14 shell-session-cookie-jar medium',
      'scripts/portal-session.sh:3 session-login-call high',
      'scripts/release-notes.sh:4 session-login-call high',
      'scripts/release-notes.sh:10 shell-session-cookie-jar medium',
    ]);
    // The reads that do not rely on it are still listed, so a reader sees where the jar goes.
    expect(all.filter((finding) => finding.startsWith('scripts/release-notes.sh') && finding.endsWith(' info'))).toEqual([5, 6, 7, 8, 9].map((line) => `scripts/release-notes.sh:${line} shell-session-cookie-jar info`));
  });

  it('keeps GitHub expressions apart (two jars, two hosts) and GitLab jobs with quoted or spaced names apart', async () => {
    // Before: `${{ env.JIRA_JAR }}` and `${{ env.WIKI_JAR }}` (and `${{ vars.JIRA }}`/`${{ vars.WIKI }}`) became the same
    // `$____…` variable, and `"open session":`/`post notes:` were not taken for jobs, so both jobs were one script.
    const all = await findingsOf('jar-readers');
    expect(nonInfo(all).filter((finding) => /^(?:\.github\/workflows\/docs\.yml|\.gitlab-ci\.yml):/.test(finding))).toEqual([
      '.github/workflows/docs.yml:8 session-login-call high',
      '.github/workflows/docs.yml:14 shell-session-cookie-jar medium',
      '.gitlab-ci.yml:5 session-login-call high',
    ]);
    expect(all).toContain('.github/workflows/docs.yml:12 shell-session-cookie-jar info');
  });

  it('reads a folded YAML script (run: >) as the one command YAML makes of it', async () => {
    // Before: each folded line was a command of its own, so the login had no URL (its path stayed a bare
    // session-resource-path) and a read whose URL is on the next line could not be told from a tracker read.
    const all = await findingsOf('jar-readers');
    expect(all.filter((finding) => finding.startsWith('.github/workflows/folded.yml'))).toEqual([
      '.github/workflows/folded.yml:11 session-login-call high',
      '.github/workflows/folded.yml:14 shell-session-cookie-jar info',
      '.github/workflows/folded.yml:19 shell-session-cookie-jar medium',
    ]);
  });

  it('goes on with a plain script item continued on the next line, and with the items after it', async () => {
    // Before: the continued line ended the script list, so the login had no URL and the items after it were not read.
    const all = await findingsOf('jar-readers');
    expect(all.filter((finding) => finding.startsWith('.gitlab/notes.yml'))).toEqual([
      '.gitlab/notes.yml:4 session-login-call high',
      '.gitlab/notes.yml:5 shell-session-cookie-jar info',
      '.gitlab/notes.yml:7 shell-session-cookie-jar medium',
    ]);
  });
});
