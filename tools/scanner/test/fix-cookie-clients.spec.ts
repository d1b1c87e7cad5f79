/**
 * `fix` on clients that keep the login's session cookie themselves and send it on their later requests: a
 * java.net.http HttpClient built with a cookie handler (Java, Kotlin), a net/http Client with a cookie jar. Shapes from public
 * code (docs/scanner-corpus.md, "Clients that keep the cookie"), written as our own fixtures. Each rewrite is checked
 * by the language's own compiler where the code needs only the standard library.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

function available(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Runs `command args… file` in a fresh folder holding `text` as `name`; throws with the compiler's output when it refuses. */
function compile(name: string, text: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-cookie-clients-'));
  try {
    writeFileSync(join(folder, name), text);
    execFileSync(command, [...args, name], { cwd: folder, stdio: 'pipe', env });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const BASIC_JAVA = '"Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).getBytes(java.nio.charset.StandardCharsets.UTF_8))';

/** The note of the login left because a request of the client that kept its cookie may go to another host. */
function elsewhereNote(result: { manual: { finding: { ruleId: string }; note: string }[] }): string | undefined {
  return result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note;
}

// javac and go vet on a loaded machine take seconds each.
jest.setTimeout(120_000);

describe('Java: a java.net.http HttpClient whose cookie handler kept the session', () => {
  const FIELD = `import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Boards {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    public String boards(String base) throws Exception {
        HttpRequest login = HttpRequest.newBuilder(URI.create(base + "/rest/auth/1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\\"username\\":\\"agile\\",\\"password\\":\\"agile-pass-1\\"}"))
                .build();
        http.send(login, HttpResponse.BodyHandlers.discarding());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/rest/agile/1.0/board")).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
`;

  it('the login and its request go; the request sent later through the client builds with the Authorization header (javac compiles it)', async () => {
    const result = await scanAndFix('Boards.java', FIELD, 'java');
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 13, removed: true }]);
    const after = result.after ?? '';
    expect(after).not.toMatch(/agile-pass-1|\/rest\/auth|HttpRequest login/);
    expect(after).toContain(`HttpRequest.newBuilder(URI.create(base + "/rest/agile/1.0/board")).GET().header("Authorization", ${BASIC_JAVA}).build();`);
    await expectCleanAndStable(result, 'java');
    if (available('javac', ['-version'])) compile('Boards.java', after, 'javac', ['-d', '.']);
    const bearer = await scanAndFix('Boards.java', FIELD, 'java', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.after).toContain('.GET().header("Authorization", "Bearer " + System.getenv("JIRA_API_TOKEN")).build();');
  });

  it('a local client, the login request written in the send, and a request built in the send call', async () => {
    const source = `import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

class Sync {
    static void run(String base, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .build();
        client.send(HttpRequest.newBuilder()
                .uri(URI.create(base + "/rest/auth/1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> issues = client.send(HttpRequest.newBuilder()
                .uri(URI.create(base + "/rest/api/2/search?jql=project=OPS"))
                .build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(issues.body());
    }
}
`;
    const result = await scanAndFix('Sync.java', source, 'java');
    expect(result.manual).toEqual([]);
    const after = result.after ?? '';
    expect(after).not.toContain('/rest/auth/1/session');
    expect(after).toContain(`.uri(URI.create(base + "/rest/api/2/search?jql=project=OPS"))\n                .header("Authorization", ${BASIC_JAVA}).build(), HttpResponse.BodyHandlers.ofString());`);
    await expectCleanAndStable(result, 'java');
    if (available('javac', ['-version'])) compile('Sync.java', after, 'javac', ['-d', '.']);
  });

  it('refuses when the client is handed on, or a request it sends is built elsewhere (its header would not be in view)', async () => {
    const handedOn = FIELD.replace('        return http.send(', '        Worker.use(http);\n        return http.send(');
    expect((await scanAndFix('Boards.java', handedOn, 'java')).status).toBe('manual');
    const helper = FIELD.replace('http.send(request, ', 'http.send(board(base), ').replace('        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/rest/agile/1.0/board")).GET().build();\n', '');
    const refused = await scanAndFix('Boards.java', helper, 'java');
    expect(refused.status).toBe('manual');
    expect(refused.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Remove this session login');
  });

  it('refuses when the client also sends a request to another host or to a URL the code does not show, naming that request', async () => {
    const webhook = FIELD.replace('        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();', '        http.send(HttpRequest.newBuilder(URI.create("https://hooks.slack.com/services/T0/B0/x")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());\n        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();');
    const other = await scanAndFix('Boards.java', webhook, 'java');
    expect(other.status).toBe('manual');
    expect(other.after).toBeUndefined();
    expect(elsewhereNote(other)).toMatch(/^Not rewritten: the client that kept this login's cookie also sends the request on line 17 to https:\/\/hooks\.slack\.com, not provably the login's origin \(a URL built from `base`\)/);
    // The webhook's path (its secret) stays out of the note.
    expect(elsewhereNote(other)).not.toContain('services/T0');
    const unknown = FIELD.replace('public String boards(String base)', 'public String boards(String base, String target)').replace('URI.create(base + "/rest/agile/1.0/board")', 'URI.create(target)');
    const refused = await scanAndFix('Boards.java', unknown, 'java');
    expect(refused.status).toBe('manual');
    expect(elsewhereNote(refused)).toContain('also sends the request on line 17 to a URL built from `target`');
    // Another base spliced before the path, or a literal host not the login's, is no proof either.
    const literal = await scanAndFix('Post.java', REUSED.replace('https://jira.example.com/rest/api/2/myself', 'https://api.example.net/v1/notify'), 'java');
    expect(elsewhereNote(literal)).toContain('to https://api.example.net, not provably the login\'s origin (https://jira.example.com)');
  });

  it('a field base proves the origin; a loop variable of the same name does not (it is not the field)', async () => {
    const field = FIELD.replace('    public String boards(String base) throws Exception {', '    private final String base = System.getenv("JIRA_URL");\n\n    public String boards() throws Exception {');
    expect((await scanAndFix('Boards.java', field, 'java')).manual).toEqual([]);
    const loop = field.replace('        return http.send(request, ', '        for (String base : java.util.List.of("https://mirror.example.org")) http.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(), HttpResponse.BodyHandlers.discarding());\n        return http.send(request, ');
    const refused = await scanAndFix('Boards.java', loop, 'java');
    expect(refused.status).toBe('manual');
    expect(elsewhereNote(refused)).toContain('also sends the request on line 19 to a URL whose host the code does not show');
  });

  it('same origin proven through String.format, URI.resolve and the same literal host', async () => {
    const format = FIELD.replace('URI.create(base + "/rest/agile/1.0/board")', 'URI.create(String.format("%s/rest/agile/1.0/board/%d", base, 7))');
    expect((await scanAndFix('Boards.java', format, 'java')).manual).toEqual([]);
    const resolved = FIELD.replace('URI.create(base + "/rest/agile/1.0/board")', 'URI.create(base).resolve("/rest/agile/1.0/board")');
    expect((await scanAndFix('Boards.java', resolved, 'java')).manual).toEqual([]);
  });

  it("another method's own client of the same name (a local) is not the field: its request gets no header", async () => {
    const other = FIELD.replace('\n}\n', `
    public String status() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(URI.create("https://status.example.org/api")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
`);
    const result = await scanAndFix('Boards.java', other, 'java');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('HttpRequest.newBuilder(URI.create("https://status.example.org/api")).build()');
    expect(result.after?.match(/"Authorization"/g)).toHaveLength(1);
    await expectCleanAndStable(result, 'java');
  });

  it('a client without a cookie handler kept no session: a login through it alone is left to a person', async () => {
    const plain = FIELD.replace('HttpClient.newBuilder().cookieHandler(new CookieManager()).build()', 'HttpClient.newHttpClient()');
    expect((await scanAndFix('Boards.java', plain, 'java')).status).toBe('manual');
  });

  const REUSED = `import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Post {
    public static void main(String[] args) throws Exception {
        CookieHandler.setDefault(new CookieManager());
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(CookieHandler.getDefault())
                .build();
        HttpRequest request = HttpRequest.newBuilder()
                .uri(URI.create("https://jira.example.com/rest/auth/1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\\"username\\":\\"ops\\",\\"password\\":\\"ops-pass-2\\"}"))
                .build();
        HttpResponse<String> resp = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(resp.statusCode());

        request = HttpRequest.newBuilder()
                .uri(URI.create("https://jira.example.com/rest/api/2/myself"))
                .GET()
                .build();
        resp = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(resp.body());
    }
}
`;

  it('request and response locals bound again for the next request: the first kept assignment declares them (javac compiles it)', async () => {
    const result = await scanAndFix('Post.java', REUSED, 'java');
    expect(result.manual).toEqual([]);
    const after = result.after ?? '';
    expect(after).not.toMatch(/ops-pass-2|\/rest\/auth|statusCode/);
    expect(after).toContain(`        HttpRequest request = HttpRequest.newBuilder()\n                .uri(URI.create("https://jira.example.com/rest/api/2/myself"))\n                .GET()\n                .header("Authorization", ${BASIC_JAVA}).build();\n        HttpResponse<String> resp = client.send(request, `);
    await expectCleanAndStable(result, 'java');
    if (available('javac', ['-version'])) compile('Post.java', after, 'javac', ['-d', '.']);
  });

  it('refuses when the next request is bound in a branch (the send would not know which request it sends)', async () => {
    const branch = REUSED.replace('        request = HttpRequest.newBuilder()', '        if (args.length > 0) request = HttpRequest.newBuilder()');
    expect((await scanAndFix('Post.java', branch, 'java')).status).toBe('manual');
    // The login in a request of its own, the next one declared and then bound again in a branch.
    const own = REUSED.replace('HttpRequest request = HttpRequest.newBuilder()\n                .uri(URI.create("https://jira.example.com/rest/auth', 'HttpRequest login = HttpRequest.newBuilder()\n                .uri(URI.create("https://jira.example.com/rest/auth')
      .replace('client.send(request, HttpResponse.BodyHandlers.ofString());\n        System.out.println(resp.statusCode());', 'client.send(login, HttpResponse.BodyHandlers.ofString());\n        System.out.println(resp.statusCode());\n        HttpRequest request = HttpRequest.newBuilder(URI.create("https://jira.example.com/rest/api/2/serverInfo")).build();')
      .replace('        request = HttpRequest.newBuilder()', '        if (args.length > 0) request = HttpRequest.newBuilder()');
    expect(own).toContain('if (args.length > 0) request =');
    const refused = await scanAndFix('Post.java', own, 'java');
    expect(refused.status).toBe('manual');
    expect(refused.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Remove this session login');
  });

  it('the cookie taken from Set-Cookie and sent as a Cookie header on the next HttpRequest becomes the Authorization header', async () => {
    const source = `import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Sprints {
    public static void main(String[] args) throws Exception {
        String base = System.getenv("JIRA_URL");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest login = HttpRequest.newBuilder()
                .uri(URI.create(base + "/rest/auth/1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\\"username\\":\\"agile\\",\\"password\\":\\"agile-pass-2\\"}"))
                .build();
        HttpResponse<String> session = client.send(login, HttpResponse.BodyHandlers.ofString());
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow();
        HttpRequest board = HttpRequest.newBuilder()
                .uri(URI.create(base + "/rest/agile/1.0/board"))
                .header("Cookie", cookie)
                .build();
        System.out.println(client.send(board, HttpResponse.BodyHandlers.ofString()).body());
    }
}
`;
    const result = await scanAndFix('Sprints.java', source, 'java');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toMatch(/agile-pass-2|cookie|session/i);
    expect(result.after).toContain(`.header("Authorization", ${BASIC_JAVA})`);
    await expectCleanAndStable(result, 'java');
    if (available('javac', ['-version'])) compile('Sprints.java', result.after ?? '', 'javac', ['-d', '.']);
  });
});

describe('Java: an Apache HttpClient context whose cookie store kept the session', () => {
  const CONTEXT = `import org.apache.http.client.CookieStore;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.BasicCookieStore;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

public class Myself {
    public static void main(String[] args) throws Exception {
        String base = System.getenv("JIRA_URL");
        try (CloseableHttpClient client = HttpClients.createDefault()) {
            CookieStore cookieStore = new BasicCookieStore();
            HttpClientContext context = HttpClientContext.create();
            context.setCookieStore(cookieStore);
            HttpPost login = new HttpPost(base + "/rest/auth/1/session");
            login.setEntity(new StringEntity("{\\"username\\":\\"ops\\",\\"password\\":\\"ops-pass-3\\"}", ContentType.APPLICATION_JSON));
            client.execute(login, context).close();
            HttpGet get = new HttpGet(base + "/rest/api/2/myself");
            try (CloseableHttpResponse response = client.execute(get, context)) {
                System.out.println(EntityUtils.toString(response.getEntity()));
            }
        }
    }
}
`;

  it('the login goes; each other request executed with the context sets the Authorization header first', async () => {
    const result = await scanAndFix('Myself.java', CONTEXT, 'java');
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 21, removed: true }]);
    const after = result.after ?? '';
    expect(after).not.toMatch(/ops-pass-3|HttpPost login|\/rest\/auth/);
    expect(after).toMatch(new RegExp(`get\\.setHeader\\("Authorization", ${BASIC_JAVA.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\);\\n            try \\(CloseableHttpResponse response = client\\.execute\\(get, context\\)\\)`));
    await expectCleanAndStable(result, 'java');
  });

  it('refuses when a request executed with the context goes to another host or to a URL the code does not show', async () => {
    const other = await scanAndFix('Myself.java', CONTEXT.replace('new HttpGet(base + "/rest/api/2/myself")', 'new HttpGet("https://hooks.slack.com/services/T1/B1/y")'), 'java');
    expect(other.status).toBe('manual');
    expect(elsewhereNote(other)).toContain('also sends the request on line 24 to https://hooks.slack.com, not provably the login\'s origin (a URL built from `base`)');
    const parameter = await scanAndFix('Myself.java', CONTEXT.replace('new HttpGet(base + "/rest/api/2/myself")', 'new HttpGet(args[0])'), 'java');
    expect(elsewhereNote(parameter)).toContain('also sends the request on line 24 to a URL built from `args[0]`');
    const unknown = await scanAndFix('Myself.java', CONTEXT.replace('new HttpGet(base + "/rest/api/2/myself")', 'new HttpGet(Targets.next())'), 'java');
    expect(elsewhereNote(unknown)).toContain('also sends the request on line 24 to a URL whose host the code does not show');
  });

  it('refuses when the context is handed on, its cookie store read, a request built in the call, or nothing else executed with it', async () => {
    const handed = CONTEXT.replace('            HttpGet get =', '            Poller.watch(client, context);\n            HttpGet get =');
    expect((await scanAndFix('Myself.java', handed, 'java')).status).toBe('manual');
    const inline = CONTEXT.replace('client.execute(get, context)', 'client.execute(new HttpGet(base + "/rest/api/2/serverInfo"), context)');
    expect((await scanAndFix('Myself.java', inline, 'java')).status).toBe('manual');
    const alone = CONTEXT.replace('client.execute(get, context)', 'client.execute(get)');
    expect((await scanAndFix('Myself.java', alone, 'java')).status).toBe('manual');
    const storeRead = CONTEXT.replace('            HttpGet get =', '            System.out.println(cookieStore.getCookies());\n            HttpGet get =');
    expect((await scanAndFix('Myself.java', storeRead, 'java')).status).toBe('manual');
  });
});

const BASIC_KOTLIN = '"Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).toByteArray())';

describe('Kotlin: a java.net.http HttpClient whose cookie handler kept the session', () => {
  const PROPERTY = `import java.net.CookieManager
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

class Boards(private val base: String) {
    private val http = HttpClient.newBuilder().cookieHandler(CookieManager()).build()

    fun boards(body: String): String {
        http.send(
            HttpRequest.newBuilder(URI("$base/rest/auth/1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding(),
        )
        val request = HttpRequest.newBuilder(URI("$base/rest/agile/1.0/board")).GET().build()
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body()
    }
}
`;

  it('the login send goes; the request sent later through the client builds with the Authorization header', async () => {
    const result = await scanAndFix('Boards.kt', PROPERTY, 'kotlin');
    expect(result.manual).toEqual([]);
    const after = result.after ?? '';
    expect(after).not.toContain('/rest/auth/1/session');
    expect(after).toContain(`val request = HttpRequest.newBuilder(URI("$base/rest/agile/1.0/board")).GET().header("Authorization", ${BASIC_KOTLIN}).build()`);
    await expectCleanAndStable(result, 'kotlin');
  });

  it('a local client and a login request in a val: both requests built in view', async () => {
    const source = `import java.net.CookieManager
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

fun issues(base: String, body: String): String {
    val client = HttpClient.newBuilder().cookieHandler(CookieManager()).build()
    val login = HttpRequest.newBuilder(URI("$base/rest/auth/1/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build()
    client.send(login, HttpResponse.BodyHandlers.discarding())
    return client.send(HttpRequest.newBuilder(URI("$base/rest/api/2/search")).build(), HttpResponse.BodyHandlers.ofString()).body()
}
`;
    const result = await scanAndFix('Issues.kt', source, 'kotlin');
    expect(result.manual).toEqual([]);
    expect(result.after).not.toMatch(/val login|\/rest\/auth/);
    expect(result.after).toContain(`client.send(HttpRequest.newBuilder(URI("$base/rest/api/2/search")).header("Authorization", ${BASIC_KOTLIN}).build(), HttpResponse.BodyHandlers.ofString())`);
    await expectCleanAndStable(result, 'kotlin');
  });

  it('refuses when the client also sends a request to another host or to a URL parameter, naming that request', async () => {
    const other = await scanAndFix('Boards.kt', PROPERTY.replace('URI("$base/rest/agile/1.0/board")', 'URI("https://hooks.slack.com/services/T2/B2/z")'), 'kotlin');
    expect(other.status).toBe('manual');
    expect(elsewhereNote(other)).toContain('also sends the request on line 19 to https://hooks.slack.com, not provably the login\'s origin (a URL built from `base`)');
    const unknown = await scanAndFix('Boards.kt', PROPERTY.replace('fun boards(body: String)', 'fun boards(body: String, target: String)').replace('URI("$base/rest/agile/1.0/board")', 'URI(target)'), 'kotlin');
    expect(elsewhereNote(unknown)).toContain('also sends the request on line 19 to a URL built from `target`');
  });

  it("another function's local client of the same name gets no header", async () => {
    const other = PROPERTY.replace('\n}\n', `

    fun status(): String {
        val http = HttpClient.newHttpClient()
        return http.send(HttpRequest.newBuilder(URI("https://status.example.org/api")).build(), HttpResponse.BodyHandlers.ofString()).body()
    }
}
`);
    const result = await scanAndFix('Boards.kt', other, 'kotlin');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('HttpRequest.newBuilder(URI("https://status.example.org/api")).build()');
    expect(result.after?.match(/"Authorization"/g)).toHaveLength(1);
    await expectCleanAndStable(result, 'kotlin');
  });

  it('refuses when the client is handed on, or a request comes from elsewhere (a var, a helper)', async () => {
    const handed = PROPERTY.replace('        return http.send(', '        Worker(http).start()\n        return http.send(');
    expect((await scanAndFix('Boards.kt', handed, 'kotlin')).status).toBe('manual');
    const reassigned = PROPERTY.replace('val request = ', 'var request = ');
    expect((await scanAndFix('Boards.kt', reassigned, 'kotlin')).status).toBe('manual');
    const plain = PROPERTY.replace('HttpClient.newBuilder().cookieHandler(CookieManager()).build()', 'HttpClient.newHttpClient()');
    expect((await scanAndFix('Boards.kt', plain, 'kotlin')).status).toBe('manual');
  });
});

/** gofmt -l -e (syntax and layout), then `go vet` (Go refuses unused variables and imports), with a throwaway cache. */
function goChecks(text: string): void {
  if (available('gofmt', ['-h'])) {
    const folder = mkdtempSync(join(tmpdir(), 'tokenshift-gofmt-'));
    try {
      writeFileSync(join(folder, 'main.go'), text);
      expect(execFileSync('gofmt', ['-l', '-e', 'main.go'], { cwd: folder, encoding: 'utf8' })).toBe('');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  if (!available('go', ['version'])) return;
  const cache = mkdtempSync(join(tmpdir(), 'tokenshift-gocache-'));
  try {
    compile('main.go', text, 'go', ['vet'], { ...process.env, GOCACHE: cache, GOPATH: join(cache, 'path'), GO111MODULE: 'off', GOFLAGS: '' });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

describe('Go: a net/http Client whose cookie jar kept the session', () => {
  const JAR = `package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"strings"
)

func main() {
	base := os.Getenv("JIRA_URL")
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	login, err := http.NewRequest(http.MethodPost, base+"/rest/auth/1/session", strings.NewReader(\`{"username":"ops","password":"ops-pass-1"}\`))
	if err != nil {
		panic(err)
	}
	login.Header.Set("Content-Type", "application/json")
	if _, err := client.Do(login); err != nil {
		panic(err)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/rest/api/2/myself", nil)
	res, err := client.Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	me, _ := io.ReadAll(res.Body)
	fmt.Println(string(me))
}
`;

  it('the login, its check and its header go; each later client.Do(req) has req.SetBasicAuth before it; "strings" goes (go vet accepts it)', async () => {
    const result = await scanAndFix('main.go', JAR, 'go');
    expect(result.manual).toEqual([]);
    expect(result.passwords.every((password) => password.removed)).toBe(true);
    const after = result.after ?? '';
    expect(after).not.toMatch(/ops-pass-1|login|"strings"/);
    expect(after).toMatch(/\treq.SetBasicAuth\(os.Getenv\("JIRA_EMAIL"\), os.Getenv\("JIRA_API_TOKEN"\)\)\n\tres, err := client.Do\(req\)/);
    await expectCleanAndStable(result, 'go');
    goChecks(after);
    const bearer = await scanAndFix('main.go', JAR, 'go', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.after).toContain('\treq.Header.Set("Authorization", "Bearer "+os.Getenv("JIRA_API_TOKEN"))\n\tres, err := client.Do(req)');
  });

  it('refuses when the client also sends a request with no request value to authenticate (client.Get), or is handed on', async () => {
    const get = JAR.replace('\treq, _ := http.NewRequest(http.MethodGet, base+"/rest/api/2/myself", nil)\n\tres, err := client.Do(req)', '\tres, err := client.Get(base + "/rest/api/2/myself")');
    expect((await scanAndFix('main.go', get, 'go')).status).toBe('manual');
    const handed = JAR.replace('\tdefer res.Body.Close()\n', '\tdefer res.Body.Close()\n\tpoll(client)\n');
    expect((await scanAndFix('main.go', handed, 'go')).status).toBe('manual');
  });

  it('refuses when the client also sends a request to another host or to a URL the code does not show, naming that request', async () => {
    const other = await scanAndFix('main.go', JAR.replace('base+"/rest/api/2/myself"', '"https://hooks.slack.com/services/T3/B3/w"'), 'go');
    expect(other.status).toBe('manual');
    expect(elsewhereNote(other)).toContain('also sends the request on line 25 to https://hooks.slack.com, not provably the login\'s origin (a URL built from `base`)');
    const unknown = await scanAndFix('main.go', JAR.replace('base+"/rest/api/2/myself"', 'os.Args[1]'), 'go');
    expect(elsewhereNote(unknown)).toContain('also sends the request on line 25 to a URL whose host the code does not show');
    const sprintf = await scanAndFix('main.go', JAR.replace('base+"/rest/api/2/myself"', 'fmt.Sprintf("%s/rest/api/2/issue/%s", base, "OPS-1")'), 'go');
    expect(sprintf.manual).toEqual([]);
  });

  it('a client without a jar kept no session: a login through it alone is left to a person', async () => {
    const plain = JAR.replace('\tjar, _ := cookiejar.New(nil)\n\tclient := &http.Client{Jar: jar}', '\tclient := &http.Client{}').replace('\t"net/http/cookiejar"\n', '');
    expect((await scanAndFix('main.go', plain, 'go')).status).toBe('manual');
  });
});
