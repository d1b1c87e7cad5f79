import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSource } from '../src/analyze-file';
import { addFingerprints } from '../src/fingerprint';
import type { LanguageId } from '../src/model';
import { fixFile, type FileFix } from '../src/fix/fix-file';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';

/** The real scan of one file, then its rewrite (in memory); the second run on the result must change nothing. */
async function fix(file: string, source: string, language: LanguageId): Promise<FileFix> {
  const { findings } = await analyzeSource(source, language, file);
  expect(findings.length).toBeGreaterThan(0);
  return fixFile(file, source, addFingerprints(findings), DEFAULT_FIX_OPTIONS);
}

async function secondRunChanges(result: FileFix): Promise<boolean> {
  const { findings } = await analyzeSource(result.after ?? '', result.language, result.file);
  if (!findings.length) return false;
  return (await fixFile(result.file, result.after ?? '', addFingerprints(findings), DEFAULT_FIX_OPTIONS)).status === 'rewritten';
}

function syntaxCheck(name: string, text: string, command: string, args: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-rewriters-'));
  try {
    writeFileSync(join(folder, name), text);
    return execFileSync(command, [...args, join(folder, name)], { encoding: 'utf8', stdio: 'pipe' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const hasGofmt = ((): boolean => {
  try {
    execFileSync('gofmt', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
})();

jest.setTimeout(30_000);

describe('PHP: curl and Guzzle logins whose cookie is sent by hand', () => {
  const CURL = `<?php
$jira = getenv('TRACKER_URL');
$h = curl_init($jira . '/rest/auth/1/session');
curl_setopt($h, CURLOPT_POST, 1);
curl_setopt($h, CURLOPT_RETURNTRANSFER, 1);
curl_setopt($h, CURLOPT_POSTFIELDS, json_encode(['username' => 'ops', 'password' => 'pw-in-php-7']));
$answer = json_decode(curl_exec($h), true);
curl_close($h);
$jsid = $answer['session']['value'];

$h = curl_init($jira . '/rest/api/2/issue/OPS-9');
curl_setopt($h, CURLOPT_RETURNTRANSFER, 1);
curl_setopt($h, CURLOPT_HTTPHEADER, ["Accept: application/json", 'Cookie: JSESSIONID=' . $jsid]);
print(curl_exec($h));
`;

  it('removes the login handle up to its rebinding, keeps the later request and sends Basic credentials from the environment', async () => {
    const result = await fix('report.php', CURL, 'php');
    expect(result.status).toBe('rewritten');
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('pw-in-php-7');
    expect(result.after).not.toContain('$answer');
    expect(result.after).toContain("$h = curl_init($jira . '/rest/api/2/issue/OPS-9');\ncurl_setopt($h, CURLOPT_RETURNTRANSFER, 1);\n");
    expect(result.after).toContain(`["Accept: application/json", 'Authorization: Basic ' . base64_encode(getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN'))]`);
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 6, removed: true }]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the login answer is still read after the cookie (a manual note, no edit)', async () => {
    const source = CURL.replace('print(curl_exec($h));', "print(curl_exec($h));\necho $answer['session']['name'];");
    const result = await fix('report.php', source, 'php');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain("'Authorization: ' . 'Basic ' . base64_encode(getenv('JIRA_EMAIL')");
  });

  it('refuses a login whose cookie is not sent in this file: removing it alone would leave the calls anonymous', async () => {
    const source = `<?php
class Auth
{
    public function __construct(private \\GuzzleHttp\\Client $http)
    {
    }

    public function login(string $user, string $secret): void
    {
        $this->http->post('/rest/auth/1/session', ['json' => ['username' => $user, 'password' => $secret]]);
    }
}
`;
    const result = await fix('Auth.php', source, 'php');
    expect(result.status).toBe('manual');
    expect(result.manual[0]?.note).toMatch(/^Remove this session login; send the header 'Authorization: '/);
  });
});

describe('Go: go-jira AcquireSessionCookie', () => {
  const MAIN = `package main

import (
	"fmt"
	"os"

	jira "github.com/andygrunwald/go-jira"
)

func main() {
	api, err := jira.NewClient(nil, os.Getenv("TRACKER"))
	if err != nil {
		panic(err)
	}
	done, err := api.Authentication.AcquireSessionCookie("ops", os.Getenv("OPS_PASSWORD"))
	if err != nil || !done {
		panic(err)
	}
	me, _, _ := api.User.GetSelf()
	fmt.Println(me.Name)
}
`;

  it('gives NewClient a BasicAuthTransport from the environment and drops the login with its check (gofmt accepts it)', async () => {
    const result = await fix('main.go', MAIN, 'go');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('\ttp := jira.BasicAuthTransport{Username: os.Getenv("JIRA_EMAIL"), Password: os.Getenv("JIRA_API_TOKEN")}\n');
    expect(result.after).toContain('api, err := jira.NewClient(tp.Client(), os.Getenv("TRACKER"))');
    expect(result.after).not.toContain('AcquireSessionCookie');
    expect(result.after).not.toContain('done');
    expect(result.fixed.map((finding) => finding.ruleId)).toContain('go-jira-cookie-auth');
    if (hasGofmt) expect(syntaxCheck('main.go', result.after ?? '', 'gofmt', ['-l', '-e'])).toBe('');
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the login result is used later (the program would no longer compile)', async () => {
    const source = MAIN.replace('fmt.Println(me.Name)', 'fmt.Println(me.Name, done)');
    const result = await fix('main.go', source, 'go');
    expect(result.after ?? '').not.toContain('tp.Client()');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'go-jira-cookie-auth')?.note).toContain('Remove AcquireSessionCookie');
  });
});

describe('shell: a login through the script’s own curl wrapper', () => {
  const SCRIPT = `#!/usr/bin/env bash
set -eu
JAR=$(mktemp)

api() {
  curl -fsS -X "$1" -b "$JAR" -c "$JAR" -H 'Content-Type: application/json' "$TRACKER$2" "\${@:3}"
}

login() {
  api POST /rest/auth/1/session --data "{\\"username\\":\\"$U\\",\\"password\\":\\"$P\\"}"
}

login
api GET /rest/api/2/myself
`;

  it('removes the wrapper call, keeps the function (a no-op) and authenticates the wrapper’s curl (bash -n accepts it)', async () => {
    const result = await fix('jira.sh', SCRIPT, 'shell');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain(`curl -fsS -X "$1" -u "$JIRA_EMAIL:$JIRA_API_TOKEN" -H 'Content-Type: application/json'`);
    expect(result.after).toContain('login() {\n  :\n}\n');
    expect(result.after).not.toContain('/rest/auth/1/session');
    syntaxCheck('jira.sh', result.after ?? '', 'bash', ['-n']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the wrapper is defined elsewhere (no cookie jar read in this file)', async () => {
    const source = `#!/usr/bin/env bash\n. ./lib.sh\n\nlogin() {\n  api POST /rest/auth/1/session --data "$BODY"\n}\n\nlogin\n`;
    const result = await fix('run.sh', source, 'shell');
    expect(result.status).toBe('manual');
  });
});

describe('JavaScript: a login through the client’s own POST helper, its cookie kept in this.field', () => {
  const CLIENT = `function Tracker(base, user, pass) {
  this.base = base;
  this.open(user, pass);
}

Tracker.prototype.open = function (user, pass) {
  var answer = http.postJson(this.base + '/rest/auth/1/session', { username: user, password: pass });
  this.sessionCookie = 'JSESSIONID=' + answer.session.value;
};

Tracker.prototype.issue = function (key) {
  return http.getJson(this.base + '/rest/api/2/issue/' + key, { headers: { Cookie: this.sessionCookie } });
};

module.exports = Tracker;
`;

  it('drops the login and the field, sends an Authorization header (node --check accepts it)', async () => {
    const result = await fix('tracker.js', CLIENT, 'javascript');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('Tracker.prototype.open = function (user, pass) {\n};');
    expect(result.after).not.toContain('sessionCookie');
    expect(result.after).toContain("headers: { Authorization: 'Basic ' + Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64') }");
    syntaxCheck('tracker.js', result.after ?? '', process.execPath, ['--check']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the field is read elsewhere (a getter hands the cookie out)', async () => {
    const source = CLIENT.replace('module.exports', 'Tracker.prototype.cookie = function () {\n  return this.sessionCookie;\n};\n\nmodule.exports');
    const result = await fix('tracker.js', source, 'javascript');
    expect(result.after ?? CLIENT).toContain('/rest/auth/1/session');
    expect(result.manual.some((entry) => entry.finding.ruleId === 'session-login-call')).toBe(true);
  });
});

describe('JavaScript/TypeScript: a login helper only this file can call, whose cookie feeds a header', () => {
  const CLASS_TS = `import type { Http } from './http';

export class Watchers {
  private session?: { name: string; value: string };

  constructor(private readonly http: Http, private readonly base: string) {}

  private async login(): Promise<{ name: string; value: string }> {
    if (!this.session) {
      const answer = await this.http.send('POST', this.base + '/rest/auth/1/session', { user: 'ops' });
      this.session = answer.session;
    }
    return this.session!;
  }

  async watchers(key: string): Promise<unknown> {
    const s = await this.login();
    return this.http.send('GET', this.base + '/rest/api/2/issue/' + key + '/watchers', { cookie: \`\${s.name}=\${s.value}\` });
  }
}
`;

  const SCRIPT_JS = `const BASE = process.env.JIRA_URL;

async function signIn(user, password) {
  const response = await fetch(\`\${BASE}/rest/auth/1/session\`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password }),
  });
  const { session } = await response.json();
  return \`\${session.name}=\${session.value}\`;
}

async function main() {
  const cookie = await signIn(process.env.JIRA_USER, process.env.JIRA_PASSWORD);
  const me = await fetch(\`\${BASE}/rest/api/2/myself\`, { headers: { cookie, Accept: 'application/json' } });
  console.log((await me.json()).name);
}

main();
`;

  it('a private method caching the session: the method, its calls and the cache field go; the header carries Basic credentials', async () => {
    const result = await fix('watchers.ts', CLASS_TS, 'typescript');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('export class Watchers {\n  constructor(private readonly http: Http, private readonly base: string) {}\n\n  async watchers(key: string): Promise<unknown> {\n    // JIRA_EMAIL');
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('login');
    expect(result.after).toContain("{ Authorization: 'Basic ' + Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64') }");
    expect(result.manual).toEqual([]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('the same with a #private method in JavaScript (node --check accepts it)', async () => {
    const source = CLASS_TS.replace("import type { Http } from './http';\n\n", '')
      .replace('  private session?: { name: string; value: string };\n\n  constructor(private readonly http: Http, private readonly base: string) {}', '  #session;\n\n  constructor(http, base) {\n    this.http = http;\n    this.base = base;\n  }')
      .replace('private async login(): Promise<{ name: string; value: string }>', 'async #login()')
      .replaceAll('this.session', 'this.#session')
      .replace('this.#session!', 'this.#session')
      .replace('this.login()', 'this.#login()')
      .replace('watchers(key: string): Promise<unknown>', 'watchers(key)');
    const result = await fix('watchers.js', source, 'javascript');
    expect(result.status).toBe('rewritten');
    expect(result.after).not.toContain('#login');
    expect(result.after).not.toContain('#session');
    syntaxCheck('watchers.mjs', result.after ?? '', process.execPath, ['--check']);
  });

  it('a top-level function neither exported nor handed out: it goes with the call whose cookie the header read (node --check accepts it)', async () => {
    const result = await fix('me.js', SCRIPT_JS, 'javascript');
    expect(result.status).toBe('rewritten');
    expect(result.after).toBe(`const BASE = process.env.JIRA_URL;

async function main() {
  // JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
  const me = await fetch(\`\${BASE}/rest/api/2/myself\`, { headers: { Authorization: 'Basic ' + Buffer.from(\`\${process.env.JIRA_EMAIL}:\${process.env.JIRA_API_TOKEN}\`).toString('base64'), Accept: 'application/json' } });
  console.log((await me.json()).name);
}

main();
`);
    syntaxCheck('me.js', result.after ?? '', process.execPath, ['--check']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses a helper other files can call (exported, a public method) and says it hands its answer out', async () => {
    for (const source of [SCRIPT_JS.replace('main();\n', 'main();\nmodule.exports = { signIn };\n'), SCRIPT_JS.replace('async function signIn', 'export async function signIn')]) {
      const result = await fix('me.js', source, 'javascript');
      expect(result.after ?? source).toContain('/rest/auth/1/session');
      expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('signIn() hands this login\'s answer (the session or its cookie) to callers this file does not show');
    }
    const open = await fix('watchers.ts', CLASS_TS.replace('private async login()', 'async login()'), 'typescript');
    expect(open.after ?? CLASS_TS).toContain('/rest/auth/1/session');
  });
});

describe('JavaScript: a login in page code', () => {
  it('is left alone with a note: a token must not be shipped to the browser', async () => {
    const source = `document.querySelector('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  await fetch(window.TRACKER + '/rest/auth/1/session', {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: event.target.user.value, password: event.target.pass.value }),
  });
});
`;
    const result = await fix('sign-in.js', source, 'javascript');
    expect(result.status).toBe('manual');
    expect(result.manual[0]?.note).toContain('Browser code: an API token must not be shipped to the page.');
  });
});

describe('C#: a hand-made login whose answer feeds a Cookie header; Dapplo.Jira sessions', () => {
  const HTTP = `using System.Net.Http;
using System.Threading.Tasks;

public static class Tracker
{
    public static async Task<string> Issue(HttpClient http, string key, HttpContent credentials)
    {
        var answer = await http.PostAsync("/rest/auth/1/session", credentials);
        var cookie = string.Join(";", answer.Headers.GetValues("Set-Cookie"));
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        return await http.GetStringAsync("/rest/api/2/issue/" + key);
    }
}
`;

  it('drops the login and its cookie, the header carries Basic credentials from the environment', async () => {
    const result = await fix('Tracker.cs', HTTP, 'csharp');
    expect(result.status).toBe('rewritten');
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('var cookie');
    expect(result.after).toContain('http.DefaultRequestHeaders.Add("Authorization", "Basic " + System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(System.Environment.GetEnvironmentVariable("JIRA_EMAIL") + ":" + System.Environment.GetEnvironmentVariable("JIRA_API_TOKEN"))));');
    expect(result.manual).toEqual([]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the login answer is returned (a caller may read it)', async () => {
    const source = HTTP.replace('return await http.GetStringAsync("/rest/api/2/issue/" + key);', 'await http.GetStringAsync("/rest/api/2/issue/" + key);\n        return answer.ReasonPhrase;');
    const result = await fix('Tracker.cs', source, 'csharp');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^Remove this session login; send the header "Authorization: "/);
  });

  const DAPPLO = `using System;
using System.Threading.Tasks;
using Dapplo.Jira;

public static class Board
{
    public static async Task Run(Uri server, string user, string pass)
    {
        var client = JiraClient.Create(server);
        await client.Session.StartAsync(user, pass);
        var me = await client.User.GetMyselfAsync();
        Console.WriteLine(me.DisplayName);
        await client.Session.EndAsync();
    }
}
`;

  it('Dapplo.Jira: StartAsync becomes SetBasicAuthentication from the environment, EndAsync goes', async () => {
    const result = await fix('Board.cs', DAPPLO, 'csharp');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('        client.SetBasicAuthentication(System.Environment.GetEnvironmentVariable("JIRA_EMAIL"), System.Environment.GetEnvironmentVariable("JIRA_API_TOKEN"));\n');
    expect(result.after).not.toContain('Session.');
    expect(result.manual).toEqual([]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('Dapplo.Jira with --bearer: no basic authentication, a manual note instead', async () => {
    const { findings } = await analyzeSource(DAPPLO, 'csharp', 'Board.cs');
    const result = await fixFile('Board.cs', DAPPLO, addFingerprints(findings), { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(result.after ?? '').not.toContain('SetBasicAuthentication');
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain('"Authorization: Bearer " + System.Environment.GetEnvironmentVariable("JIRA_API_TOKEN")');
  });
});

describe('manual notes where no rewrite is safe', () => {
  it('a login that returns the session to callers says so; the path constant is tied to that login', async () => {
    const source = `import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Login {
    private static final String LOGIN = "/rest/auth/1/session";

    public HttpResponse<String> open(HttpClient http, String base, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(java.net.URI.create(base + LOGIN)).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
`;
    const result = await fix('Login.java', source, 'java');
    expect(result.status).toBe('manual');
    const notes = Object.fromEntries(result.manual.map((entry) => [entry.finding.ruleId, entry.note]));
    expect(notes['session-login-call']).toMatch(/^This login returns the session \(answer or cookie\) to its callers: make them authenticate each request instead/);
    expect(notes['session-resource-path']).toMatch(/^Only the session login needs this path: delete it together with that login/);
  });

  it('a login whose answer reaches a later return (Java, Kotlin, Go) says that it hands the session to its callers', async () => {
    const java = `import java.net.HttpURLConnection;
import java.net.URL;

public class Session {
    public String cookie(String base) throws Exception {
        HttpURLConnection conn = (HttpURLConnection) new URL(base + "/rest/auth/1/session").openConnection();
        conn.setRequestMethod("POST");
        return conn.getHeaderField("Set-Cookie");
    }
}
`;
    const kotlin = `import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

class Auth(private val base: String, private val http: OkHttpClient) {
    fun login(json: String): String? {
        val request = Request.Builder()
            .url("$base/rest/auth/latest/session")
            .post(json.toRequestBody())
            .build()
        return http.newCall(request).execute().use { it.header("Set-Cookie") }
    }
}
`;
    const go = `package jiraapi

import (
\t"net/http"
\t"strings"
)

func (c *Client) Login(body string) (*http.Response, error) {
\treq, err := http.NewRequest(http.MethodPost, c.base+"rest/auth/1/session", strings.NewReader(body))
\tif err != nil {
\t\treturn nil, err
\t}
\treturn c.http.Do(req)
}
`;
    for (const [file, source, language, write] of [
      ['Session.java', java, 'java', 'send the header "Authorization"'],
      ['Auth.kt', kotlin, 'kotlin', 'send the header "Authorization"'],
      ['login.go', go, 'go', 'req.SetBasicAuth('],
    ] as const) {
      const result = await fix(file, source, language);
      expect(result.status).toBe('manual');
      const note = result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note ?? '';
      expect(note).toMatch(/^This login returns the session \(answer or cookie\) to its callers: make them authenticate each request instead — /);
      expect(note).toContain(write);
    }
  });

  it('a Go net/http login gets the Go rewriter’s note (SetBasicAuth), not the go-jira one', async () => {
    const source = `package jiraapi

import (
\t"net/http"
\t"strings"
)

func Login(c *http.Client, base, body string) (*http.Response, error) {
\treturn c.Post(base+"/rest/auth/1/session", "application/json", strings.NewReader(body))
}
`;
    const result = await fix('login.go', source, 'go');
    expect(result.status).toBe('manual');
    // Returned, the answer goes to the callers: the note says so, with the net/http call.
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^This login returns the session \(answer or cookie\) to its callers: make them authenticate each request instead — req\.SetBasicAuth/);
    // Its answer only printed, not returned: the plain note.
    const kept = source.replace('\treturn c.Post(', '\tres, err := c.Post(').replace('strings.NewReader(body))\n}', 'strings.NewReader(body))\n\tprintln(res, err)\n\treturn nil, nil\n}');
    const plain = await fix('login.go', kept, 'go');
    expect(plain.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^Remove this session login; on each request that used its cookie call req\.SetBasicAuth/);
  });
});

describe('Java: a hand-made login whose cookie is kept in a field and sent as a Cookie header', () => {
  const TRACKER = `import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

public class Tracker {
    private final String base;
    private String cookie;

    public Tracker(String base) {
        this.base = base;
    }

    public void login(String json) throws Exception {
        HttpURLConnection post = (HttpURLConnection) new URL(base + "/rest/auth/1/session").openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        try (OutputStream out = post.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        this.cookie = post.getHeaderField("Set-Cookie");
    }

    public int issue(String key) throws Exception {
        HttpURLConnection get = (HttpURLConnection) new URL(base + "/rest/api/2/issue/" + key).openConnection();
        get.setRequestProperty("Cookie", cookie);
        return get.getResponseCode();
    }
}
`;

  it('drops the login, its reading and the field; the request sends Basic credentials (javac compiles it)', async () => {
    const result = await fix('Tracker.java', TRACKER, 'java');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('    public void login(String json) throws Exception {\n    }\n');
    expect(result.after).not.toContain('cookie');
    expect(result.after).toContain('get.setRequestProperty("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).getBytes(java.nio.charset.StandardCharsets.UTF_8)));');
    expect(result.manual).toEqual([]);
    const out = mkdtempSync(join(tmpdir(), 'tokenshift-javac-'));
    try {
      syntaxCheck('Tracker.java', result.after ?? '', 'javac', ['-d', out]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the cookie field is handed out (a getter reads it)', async () => {
    const source = TRACKER.replace('    public int issue', '    public String cookie() {\n        return cookie;\n    }\n\n    public int issue');
    const result = await fix('Tracker.java', source, 'java');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^Remove this session login; send the header "Authorization", "Basic " \+ java\.util\.Base64/);
  });
});

describe('Java: RestAssured SessionFilter and session cookies', () => {
  const SUITE = `import static io.restassured.RestAssured.given;

import io.restassured.filter.session.SessionFilter;

class ProjectChecks {
    private static final SessionFilter jira = new SessionFilter();

    static void signIn() {
        given()
            .contentType("application/json")
            .body("{\\"username\\":\\"qa\\",\\"password\\":\\"qa-pw-31\\"}")
            .filter(jira)
            .post("/rest/auth/1/session")
            .then()
            .statusCode(200);
    }

    void listsProjects() {
        given().filter(jira).get("/rest/api/2/project").then().statusCode(200);
    }
}
`;

  it('the login goes, each .filter(session) becomes preemptive basic auth, the filter and its import go', async () => {
    const result = await fix('ProjectChecks.java', SUITE, 'java');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('given().auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN")).get("/rest/api/2/project")');
    expect(result.after).not.toContain('SessionFilter');
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 11, removed: true }]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('a session cookie handed to .cookie("JSESSIONID", …) becomes basic auth (the header with --bearer)', async () => {
    const source = `import static io.restassured.RestAssured.given;

class Comments {
    void comment(String body) {
        String id = given().body(body).post("/rest/auth/1/session").then().extract().cookie("JSESSIONID");
        given().cookie("JSESSIONID", id).body("{\\"body\\":\\"hi\\"}").post("/rest/api/2/issue/QA-1/comment");
    }
}
`;
    const { findings } = await analyzeSource(source, 'java', 'Comments.java');
    const result = await fixFile('Comments.java', source, addFingerprints(findings), { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('        given().header("Authorization", "Bearer " + System.getenv("JIRA_API_TOKEN")).body(');
    expect(result.after).not.toContain('String id');
  });

  it('refuses when the SessionFilter is handed to a helper (its requests would lose the session)', async () => {
    const source = SUITE.replace('    void listsProjects() {', '    void viaHelper() {\n        Helpers.get(jira, "/rest/api/2/myself");\n    }\n\n    void listsProjects() {');
    const result = await fix('ProjectChecks.java', source, 'java');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
  });
});

describe('dotenv: php-jira-rest-client switched to cookie auth from the environment', () => {
  const ENV = `# jira access for the deploy job
JIRA_HOST=https://tracker.example.org
JIRA_USER=deploy-bot
COOKIE_AUTH_ENABLED=true
COOKIE_FILE=var/cache/jira-cookie.txt
JIRA_LOG_LEVEL=WARNING
`;

  it('drops COOKIE_AUTH_ENABLED and COOKIE_FILE, says what JIRA_USER/JIRA_PASS now hold', async () => {
    const result = await fix('.env', ENV, 'dotenv');
    expect(result.status).toBe('rewritten');
    expect(result.after).toBe(`# jira access for the deploy job
JIRA_HOST=https://tracker.example.org
JIRA_USER=deploy-bot
# JIRA_USER: your Atlassian account email; JIRA_PASS: an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
JIRA_LOG_LEVEL=WARNING
`);
    expect(result.manual).toEqual([]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('with --bearer: a note (the PAT value cannot be written here); a line it cannot read: left alone', async () => {
    const { findings } = await analyzeSource(ENV, 'dotenv', '.env');
    const bearer = await fixFile('.env', ENV, addFingerprints(findings), { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.status).toBe('manual');
    expect(bearer.manual[0]?.note).toContain('TOKEN_BASED_AUTH=true and PERSONAL_ACCESS_TOKEN=');
    const odd = `${ENV}this line is not an entry\n`;
    expect((await fix('.env', odd, 'dotenv')).status).toBe('manual');
  });
});

describe('shell: a GET of the session that only reads the user name', () => {
  const TOOL = `#!/bin/bash
ROOT="\${TRACKER:?}"
AUTH_URL="$ROOT/rest/auth/1/session"
COOKIES=/tmp/tracker-cookies

if [ "$1" = in ]; then
  curl -s -c "$COOKIES" -d "{\\"username\\":\\"$U\\",\\"password\\":\\"$P\\"}" -H 'Content-Type: application/json' "$AUTH_URL"
else
  curl -s -b "$COOKIES" "$AUTH_URL" | jq -r .name
fi
`;

  it('reads /rest/api/2/myself instead (same .name), and the session URL variable goes (bash -n accepts it)', async () => {
    const result = await fix('tracker.sh', TOOL, 'shell');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('  curl -s -u "$JIRA_EMAIL:$JIRA_API_TOKEN" "$ROOT/rest/api/2/myself" | jq -r .name\n');
    expect(result.after).not.toContain('AUTH_URL');
    expect(result.manual).toEqual([]);
    syntaxCheck('tracker.sh', result.after ?? '', 'bash', ['-n']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('keeps the session URL and notes the GET when it reads more than the name (loginInfo has no myself twin)', async () => {
    const result = await fix('tracker.sh', TOOL.replace('jq -r .name', 'jq .loginInfo'), 'shell');
    expect(result.after ?? TOOL).toContain('AUTH_URL="$ROOT/rest/auth/1/session"');
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain('Read the user from "$JIRA_URL/rest/api/2/myself"');
  });
});

describe('Python: a login method on a class that keeps a requests.Session in self', () => {
  const CLIENT = `import requests


class Board:
    def __init__(self, base):
        self.base = base
        self.web = requests.Session()

    def sign_in(self, user, secret):
        self.web.post(self.base + "/rest/auth/1/session", json={"username": user, "password": secret})

    def issue(self, key):
        return self.web.get(self.base + "/rest/api/2/issue/" + key).json()
`;

  it('the login becomes self.web.auth from the environment (py_compile accepts it)', async () => {
    const result = await fix('board.py', CLIENT, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('    def sign_in(self, user, secret):\n        # JIRA_EMAIL + JIRA_API_TOKEN');
    expect(result.after).toContain('\n        self.web.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n\n    def issue');
    expect(result.after).toMatch(/^import os\n/);
    expect(result.manual).toEqual([]);
    syntaxCheck('board.py', result.after ?? '', '/usr/bin/python3', ['-m', 'py_compile']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('also with `from requests import Session`', async () => {
    const source = CLIENT.replace('import requests\n', 'from requests import Session\n').replace('requests.Session()', 'Session()');
    const result = await fix('board.py', source, 'python');
    expect(result.after).toContain('        self.web.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n');
  });

  it('leaves it to a person when self.web is not a session the file makes (removing the login alone would leave the calls anonymous)', async () => {
    const result = await fix('board.py', CLIENT.replace('requests.Session()', 'make_client()'), 'python');
    expect(result.status).toBe('manual');
    expect(result.manual[0]?.note).toBe('Remove this session login and pass auth=(email, api_token) on the calls that used its cookie.');
  });
});

describe('Python: a session login in a file whose calls already authenticate', () => {
  it('the redundant login goes when the other calls pass auth= already; it stays when nothing authenticates them', async () => {
    const source = `import os

import requests
from requests.auth import HTTPBasicAuth

BASE = os.environ["TRACKER_URL"]
basic = HTTPBasicAuth(os.environ["TRACKER_USER"], os.environ["TRACKER_TOKEN"])

requests.post(BASE + "/rest/auth/1/session", json={"username": os.environ["TRACKER_USER"], "password": os.environ["TRACKER_PASSWORD"]})
print(requests.get(BASE + "/rest/api/2/myself", auth=basic).json()["name"])
`;
    const result = await fix('me.py', source, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).toContain('print(requests.get(BASE + "/rest/api/2/myself", auth=basic).json()["name"])');
    const anonymous = await fix('me.py', source.replace(', auth=basic', ''), 'python');
    expect(anonymous.status).toBe('manual');
  });
});

describe('Python: a requests AuthBase that logs in and attaches the session cookie', () => {
  const AUTH = `"""Session-cookie auth for requests."""
import requests
from requests.auth import AuthBase


class TrackerSessionAuth(AuthBase):
    def __init__(self, base, user, secret):
        self.session_url = base.rstrip("/") + "/rest/auth/1/session"
        self.login_body = {"username": user, "password": secret}
        self.jar = None

    def __call__(self, req):
        if not self.jar:
            self.jar = requests.post(self.session_url, json=self.login_body, timeout=10).cookies
        req.prepare_cookies(self.jar)
        return req


def me(base, user, secret):
    return requests.get(base + "/rest/api/2/myself", auth=TrackerSessionAuth(base, user, secret)).json()
`;

  it('__call__ attaches Basic credentials from the environment; the login, its guard and the attributes only it read go (py_compile accepts it)', async () => {
    const result = await fix('tracker_auth.py', AUTH, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('    def __init__(self, base, user, secret):\n        pass\n');
    expect(result.after).toContain('    def __call__(self, req):\n        # JIRA_EMAIL + JIRA_API_TOKEN');
    expect(result.after).toContain('        req.prepare_auth((os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"]))\n        return req\n');
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('self.jar');
    expect(result.after).toContain('auth=TrackerSessionAuth(base, user, secret)');
    expect(result.manual).toEqual([]);
    syntaxCheck('tracker_auth.py', result.after ?? '', '/usr/bin/python3', ['-m', 'py_compile']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('keeps an attribute something else still reads; with --bearer the header is set on the request', async () => {
    const kept = await fix('tracker_auth.py', AUTH.replace('        self.jar = None\n', '        self.jar = None\n        self.timeout = 10\n').replace('timeout=10', 'timeout=self.timeout').replace('        return req\n', '        req.headers["X-Timeout"] = str(self.timeout)\n        return req\n'), 'python');
    expect(kept.after).toContain('        self.timeout = 10\n');
    expect(kept.after).not.toContain('self.login_body');
    const { findings } = await analyzeSource(AUTH, 'python', 'tracker_auth.py');
    const bearer = await fixFile('tracker_auth.py', AUTH, addFingerprints(findings), { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.after).toContain('        req.headers["Authorization"] = "Bearer " + os.environ["JIRA_API_TOKEN"]\n');
  });

  it('refuses when the cookie slot is handed out (a getter would now return None) or the answer goes through a local', async () => {
    const getter = await fix('tracker_auth.py', AUTH.replace('\n\ndef me(', '\n    def cookies(self):\n        return self.jar\n\n\ndef me('), 'python');
    expect(getter.status).toBe('manual');
    expect(getter.manual.map((entry) => entry.finding.ruleId)).toContain('session-login-call');
    const local = await fix('tracker_auth.py', AUTH.replace('            self.jar = requests.post(self.session_url, json=self.login_body, timeout=10).cookies\n', '            answer = requests.post(self.session_url, json=self.login_body, timeout=10)\n            self.jar = answer.cookies\n'), 'python');
    expect(local.status).toBe('manual');
  });
});

describe('Python: login helpers in the same file', () => {
  const SCRIPT = `import os

import requests

BASE = os.environ["JIRA_URL"]


def open_session(user, password):
    s = requests.Session()
    r = s.post(BASE + "/rest/auth/1/session", json={"username": user, "password": password})
    r.raise_for_status()
    return s


def _login(user, password):
    r = requests.post(BASE + "/rest/auth/1/session", json={"username": user, "password": password})
    r.raise_for_status()
    return r.cookies


jar = _login(os.environ["JIRA_USER"], os.environ["JIRA_PASSWORD"])
print(requests.get(BASE + "/rest/api/2/myself", cookies=jar).json()["name"])
print(open_session("a", "b").get(BASE + "/rest/api/2/myself").json()["name"])
`;

  it('a helper returning its session returns it with .auth; a private helper returning the cookie goes with its calls (a local of another function is not a reader)', async () => {
    const result = await fix('helpers.py', SCRIPT, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('    s = requests.Session()\n    # JIRA_EMAIL');
    expect(result.after).toContain('    s.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n    return s\n\n\nprint(');
    expect(result.after).not.toContain('_login');
    expect(result.after).toContain('print(requests.get(BASE + "/rest/api/2/myself", auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])).json()["name"])');
    expect(result.manual).toEqual([]);
    syntaxCheck('helpers.py', result.after ?? '', '/usr/bin/python3', ['-m', 'py_compile']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('keeps a public helper (another module may import it) and one whose answer a kept statement reads (an if)', async () => {
    const open = await fix('helpers.py', SCRIPT.replaceAll('_login', 'login'), 'python');
    expect(open.manual.map((entry) => entry.finding.line)).toEqual([16]);
    expect(open.after).toContain('def login(user, password):');
    const read = await fix('helpers.py', SCRIPT.replace('print(open_session', 'if jar:\n    print("signed in")\nprint(open_session'), 'python');
    expect(read.after ?? SCRIPT).toContain('def _login(user, password):');
    expect(read.manual.map((entry) => entry.finding.line)).toEqual([16]);
  });
});

describe('Python: a private login method that returns the response, called only for its effect', () => {
  const CLIENT = `import requests


class Board:
    def __init__(self, base, user, secret):
        self.base = base
        self.http = requests.Session()
        self._login(user, secret)

    def _login(self, user, secret):
        return self.http.post(self.base + "/rest/auth/1/session", json={"username": user, "password": secret})

    def issue(self, key):
        return self.http.get(self.base + "/rest/api/2/issue/" + key).json()
`;

  it('the return becomes self.http.auth from the environment (nobody reads the response; py_compile accepts it)', async () => {
    const result = await fix('board.py', CLIENT, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('    def _login(self, user, secret):\n        # JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)\n        self.http.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n');
    expect(result.after).toContain('        self._login(user, secret)\n');
    expect(result.manual).toEqual([]);
    syntaxCheck('board.py', result.after ?? '', '/usr/bin/python3', ['-m', 'py_compile']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('keeps it when a caller reads the response, or the method is public', async () => {
    const read = await fix('board.py', CLIENT.replace('        self._login(user, secret)\n', '        self._login(user, secret).raise_for_status()\n'), 'python');
    expect(read.status).toBe('manual');
    expect(read.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('_login() returns the login\'s response');
    const open = await fix('board.py', CLIENT.replaceAll('_login', 'login'), 'python');
    expect(open.status).toBe('manual');
  });
});

describe('Python: aiohttp and httpx sessions', () => {
  const AIO = `import asyncio
import os

import aiohttp

BASE = os.environ["JIRA_URL"]


async def main():
    async with aiohttp.ClientSession(raise_for_status=True) as http:
        await http.post(BASE + "/rest/auth/1/session", json={"username": "ops", "password": os.environ["JIRA_PASSWORD"]})
        async with http.get(BASE + "/rest/api/2/myself") as response:
            print((await response.json())["name"])


asyncio.run(main())
`;

  it('aiohttp: the session is made with auth=aiohttp.BasicAuth (setting .auth later would do nothing); the login goes', async () => {
    const result = await fix('aio.py', AIO, 'python');
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('    async with aiohttp.ClientSession(raise_for_status=True, auth=aiohttp.BasicAuth(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])) as http:\n        async with http.get(');
    expect(result.after).not.toContain('.auth =');
    expect(result.manual).toEqual([]);
    syntaxCheck('aio.py', result.after ?? '', '/usr/bin/python3', ['-m', 'py_compile']);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('aiohttp: a session handed in (annotated) keeps the login, with a note saying how to make it', async () => {
    const source = `import aiohttp


async def login(http: aiohttp.ClientSession, base, user, password):
    await http.post(base + "/rest/auth/1/session", json={"username": user, "password": password})
`;
    const result = await fix('aio.py', source, 'python');
    expect(result.status).toBe('manual');
    expect(result.manual[0]?.note).toBe('`http` is an aiohttp session: make it with aiohttp.ClientSession(auth=aiohttp.BasicAuth(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])), then delete this login.');
  });

  it('httpx: a login through the module itself (httpx.post) is no session: setting httpx.auth would do nothing, so it stays with a note', async () => {
    const source = `import os

import httpx

BASE = os.environ["JIRA_URL"]
httpx.post(BASE + "/rest/auth/1/session", json={"username": "ops", "password": os.environ["JIRA_PASSWORD"]})
print(httpx.get(BASE + "/rest/api/2/myself").json()["name"])
`;
    const result = await fix('hx.py', source, 'python');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
    expect(result.manual.map((entry) => entry.finding.ruleId)).toEqual(['session-login-call']);
  });

  it('self.post(…) sets self.auth only in a class that is a requests.Session; through a helper of its own it stays with a note', async () => {
    const subclass = `import requests


class JiraSession(requests.Session):
    def __init__(self, base, user, secret):
        super().__init__()
        self.post(base + "/rest/auth/1/session", json={"username": user, "password": secret})
`;
    const session = await fix('jira_session.py', subclass, 'python');
    expect(session.after).toContain('        super().__init__()\n        # JIRA_EMAIL');
    expect(session.after).toContain('        self.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n');
    const helper = await fix(
      'api.py',
      subclass.replace('class JiraSession(requests.Session):', 'class Api:').replace('        super().__init__()\n', '        self.http = requests.Session()\n') + '\n    def post(self, url, json):\n        return self.http.post(url, json=json)\n',
      'python',
    );
    expect(helper.status).toBe('manual');
    expect(helper.manual.map((entry) => entry.finding.ruleId)).toContain('session-login-call');
  });

  it('a name bound to a client of its own (api = Tracker(…)) is no session: api.auth would mean nothing to it', async () => {
    const source = `import os

from tracker import Tracker

api = Tracker(os.environ["JIRA_URL"])
api.post("/rest/auth/1/session", json={"username": "ops", "password": os.environ["JIRA_PASSWORD"]})
print(api.get("/rest/api/2/myself"))
`;
    const result = await fix('tracker_cli.py', source, 'python');
    expect(result.status).toBe('manual');
    const made = await fix('tracker_cli.py', source.replace('from tracker import Tracker', 'from requests import Session').replace('Tracker(os.environ["JIRA_URL"])', 'Session()'), 'python');
    expect(made.after).toContain('\napi.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\n');
  });

  it('httpx: a Client made here gets .auth (httpx accepts a tuple there)', async () => {
    const source = `import os

import httpx

client = httpx.Client(base_url=os.environ["JIRA_URL"])
client.post("/rest/auth/1/session", json={"username": "ops", "password": os.environ["JIRA_PASSWORD"]})
print(client.get("/rest/api/2/myself").json()["name"])
`;
    const result = await fix('hx.py', source, 'python');
    expect(result.after).toContain('\nclient.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\nprint(');
    syntaxCheck('hx.py', result.after ?? '', '/usr/bin/python3', ['-m', 'py_compile']);
  });
});

describe('Python: the notes of logins fix leaves to a person', () => {
  const CLIENT = `import requests


class Tracker:
    def __init__(self, base, http):
        self.base = base
        self.http = http
        self.own = requests.Session()

    def login(self, user, secret):
        return self.own.post(self.base + "/rest/auth/1/session", json={"username": user, "password": secret})

    def login_with(self, user, secret):
        self.http.post(self.base + "/rest/auth/1/session", json={"username": user, "password": secret})

    def logout(self):
        return self.own.delete(self.base + "/rest/auth/1/session").ok


def session_cookie(base, user, secret):
    r = requests.post(base + "/rest/auth/1/session", json={"username": user, "password": secret})
    return {r.json()["session"]["name"]: r.json()["session"]["value"]}
`;

  it('a GET of the session (who is signed in) is pointed at /rest/api/2/myself', async () => {
    const source = `import os

import requests

answer = requests.get(os.environ["JIRA_URL"] + "/rest/auth/latest/session", auth=(os.environ["JIRA_USER"], os.environ["JIRA_PASSWORD"]))
print(answer.json())
`;
    const result = await fix('who.py', source, 'python');
    expect(result.status).toBe('manual');
    expect(result.manual[0]?.note).toBe(
      'This GET reads the session resource (who is signed in): read "/rest/api/2/myself" instead, with auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"]) (its answer has name, emailAddress and displayName, not the session\'s loginInfo: check what the code reads).',
    );
  });

  it('says what to write where: a login returning its response, a session handed in, a logout, a helper returning the cookie', async () => {
    const result = await fix('tracker.py', CLIENT, 'python');
    const notes = new Map(result.manual.filter((entry) => entry.finding.ruleId === 'session-login-call').map((entry) => [entry.finding.line, entry.note]));
    expect(notes.get(11)).toBe(
      'login() returns the login\'s response to callers this file does not show: put `self.own.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])` in place of this return (every call on self.own then authenticates) once no caller reads that response (it would get None).',
    );
    expect(notes.get(14)).toContain('The session `self.http` comes from the code that calls Tracker(…): give it the credentials where it is made');
    expect(notes.get(17)).toBe('This ends the cookie session (a logout); API tokens have no session to end: delete this call, and make logout() return what its callers expect without it.');
    expect(notes.get(21)).toContain('session_cookie() hands this login\'s answer (the session or its cookie) to callers this file does not show: make each of them send auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])');
  });
});

describe('Groovy: RestAssured SessionFilter and session cookies (read with the JavaScript grammar)', () => {
  const SCRIPT = `import io.restassured.filter.session.SessionFilter

import static io.restassured.RestAssured.given

def board = new SessionFilter()

given().contentType('application/json').body('{"username":"ci","password":"ci-pw-52"}').filter(board).post('/rest/auth/1/session')

def sprint = given().filter(board).get('/rest/agile/1.0/board/7/sprint')
println sprint.statusCode
`;

  it('the login goes, .filter(session) becomes preemptive basic auth, the filter and its import go', async () => {
    const result = await fix('board.groovy', SCRIPT, 'groovy');
    expect(result.status).toBe('rewritten');
    expect(result.after).toBe(`import static io.restassured.RestAssured.given

// JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
def sprint = given().auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN")).get('/rest/agile/1.0/board/7/sprint')
println sprint.statusCode
`);
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 7, removed: true }]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it("a session cookie handed to .cookie('JSESSIONID', …) becomes the Authorization header with --bearer", async () => {
    const source = `import static io.restassured.RestAssured.given

class Watchers {
    void watch(String key) {
        def id = given().body('{"username":"ci","password":"ci-pw-53"}').post('/rest/auth/1/session').then().extract().cookie('JSESSIONID')
        given().cookie('JSESSIONID', id).post("/rest/api/2/issue/\${key}/watchers")
    }
}
`;
    const { findings } = await analyzeSource(source, 'groovy', 'Watchers.groovy');
    const result = await fixFile('Watchers.groovy', source, addFingerprints(findings), { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(result.status).toBe('rewritten');
    expect(result.after).toContain('        given().header("Authorization", "Bearer " + System.getenv("JIRA_API_TOKEN")).post(');
    expect(result.after).not.toContain('def id');
    expect(result.after).not.toContain('/rest/auth/1/session');
  });

  it('refuses when the SessionFilter is handed to a helper (its requests would lose the session)', async () => {
    const source = SCRIPT.replace('println sprint.statusCode', 'Checks.myself(board)\nprintln sprint.statusCode');
    const result = await fix('board.groovy', source, 'groovy');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^Remove this session login; send the header "Authorization"/);
  });
});

describe('Groovy: curl session logins in Jenkins sh steps', () => {
  const JENKINSFILE = String.raw`pipeline {
  agent any
  environment {
    TRACKER = 'https://tracker.example.org'
  }
  stages {
    stage('Release note') {
      steps {
        sh """
          curl -s -c jar.txt -H 'Content-Type: application/json' \\
            -d '{"username":"\${BOT_USER}","password":"\${BOT_PASS}"}' \\
            \$TRACKER/rest/auth/1/session
          curl -s -b jar.txt -X POST -H 'Content-Type: application/json' \\
            -d '{"body":"released"}' "\$TRACKER/rest/api/2/issue/\${ISSUE}/comment"
        """
        sh 'curl -s -b jar.txt "$TRACKER/rest/api/2/myself" > me.json'
      }
    }
  }
}
`;

  /** The script a `"""` step hands the shell: Groovy's `\$` and `\\` undone. */
  function stepScript(groovy: string, opening: string): string {
    const start = groovy.indexOf(opening) + opening.length;
    return groovy.slice(start, groovy.indexOf('"""', start)).replace(/\\([\\$])/g, '$1');
  }

  it('the login goes; each curl that read the jar sends -u, escaped as each step string needs (bash -n accepts it)', async () => {
    const result = await fix('Jenkinsfile', JENKINSFILE, 'groovy');
    expect(result.status).toBe('rewritten');
    expect(result.after).toBe(String.raw`pipeline {
  agent any
  environment {
    TRACKER = 'https://tracker.example.org'
  }
  stages {
    stage('Release note') {
      steps {
        sh """
          # JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
          curl -s -u "\$JIRA_EMAIL:\$JIRA_API_TOKEN" -X POST -H 'Content-Type: application/json' \\
            -d '{"body":"released"}' "\$TRACKER/rest/api/2/issue/\${ISSUE}/comment"
        """
        sh 'curl -s -u "$JIRA_EMAIL:$JIRA_API_TOKEN" "$TRACKER/rest/api/2/myself" > me.json'
      }
    }
  }
}
`);
    expect(result.manual).toEqual([]);
    expect(await secondRunChanges(result)).toBe(false);
    const script = stepScript(result.after ?? '', 'sh """');
    expect(script).toContain('curl -s -u "$JIRA_EMAIL:$JIRA_API_TOKEN" -X POST');
    expect(syntaxCheck('step.sh', script, 'bash', ['-n'])).toBe('');
  });

  it('refuses a script the bash grammar cannot read (a Groovy ${…} interpolation) and says what to write', async () => {
    const source = JENKINSFILE.replace(String.raw`\${ISSUE}`, '${params.ISSUE}');
    const result = await fix('Jenkinsfile', source, 'groovy');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toBe(
      String.raw`In this """ sh step: delete the curl session login and its cookie jar, and give every curl that read the jar -u "\$JIRA_EMAIL:\$JIRA_API_TOKEN" instead of -b.`,
    );
  });
});

describe('YAML CI scripts: rewritten where YAML keeps the edit, else a precise note', () => {
  const WORKFLOW = String.raw`name: Close ticket
on: [push]
jobs:
  close:
    runs-on: ubuntu-latest
    steps:
      - name: Sign in
        run: |
          curl -s -c session.txt -H 'Content-Type: application/json' -d '{"username":"bot","password":"bot-pw-8"}' "$TRACKER/rest/auth/1/session"
      - name: Resolve
        run: |
          curl -s -b session.txt -X POST -d '{"transition":{"id":"5"}}' "$TRACKER/rest/api/2/issue/OPS-4/transitions"
`;

  it('the login step of a run: script goes, the next curl sends -u, and the job gets the variables (yaml-shell.ts)', async () => {
    const result = await fix('.github/workflows/close.yml', WORKFLOW, 'yaml');
    expect(result.status).toBe('rewritten');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('curl -s -u "$JIRA_EMAIL:$JIRA_API_TOKEN" -X POST');
    expect(result.after).toContain('    env:\n      JIRA_EMAIL: ${{ secrets.JIRA_EMAIL }}\n');
  });

  it('a login step a later step reads (by its id) is left, and the note says what to delete, what each curl sends instead, and which variables the job needs', async () => {
    const read = WORKFLOW.replace('      - name: Sign in\n', '      - name: Sign in\n        id: signin\n').replace('      - name: Resolve\n', "      - name: Resolve\n        if: steps.signin.outcome == 'success'\n");
    const result = await fix('.github/workflows/close.yml', read, 'yaml');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toBe(
      'CI script (fix could not rewrite it safely): delete this curl session login and the cookie jar it writes (-c FILE); every later curl of the job that reads the jar (-b FILE) sends -u "$JIRA_EMAIL:$JIRA_API_TOKEN" instead; give the job the variables (GitHub Actions: env: { JIRA_EMAIL: ${{ secrets.JIRA_EMAIL }}, JIRA_API_TOKEN: ${{ secrets.JIRA_API_TOKEN }} } on the job; GitLab CI: masked CI/CD variables JIRA_EMAIL, JIRA_API_TOKEN).',
    );
  });

  it('a session path outside any script (application config) keeps the general note', async () => {
    const source = 'tracker:\n  base: https://tracker.example.org\n  login: /rest/auth/1/session\n';
    const result = await fix('config/application.yml', source, 'yaml');
    expect(result.status).toBe('manual');
    expect(result.manual.map((entry) => entry.note).join('\n')).not.toContain('CI script');
  });
});

describe('Kotlin: a hand-made okhttp login whose cookie feeds a Cookie header', () => {
  const CLIENT = String.raw`import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

fun main() {
    val http = OkHttpClient()
    val base = System.getenv("TRACKER_URL")
    val login = Request.Builder().url("$base/rest/auth/1/session").post("{\"username\":\"ops\",\"password\":\"ops-pw-4\"}".toRequestBody()).build()
    val cookie = http.newCall(login).execute().use { it.header("Set-Cookie") }
    val request = Request.Builder().url("$base/rest/api/2/myself").header("Cookie", cookie!!).build()
    println(http.newCall(request).execute().body?.string())
}
`;

  it('drops the login and its reading; the header sends Basic credentials from the environment', async () => {
    const result = await fix('Main.kt', CLIENT, 'kotlin');
    expect(result.status).toBe('rewritten');
    expect(result.after).toBe(String.raw`import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

fun main() {
    val http = OkHttpClient()
    val base = System.getenv("TRACKER_URL")
    // JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
    val request = Request.Builder().url("$base/rest/api/2/myself").header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).toByteArray())).build()
    println(http.newCall(request).execute().body?.string())
}
`);
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 8, removed: true }]);
    expect(await secondRunChanges(result)).toBe(false);
  });

  it('refuses when the cookie is read elsewhere (a check that stays), and says which header to send', async () => {
    const source = CLIENT.replace('    val request', '    if (cookie == null) error("no session")\n    val request');
    const result = await fix('Main.kt', source, 'kotlin');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^Remove this session login; send the header "Authorization", "Basic " \+ java\.util\.Base64/);
  });
});
