/**
 * `fix` on same-file login shapes of the clients people write by hand (a login, then calls that carry its cookie in
 * the same method or script), one family per describe: chained builders, the cookie kept in a variable, a header
 * set through a library constant. Each rewrite must parse with the language's own checker where the machine has one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSource } from '../src/analyze-file';
import { addFingerprints } from '../src/fingerprint';
import type { LanguageId } from '../src/model';
import { fixFile, type FileFix } from '../src/fix/fix-file';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import { goVet, removeGoCache } from './go-vet';

async function fix(file: string, source: string, language: LanguageId, options = DEFAULT_FIX_OPTIONS): Promise<FileFix> {
  const { findings } = await analyzeSource(source, language, file);
  expect(findings.length).toBeGreaterThan(0);
  return fixFile(file, source, addFingerprints(findings), options);
}

/** The rewrite is rewritten, clears every finding, and a second run finds nothing left to change. */
async function fixesAll(file: string, source: string, language: LanguageId): Promise<string> {
  const result = await fix(file, source, language);
  expect(result.manual).toEqual([]);
  expect(result.status).toBe('rewritten');
  const after = result.after ?? '';
  const again = await analyzeSource(after, language, file);
  if (again.findings.length) expect((await fixFile(file, after, addFingerprints(again.findings), DEFAULT_FIX_OPTIONS)).status).not.toBe('rewritten');
  return after;
}

function has(command: string): boolean {
  try {
    execFileSync(command, ['-version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Runs a syntax checker on the text saved as `name`; throws with its output when it refuses. */
function syntaxCheck(name: string, text: string, command: string, args: string[]): void {
  const folder = mkdtempSync(join(tmpdir(), 'tokenshift-same-file-'));
  try {
    writeFileSync(join(folder, name), text);
    execFileSync(command, [...args, join(folder, name)], { encoding: 'utf8', stdio: 'pipe', cwd: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** javac stopped after parsing: the libraries the code imports (Spring, okhttp…) are not on this machine. */
function javaParses(name: string, text: string): void {
  if (has('javac')) syntaxCheck(name, text, 'javac', ['-XDshould-stop.ifNoError=PARSE', '-XDshould-stop.ifError=PARSE', '-d', tmpdir()]);
}

const BASIC_JAVA = '"Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).getBytes(java.nio.charset.StandardCharsets.UTF_8))';

// go vet compiles the standard library once (a loaded machine: tens of seconds).
jest.setTimeout(120_000);

describe('Java: a login and the calls after it in the same method', () => {
  it('WebClient: the login chain goes; .cookie("JSESSIONID", …) becomes a header (WebClient has no RestAssured auth())', async () => {
    const source = `import java.util.Map;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

public class Board {
    private final WebClient web = WebClient.create(System.getenv("TRACKER"));

    public String sprint(int id) {
        ResponseCookie sid = web.post()
                .uri("/rest/auth/1/session")
                .bodyValue(Map.of("username", "board", "password", System.getenv("BOARD_PW")))
                .exchangeToMono(r -> Mono.justOrEmpty(r.cookies().getFirst("JSESSIONID")))
                .block();
        return web.get()
                .uri("/rest/agile/1.0/sprint/" + id)
                .cookie("JSESSIONID", sid.getValue())
                .retrieve()
                .bodyToMono(String.class)
                .block();
    }
}
`;
    const after = await fixesAll('Board.java', source, 'java');
    expect(after).not.toContain('/rest/auth/1/session');
    expect(after).not.toContain('sid');
    expect(after).toContain(`.uri("/rest/agile/1.0/sprint/" + id)\n                .header("Authorization", ${BASIC_JAVA})\n                .retrieve()`);
    expect(after).not.toContain('auth()');
    javaParses('Board.java', after);
  });

  it('RestAssured keeps preemptive basic auth; a RequestSpecification variable counts as RestAssured too', async () => {
    const source = `import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

class SearchChecks {
    void search() {
        String id = given().body("{}").post("/rest/auth/1/session").then().extract().cookie("JSESSIONID");
        RequestSpecification spec = given().baseUri("http://localhost:8080");
        spec.cookie("JSESSIONID", id).get("/rest/api/2/search").then().statusCode(200);
    }
}
`;
    const after = await fixesAll('SearchChecks.java', source, 'java');
    expect(after).toContain('spec.auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN")).get("/rest/api/2/search")');
    javaParses('SearchChecks.java', after);
  });

  it('RestTemplate: HttpHeaders.COOKIE (a constant, not a literal) put as a list gets the Authorization header in a list; the credentials map only the login read goes', async () => {
    const source = `import java.util.List;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestTemplate;

public class Worklogs {
    private final RestTemplate rest = new RestTemplate();

    public String worklog(String base, String key) {
        Map<String, String> login = Map.of("username", "clock", "password", System.getenv("CLOCK_PW"));
        ResponseEntity<String> session = rest.postForEntity(base + "/rest/auth/1/session", login, String.class);
        List<String> cookies = session.getHeaders().get(HttpHeaders.SET_COOKIE);
        HttpHeaders headers = new HttpHeaders();
        headers.put(HttpHeaders.COOKIE, cookies);
        return rest.exchange(base + "/rest/api/2/issue/" + key + "/worklog", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
    }

    public HttpHeaders single(String cookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.COOKIE, cookie);
        return headers;
    }
}
`;
    const after = await fixesAll('Worklogs.java', source, 'java');
    expect(after).not.toContain('CLOCK_PW');
    expect(after).not.toContain('SET_COOKIE');
    expect(after).toContain(`headers.put("Authorization", java.util.List.of(${BASIC_JAVA}));`);
    expect(after).toContain(`headers.set("Authorization", ${BASIC_JAVA});`);
    javaParses('Worklogs.java', after);
  });
});

describe('Java: RestAssured, the cookie named by the login answer', () => {
  const SOURCE = `import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.testng.annotations.Test;

public class CommentTest {
    private static final String LOGIN = "/rest/auth/1/session";

    @Test
    public void addComment() {
        Response login = given()
                .header("Content-Type", "application/json")
                .body("{\\"username\\": \\"qa\\", \\"password\\": \\"qa-pass-1\\"}")
                .when()
                .post(LOGIN)
                .then()
                .statusCode(200)
                .extract().response();
        JsonPath json = new JsonPath(login.asString());
        String name = json.getString("session.name");
        String value = json.getString("session.value");
        System.out.println("Session: " + value);
        given()
                .header("Content-Type", "application/json")
                .cookie(name, value)
                .body("{\\"body\\": \\"from the test\\"}")
                .when()
                .post("/rest/api/2/issue/QA-1/comment")
                .then()
                .statusCode(201);
    }
}
`;

  it('.cookie(name, value) with the name read from "session.name" becomes preemptive basic auth; the login, its readings and the LOGIN constant go', async () => {
    const after = await fixesAll('CommentTest.java', SOURCE, 'java');
    expect(after).not.toMatch(/qa-pass-1|LOGIN|JsonPath json|session\.value/);
    expect(after).toContain('.header("Content-Type", "application/json")\n                .auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN"))\n                .body(');
    javaParses('CommentTest.java', after);
  });

  it('the name read in the call (json.getString("session.name")) counts too; a cookie named by another field does not', async () => {
    const inline = SOURCE.replace('.cookie(name, value)', '.cookie(json.getString("session.name"), value)').replace('        String name = json.getString("session.name");\n', '');
    expect(await fixesAll('CommentTest.java', inline, 'java')).toContain('.auth().preemptive().basic(');
    const other = SOURCE.replace('json.getString("session.name")', 'json.getString("loginInfo.name")');
    expect((await fix('CommentTest.java', other, 'java')).status).toBe('manual');
  });
});

describe('Kotlin: a login chain built over several lines', () => {
  it('okhttp: the Request.Builder() login (its path on a line of its own), the call reading Set-Cookie and the inputs go; the header sends Basic', async () => {
    const source = `import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

fun main() {
    val base = System.getenv("TRACKER")
    val http = OkHttpClient()
    val body = """{"username":"kt","password":"kt-pass-1"}"""
    val login = Request.Builder()
        .url("$base/rest/auth/1/session")
        .post(body.toRequestBody("application/json".toMediaType()))
        .build()
    val cookie = http.newCall(login).execute().use { it.header("Set-Cookie") }
    val request = Request.Builder()
        .url("$base/rest/api/2/myself")
        .header("Cookie", cookie!!)
        .build()
    http.newCall(request).execute().use { println(it.body?.string()) }
}
`;
    const result = await fix('Main.kt', source, 'kotlin');
    expect(result.status).toBe('rewritten');
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 9, removed: true }]);
    const after = result.after ?? '';
    expect(after).not.toMatch(/kt-pass-1|val login|val cookie/);
    expect(after).toContain('.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).toByteArray()))');
  });
});

/** One Go build cache for the file's `go vet` runs (the standard library compiles once). */
afterAll(removeGoCache);

/** gofmt -e (syntax), and `go vet` for stdlib-only code: Go refuses unused variables and imports, gofmt does not see them. */
function goChecks(text: string, compile: boolean): void {
  if (has('gofmt')) syntaxCheck('main.go', text, 'gofmt', ['-e', '-l']);
  if (compile && has('go')) goVet(text);
}

describe('Go: net/http and resty logins whose cookie the same function sends', () => {
  const NET_HTTP = `package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	base := os.Getenv("TRACKER")
	payload := []byte(\`{"username":"gopher","password":"go-pass-1"}\`)
	login, err := http.Post(base+"/rest/auth/1/session", "application/json", bytes.NewReader(payload))
	if err != nil {
		panic(err)
	}
	defer login.Body.Close()
	var sid *http.Cookie
	for _, c := range login.Cookies() {
		if c.Name == "JSESSIONID" {
			sid = c
		}
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/rest/api/2/myself", nil)
	req.AddCookie(sid)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	me, _ := io.ReadAll(res.Body)
	fmt.Println(string(me))
}
`;

  it('net/http: the login, its check, the loop finding the cookie and the payload go; the request calls SetBasicAuth (go vet accepts it)', async () => {
    const result = await fix('main.go', NET_HTTP, 'go');
    expect(result.status).toBe('rewritten');
    expect(result.manual).toEqual([]);
    expect(result.passwords.every((password) => password.removed)).toBe(true);
    const after = result.after ?? '';
    expect(after).not.toMatch(/go-pass-1|sid|"bytes"|defer login/);
    expect(after).toContain('\treq.SetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN"))\n\tres, err := http.DefaultClient.Do(req)');
    goChecks(after, true);
  });

  it('net/http: a loop copying every cookie, and a Cookie header set by hand, become SetBasicAuth; --bearer sets the header', async () => {
    const source = NET_HTTP.replace('\tvar sid *http.Cookie\n\tfor _, c := range login.Cookies() {\n\t\tif c.Name == "JSESSIONID" {\n\t\t\tsid = c\n\t\t}\n\t}\n', '').replace('\treq.AddCookie(sid)\n', '\tfor _, c := range login.Cookies() {\n\t\treq.AddCookie(c)\n\t}\n');
    expect(source).not.toContain('sid');
    const after = await fixesAll('main.go', source, 'go');
    expect(after).toContain('\treq.SetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN"))\n\tres, err');
    goChecks(after, true);
    const header = NET_HTTP.replace('\treq.AddCookie(sid)\n', '\treq.Header.Set("Cookie", sid.Name+"="+sid.Value)\n');
    const bearer = await fix('main.go', header, 'go', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.after).toContain('\treq.Header.Set("Authorization", "Bearer "+os.Getenv("JIRA_API_TOKEN"))\n');
    goChecks(bearer.after ?? '', true);
  });

  it('refuses when a later statement assigns (=) a name only the login declared: Go would not compile it', async () => {
    const source = NET_HTTP.replace('res, err := http.DefaultClient.Do(req)', 'var res *http.Response\n\tres, err = http.DefaultClient.Do(req)');
    const result = await fix('main.go', source, 'go');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('req.SetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN"))');
  });

  it('resty: .SetCookies(login.Cookies()) on the next request, or on the client, becomes SetBasicAuth (gofmt accepts it)', async () => {
    const source = `package main

import (
	"fmt"

	"github.com/go-resty/resty/v2"
)

func main() {
	client := resty.New().SetBaseURL("https://jira.example.com")
	login, err := client.R().
		SetBody(map[string]string{"username": "gopher", "password": "go-pass-2"}).
		Post("/rest/auth/1/session")
	if err != nil {
		panic(err)
	}
	client.SetCookies(login.Cookies())
	issue, err := client.R().Get("/rest/api/2/issue/GO-1")
	if err != nil {
		panic(err)
	}
	fmt.Println(issue.String())
}
`;
    const after = await fixesAll('main.go', source, 'go');
    expect(after).toContain('\tclient.SetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN"))\n\tissue, err := client.R().Get');
    expect(after).toContain('import (\n\t"fmt"\n\t"os"\n\n\t"github.com/go-resty/resty/v2"\n)');
    expect(after).not.toContain('go-pass-2');
    goChecks(after, false);
    // The client's cookie became its SetBasicAuth: a call of the same client to another host keeps the login.
    const webhook = source.replace('\tfmt.Println(issue.String())', '\tclient.R().SetBody(issue.String()).Post("https://hooks.slack.com/services/T8/B8/r")\n\tfmt.Println(issue.String())');
    const refused = await fix('main.go', webhook, 'go');
    expect(refused.status).toBe('manual');
    expect(refused.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 22 to https://hooks.slack.com');
  });

  it('resty: refuses when the client (its base URL the login\'s) also calls another host or a URL parameter, naming that call', async () => {
    const source = `package main

import (
	"fmt"
	"os"

	"github.com/go-resty/resty/v2"
)

func main() {
	client := resty.New().SetBaseURL("https://jira.example.com")
	_, err := client.R().
		SetBody(map[string]string{"username": "gopher", "password": "go-pass-9"}).
		Post("/rest/auth/1/session")
	if err != nil {
		panic(err)
	}
	issue, err := client.R().Get("/rest/api/2/issue/GO-1")
	if err != nil {
		panic(err)
	}
	_, err = client.R().SetBody(issue.String()).Post("https://hooks.slack.com/services/T7/B7/s")
	fmt.Println(err, os.Args)
}
`;
    const other = await fix('main.go', source, 'go');
    expect(other.status).toBe('manual');
    expect(other.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain("also sends the request on line 22 to https://hooks.slack.com, not provably the login's origin (a path on the client's base URL)");
    const unknown = await fix('main.go', source.replace('Post("https://hooks.slack.com/services/T7/B7/s")', 'Post(os.Args[1])'), 'go');
    expect(unknown.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 22 to a URL whose host the code does not show');
    const same = await fixesAll('main.go', source.replace('Post("https://hooks.slack.com/services/T7/B7/s")', 'Post("/rest/api/2/issue/GO-1/comment")'), 'go');
    expect(same).toContain('client.SetBasicAuth(');
    // A base URL set again: the relative path after it goes wherever that is.
    const moved = await fix('main.go', source.replace('\t_, err = client.R().SetBody(issue.String()).Post("https://hooks.slack.com/services/T7/B7/s")', '\tclient.SetBaseURL(os.Args[1])\n\t_, err = client.R().SetBody(issue.String()).Post("/hooks/x")'), 'go');
    expect(moved.status).toBe('manual');
    expect(moved.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 22 to a URL whose host the code does not show');
  });

  it('resty: a struct field typed *resty.Client is refused: other files of the package send through it, and SetBasicAuth on the client would reach their hosts', async () => {
    const source = `package jira

import "github.com/go-resty/resty/v2"

type Client struct {
	http *resty.Client
}

func (c *Client) Issue(key string) (string, error) {
	_, err := c.http.R().
		SetBody(map[string]string{"username": "bot", "password": "go-pass-3"}).
		Post("/rest/auth/1/session")
	if err != nil {
		return "", err
	}
	resp, err := c.http.R().Get("/rest/api/2/issue/" + key)
	if err != nil {
		return "", err
	}
	return resp.String(), nil
}
`;
    const refused = await fix('client.go', source, 'go');
    expect(refused.status).toBe('manual');
    expect(refused.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^Not rewritten: the client that kept this login's cookie also sends the request on line \d+ to a URL whose host the code does not show/);
    // A client the file does not show as resty's: its jar is unknown, the login stays.
    expect((await fix('client.go', source.replace('http *resty.Client', 'http *Session'), 'go')).status).toBe('manual');
  });
});

describe('Go: the session cookie built from the login answer', () => {
  it('resty: SetCookie(&http.Cookie{Name: answer.Session.Name, …}) becomes SetBasicAuth; "net/http", read only by that cookie, goes (go vet would refuse it)', async () => {
    const source = `package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/go-resty/resty/v2"
)

type loginAnswer struct {
	Session struct {
		Name  string \`json:"name"\`
		Value string \`json:"value"\`
	} \`json:"session"\`
}

func main() {
	client := resty.New().SetBaseURL(os.Getenv("JIRA_URL"))
	var answer loginAnswer
	_, err := client.R().
		SetBody(map[string]string{"username": "bot", "password": "bot-pass-1"}).
		SetResult(&answer).
		Post("/rest/auth/1/session")
	if err != nil {
		panic(err)
	}
	issue, err := client.R().
		SetCookie(&http.Cookie{Name: answer.Session.Name, Value: answer.Session.Value}).
		Get("/rest/api/2/issue/OPS-1")
	if err != nil {
		panic(err)
	}
	fmt.Println(issue.String())
}
`;
    const after = await fixesAll('main.go', source, 'go');
    expect(after).toContain('import (\n\t"fmt"\n\t"os"\n\n\t"github.com/go-resty/resty/v2"\n)');
    expect(after).toContain('\tissue, err := client.R().\n\t\tSetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN")).\n\t\tGet(');
    expect(after).not.toMatch(/bot-pass-1|var answer/);
    goChecks(after, false);
    // net/http still named by a type elsewhere (a parameter) keeps its import.
    const typed = source.replace('func main() {', 'func use(*http.Client) {}\n\nfunc main() {');
    expect(await fixesAll('main.go', typed, 'go')).toContain('\t"net/http"\n');
  });

  it('net/http: the answer decoded into a struct and sent as fmt.Sprintf("%s=%s", …) in a Cookie header becomes SetBasicAuth (go vet accepts it)', async () => {
    const source = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

type session struct {
	Session struct {
		Name  string \`json:"name"\`
		Value string \`json:"value"\`
	} \`json:"session"\`
}

func main() {
	base := os.Getenv("JIRA_URL")
	body, _ := json.Marshal(map[string]string{"username": "bot", "password": "bot-pass-2"})
	resp, err := http.Post(base+"/rest/auth/1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var s session
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		panic(err)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/rest/api/2/myself", nil)
	req.Header.Set("Cookie", fmt.Sprintf("%s=%s", s.Session.Name, s.Session.Value))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	out, _ := io.ReadAll(res.Body)
	fmt.Println(string(out))
}
`;
    const after = await fixesAll('main.go', source, 'go');
    expect(after).not.toMatch(/bot-pass-2|"bytes"|"encoding\/json"|var s session/);
    expect(after).toContain('\treq.SetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN"))\n\tres, err := http.DefaultClient.Do(req)');
    goChecks(after, true);
  });
});

function phpParses(text: string): void {
  if (has('php')) syntaxCheck('client.php', text, 'php', ['-l']);
}

describe('PHP: curl cookie jars and Guzzle cookie options', () => {
  it('curl: the login handle that filled a cookie jar goes with the jar file; CURLOPT_COOKIEFILE becomes CURLOPT_USERPWD (php -l accepts it)', async () => {
    const source = `<?php
$base = getenv('TRACKER');
$jar = tempnam(sys_get_temp_dir(), 'jira');
$ch = curl_init($base . '/rest/auth/1/session');
curl_setopt($ch, CURLOPT_POST, true);
curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['username' => 'ops', 'password' => 'php-pass-1']));
curl_setopt($ch, CURLOPT_COOKIEJAR, $jar);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_exec($ch);
curl_close($ch);

$ch = curl_init($base . '/rest/api/2/myself');
curl_setopt($ch, CURLOPT_COOKIEFILE, $jar);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
echo curl_exec($ch);
`;
    const after = await fixesAll('client.php', source, 'php');
    expect(after).not.toMatch(/php-pass-1|\$jar|COOKIE/);
    expect(after).toContain("$ch = curl_init($base . '/rest/api/2/myself');\n// JIRA_EMAIL + JIRA_API_TOKEN");
    expect(after).toContain("curl_setopt($ch, CURLOPT_USERPWD, getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN'));");
    phpParses(after);
  });

  it('curl: refuses a handle the login shares with the later request (removing the login would remove that request too)', async () => {
    const source = `<?php
$ch = curl_init(getenv('TRACKER') . '/rest/auth/1/session');
curl_setopt($ch, CURLOPT_COOKIEFILE, '/tmp/jira-cookies');
curl_exec($ch);
curl_setopt($ch, CURLOPT_URL, getenv('TRACKER') . '/rest/api/2/myself');
echo curl_exec($ch);
`;
    expect((await fix('client.php', source, 'php')).status).toBe('manual');
  });

  it("Guzzle: 'cookies' => $jar on the client and the requests becomes 'auth'; the login and the jar go (php -l accepts it)", async () => {
    const source = `<?php
use GuzzleHttp\\Client;
use GuzzleHttp\\Cookie\\CookieJar;

$jar = new CookieJar();
$http = new Client(['base_uri' => getenv('TRACKER'), 'cookies' => $jar]);
$http->post('/rest/auth/1/session', ['json' => ['username' => 'ops', 'password' => 'php-pass-2']]);
$issue = $http->get('/rest/api/2/issue/OPS-1', ['cookies' => $jar]);
echo $issue->getBody();
`;
    const after = await fixesAll('client.php', source, 'php');
    expect(after).not.toMatch(/php-pass-2|\$jar|'cookies'/);
    expect(after).toContain("$http = new Client(['base_uri' => getenv('TRACKER'), 'auth' => [getenv('JIRA_EMAIL'), getenv('JIRA_API_TOKEN')]]);");
    phpParses(after);
  });
});

describe('C#: Flurl chains and a request body only the login read', () => {
  const ENV = 'System.Environment.GetEnvironmentVariable';

  it('.WithCookies(the login’s cookies) and .WithCookies(the jar an `out` filled) become .WithBasicAuth; the chained login goes', async () => {
    const source = `using System.Threading.Tasks;
using Flurl.Http;

namespace Ops
{
    public class Boards
    {
        public async Task<string> Sprint(string root, string id)
        {
            var signIn = await root
                .AppendPathSegments("rest", "auth", "1", "session")
                .PostJsonAsync(new { username = "boards", password = System.Environment.GetEnvironmentVariable("BOARDS_PW") });
            var cookies = signIn.Cookies;
            return await root
                .AppendPathSegments("rest", "agile", "1.0", "sprint", id)
                .WithCookies(cookies)
                .GetStringAsync();
        }

        public async Task<string> Me(string root, string user, string secret)
        {
            await root.AppendPathSegment("rest/auth/1/session").WithCookies(out var jar).PostJsonAsync(new { username = user, password = secret });
            return await root.AppendPathSegment("rest/api/2/myself").WithCookie("JSESSIONID", jar.ToString()).GetStringAsync();
        }
    }
}
`;
    const after = await fixesAll('Boards.cs', source, 'csharp');
    expect(after).not.toMatch(/signIn|cookies|jar|\/session/);
    expect(after).toContain(`.AppendPathSegments("rest", "agile", "1.0", "sprint", id)\n                .WithBasicAuth(${ENV}("JIRA_EMAIL"), ${ENV}("JIRA_API_TOKEN"))\n`);
    expect(after).toContain(`return await root.AppendPathSegment("rest/api/2/myself").WithBasicAuth(${ENV}("JIRA_EMAIL"), ${ENV}("JIRA_API_TOKEN")).GetStringAsync();`);
  });

  it('HttpClient: the JSON body only the login posted goes with it (it held the password)', async () => {
    const source = `using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

public class Me
{
    private readonly HttpClient http = new HttpClient();

    public async Task<string> Get(string root)
    {
        var body = new StringContent("{\\"username\\":\\"ops\\",\\"password\\":\\"cs-pass-9\\"}", Encoding.UTF8, "application/json");
        var login = await http.PostAsync(root + "/rest/auth/1/session", body);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie"));
        var request = new HttpRequestMessage(HttpMethod.Get, root + "/rest/api/2/myself");
        request.Headers.Add("Cookie", cookie);
        return await (await http.SendAsync(request)).Content.ReadAsStringAsync();
    }
}
`;
    const after = await fixesAll('Me.cs', source, 'csharp');
    expect(after).not.toMatch(/cs-pass-9|var body|var login|var cookie/);
  });
});

function nodeParses(text: string): void {
  syntaxCheck('client.js', text, process.execPath, ['--check']);
}

describe('JavaScript: cookie jars, header maps and callback-style logins', () => {
  const BASIC_JS = "Authorization: 'Basic ' + Buffer.from(`${process.env.JIRA_EMAIL}:${process.env.JIRA_API_TOKEN}`).toString('base64')";

  it('got: the cookieJar handed to the later request becomes the Authorization header; the login and the jar go (node --check accepts it)', async () => {
    const source = `const got = require('got');
const { CookieJar } = require('tough-cookie');

async function main(base) {
  const cookieJar = new CookieJar();
  await got.post(\`\${base}/rest/auth/1/session\`, { json: { username: 'bot', password: 'js-pass-7' }, cookieJar });
  const issue = await got(\`\${base}/rest/api/2/issue/OPS-1\`, { cookieJar, headers: { accept: 'application/json' } }).json();
  console.log(issue.key);
}

main(process.env.TRACKER);
`;
    const after = await fixesAll('main.js', source, 'javascript');
    expect(after).not.toMatch(/js-pass-7|new CookieJar|cookieJar/);
    expect(after).toContain(`{ headers: { accept: 'application/json', ${BASIC_JS} } }`);
    expect(after).toContain('main(process.env.TRACKER);');
    nodeParses(after);
  });

  it('axios: the cookie set on the instance’s default headers sends Basic credentials instead; a prototype method named cookie is not a header', async () => {
    const source = `const axios = require('axios');

function Tracker(base) {
  this.http = axios.create({ baseURL: base });
}

Tracker.prototype.login = async function () {
  const res = await this.http.post('/rest/auth/1/session', { username: 'bot', password: 'js-pass-8' });
  this.http.defaults.headers.common['Cookie'] = 'JSESSIONID=' + res.data.session.value;
};

Tracker.prototype.cookie = function () {
  return 'none';
};

module.exports = Tracker;
`;
    const after = await fixesAll('tracker.js', source, 'javascript');
    expect(after).toContain("Tracker.prototype.login = async function () {\n  // JIRA_EMAIL");
    expect(after).toContain(`this.http.defaults.headers.common.${BASIC_JS.replace(': ', ' = ')};`);
    expect(after).toContain("Tracker.prototype.cookie = function () {\n  return 'none';\n};");
    nodeParses(after);
  });

  it('a login whose callback makes the next request: the statement becomes the callback’s body, less what read the login (node --check accepts it)', async () => {
    const source = `const request = require('request');

const base = process.env.TRACKER;
const login = { username: 'bot', password: process.env.BOT_PW };
request.post({ url: base + '/rest/auth/1/session', json: login }, (err, res, body) => {
  if (err) throw err;
  const cookie = body.session.name + '=' + body.session.value;
  // who am I
  request.get({ url: base + '/rest/api/2/myself', headers: { Cookie: cookie }, json: true }, (err2, res2, me) => {
    console.log(me.name);
  });
});
`;
    const after = await fixesAll('me.js', source, 'javascript');
    expect(after).not.toMatch(/BOT_PW|const login|body\.session/);
    expect(after).toContain(`// who am I\nrequest.get({ url: base + '/rest/api/2/myself', headers: { ${BASIC_JS} }, json: true }, (err2, res2, me) => {\n  console.log(me.name);\n});\n`);
    nodeParses(after);
  });

  it('node-rest-client (the Atlassian cookie tutorial): the success branch of the status check becomes the code; the check, its throw, the log of the session and the hard-coded login go', async () => {
    const source = `var Client = require('node-rest-client').Client;
var client = new Client();
var loginArgs = {
    data: { "username": "admin", "password": "nrc-pass-3" },
    headers: { "Content-Type": "application/json" }
};
client.post("https://jira.example.com/rest/auth/1/session", loginArgs, function(data, response){
    if (response.statusCode == 200) {
        console.log('succesfully logged in, session:', data.session);
        var session = data.session;
        var searchArgs = {
            headers: { cookie: session.name + '=' + session.value, "Content-Type": "application/json" },
            data: { jql: "type=Bug" }
        };
        client.post("https://jira.example.com/rest/api/2/search", searchArgs, function(searchResult, response) {
            console.log('status code:', response.statusCode);
        });
    } else {
        throw "Login failed :(";
    }
});
`;
    const result = await fix('search.js', source, 'javascript');
    expect(result.passwords).toEqual([{ line: 4, removed: true }]);
    const after = await fixesAll('search.js', source, 'javascript');
    expect(after).not.toMatch(/nrc-pass-3|loginArgs|auth\/1\/session|data\.session|Login failed/);
    expect(after).toContain(`var searchArgs = {\n    headers: { ${BASIC_JS}, "Content-Type": "application/json" },`);
    expect(after).toContain(`client.post("https://jira.example.com/rest/api/2/search", searchArgs, function(searchResult, response) {\n    console.log('status code:', response.statusCode);\n});\n`);
    nodeParses(after);
  });

  it('node-rest-client: a failure branch that does more than report (exits, answers a request) keeps the login', async () => {
    const source = `var Client = require('node-rest-client').Client;
var client = new Client();
var loginArgs = { data: { username: process.env.U, password: process.env.P } };
client.post("https://jira.example.com/rest/auth/1/session", loginArgs, function(data, response){
    if (response.statusCode == 200) {
        var args = { headers: { cookie: data.session.name + '=' + data.session.value } };
        client.get("https://jira.example.com/rest/api/2/myself", args, function(me) { console.log(me.name); });
    } else {
        console.log("Login failed :(");
        process.exit(1);
    }
});
`;
    const result = await fix('fail.js', source, 'javascript');
    expect(result.after ?? source).toContain('/rest/auth/1/session');
    expect(result.manual.map((entry) => entry.finding.line)).toContain(4);
  });

  it('node-rest-client: an inner callback’s own parameter is not the login’s answer, but a default value reading the answer still keeps the login', async () => {
    const source = `var Client = require('node-rest-client').Client;
var client = new Client();
client.post("https://jira.example.com/rest/auth/1/session", { data: { username: process.env.U, password: process.env.P } }, function(data, response){
    if (response.statusCode == 200) {
        var args = { headers: { cookie: data.session.name + '=' + data.session.value } };
        client.get("https://jira.example.com/rest/api/2/myself", args, function(me, response = data.session) { console.log(me.name, response); });
    }
});
`;
    const result = await fix('dflt.js', source, 'javascript');
    expect(result.after ?? source).toContain('/rest/auth/1/session');
    expect(result.manual.map((entry) => entry.finding.line)).toContain(3);
  });

  it('node-rest-client wrapped in new Promise (resolve(cookie)): the login never goes alone (the promise would never settle); the helper and its call go together', async () => {
    const source = `const Client = require('node-rest-client').Client;
const client = new Client();

function loginToJira(username, password) {
    return new Promise((resolve, reject) => {
        client.post(process.env.TRACKER + '/rest/auth/1/session', { data: { username, password } }, (data, response) => {
            if (response.statusCode === 200) {
                resolve(data.session.name + '=' + data.session.value);
            } else {
                reject(new Error('Login failed'));
            }
        });
    });
}

async function main() {
    const sessionCookie = await loginToJira(process.env.U, process.env.P);
    const args = { headers: { cookie: sessionCookie }, data: { jql: 'project = ABC' } };
    client.post(process.env.TRACKER + '/rest/api/2/search', args, (result) => console.log(result.total));
}

main();
`;
    const after = await fixesAll('epics.js', source, 'javascript');
    expect(after).not.toMatch(/new Promise|loginToJira|sessionCookie|auth\/1\/session/);
    expect(after).toContain(`async function main() {\n    // JIRA_EMAIL`);
    expect(after).toContain(`const args = { headers: { ${BASIC_JS} }, data: { jql: 'project = ABC' } };`);
    nodeParses(after);
  });

  it('fetch: the check of the login’s answer that only throws (`if (!res.ok) throw …`) goes with the login and its getSetCookie() cookie (node --check accepts it)', async () => {
    const source = `async function main(base) {
  const res = await fetch(\`\${base}/rest/auth/1/session\`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'fetch-pass-2' }),
  });
  if (!res.ok) {
    throw new Error(\`login failed: \${res.status}\`);
  }
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await fetch(\`\${base}/rest/api/2/myself\`, { headers: { cookie } });
  console.log((await me.json()).name);
}

main(process.env.TRACKER);
`;
    const after = await fixesAll('me.js', source, 'javascript');
    expect(after).not.toMatch(/fetch-pass-2|auth\/1\/session|res\.ok|getSetCookie/);
    expect(after).toContain(`const me = await fetch(\`\${base}/rest/api/2/myself\`, { headers: { ${BASIC_JS} } });`);
    nodeParses(after);
    const exits = source.replace('throw new Error(`login failed: ${res.status}`);', 'console.error(res.status);\n    process.exit(1);');
    expect((await fix('me.js', exits, 'javascript')).after ?? exits).toContain('/rest/auth/1/session');
  });

  it('axios-cookiejar-support set up on axios.defaults (jar + withCredentials): refused, since the module’s defaults are the whole program’s (decision 50)', async () => {
    const source = `const axios = require('axios');
const { wrapper } = require('axios-cookiejar-support');
const { CookieJar } = require('tough-cookie');

const cookieJar = new CookieJar();
axios.defaults.withCredentials = true;
axios.defaults.jar = cookieJar;
const api = wrapper(axios.create({ baseURL: process.env.TRACKER }));

async function main() {
  await api.post('/rest/auth/1/session', { username: 'bot', password: 'jar-pass-4' });
  const { data } = await api.get('/rest/api/2/myself');
  console.log(data.name);
}

main();
`;
    const result = await fix('api.js', source, 'javascript');
    expect(result.status).toBe('manual');
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain("the cookie jar is set on the module's own defaults (line 7)");
  });

  it('axios.defaults.withCredentials without a jar (the browser’s cookie switch) is not turned into a header', async () => {
    const source = `const axios = require('axios');
axios.defaults.withCredentials = true;
async function main() {
  await axios.post(process.env.TRACKER + '/rest/auth/1/session', { username: 'bot', password: process.env.PW });
  console.log((await axios.get(process.env.TRACKER + '/rest/api/2/myself')).data.name);
}
main();
`;
    const result = await fix('main.js', source, 'javascript');
    expect(result.status).toBe('manual');
  });

  it('request.defaults({ jar: true }) with the next request in the login’s callback: the callback is unwrapped, never deleted with the program', async () => {
    const source = `const request = require('request').defaults({ jar: true, json: true });

const base = process.env.TRACKER;
request.post({ url: base + '/rest/auth/1/session', body: { username: 'bot', password: 'req-pass-6' } }, (err, res) => {
  if (err) throw err;
  request.get({ url: base + '/rest/api/2/myself' }, (err2, res2, me) => {
    console.log(me.name);
  });
});
`;
    const after = await fixesAll('req.js', source, 'javascript');
    expect(after).not.toMatch(/req-pass-6|auth\/1\/session|jar/);
    expect(after).toContain(`require('request').defaults({ headers: { ${BASIC_JS} }, json: true });`);
    expect(after).toContain("const base = process.env.TRACKER;\nrequest.get({ url: base + '/rest/api/2/myself' }, (err2, res2, me) => {\n  console.log(me.name);\n});\n");
    nodeParses(after);
  });

  it('refuses a callback whose kept code still reads the login’s answer, and a login whose cookie nothing in the file sends', async () => {
    const reads = `const request = require('request');
request.post({ url: process.env.TRACKER + '/rest/auth/1/session', json: {} }, (err, res, body) => {
  request.get({ url: process.env.TRACKER + '/rest/api/2/myself', headers: { Cookie: body.session.value } }, () => console.log(res.statusCode));
});
`;
    expect((await fix('me.js', reads, 'javascript')).after ?? reads).toContain('/rest/auth/1/session');
    const silent = `const got = require('got');
async function main(base) {
  await got.post(base + '/rest/auth/1/session', { json: { username: 'bot', password: 'js-pass-5' } });
  console.log((await got(base + '/rest/api/2/myself').json()).name);
}
main(process.env.TRACKER);
`;
    const result = await fix('main.js', silent, 'javascript');
    expect(result.status).toBe('manual');
  });
});

describe('JVM: a client whose cookie store carried the session', () => {
  it('Apache HttpClient: setDefaultCookieStore becomes default Authorization headers; the login request goes (javac parses it)', async () => {
    const source = `import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.BasicCookieStore;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

public class Me {
    public static void main(String[] args) throws Exception {
        BasicCookieStore jar = new BasicCookieStore();
        try (CloseableHttpClient http = HttpClients.custom().setDefaultCookieStore(jar).build()) {
            String body = "{\\"username\\":\\"me\\",\\"password\\":\\"" + System.getenv("ME_PW") + "\\"}";
            HttpPost login = new HttpPost(args[0] + "/rest/auth/1/session");
            login.setEntity(new StringEntity(body));
            http.execute(login).close();
            try (CloseableHttpResponse me = http.execute(new HttpGet(args[0] + "/rest/api/2/myself"))) {
                System.out.println(EntityUtils.toString(me.getEntity()));
            }
        }
    }
}
`;
    const after = await fixesAll('Me.java', source, 'java');
    expect(after).not.toMatch(/ME_PW|HttpPost\(|setDefaultCookieStore/);
    expect(after).toContain(`HttpClients.custom().setDefaultHeaders(java.util.List.of(new org.apache.http.message.BasicHeader("Authorization", ${BASIC_JAVA}))).build()`);
    javaParses('Me.java', after);
    // A store the method hands back: its callers read the session from it, the login stays.
    const returned = `import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.BasicCookieStore;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

class Login {
    BasicCookieStore open(String base, String json) throws Exception {
        BasicCookieStore store = new BasicCookieStore();
        try (CloseableHttpClient http = HttpClients.custom().setDefaultCookieStore(store).build()) {
            HttpPost post = new HttpPost(base + "/rest/auth/1/session");
            post.setEntity(new StringEntity(json));
            http.execute(post).close();
        }
        return store;
    }
}
`;
    expect((await fix('Login.java', returned, 'java')).after ?? returned).toContain('setDefaultCookieStore(store)');
    // Its default headers go to every host the client calls: a request elsewhere (or to an untold URL) keeps the login.
    const webhook = await fix('Me.java', source.replace('new HttpGet(args[0] + "/rest/api/2/myself")', 'new HttpGet("https://hooks.slack.com/services/T9/B9/q")'), 'java');
    expect(webhook.status).toBe('manual');
    expect(webhook.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain("also sends the request on line 18 to https://hooks.slack.com, not provably the login's origin (a URL built from `args[0]`)");
    const untold = await fix('Me.java', source.replace('new HttpGet(args[0] + "/rest/api/2/myself")', 'new HttpGet(args[1])'), 'java');
    expect(untold.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 18 to a URL built from `args[1]`');
    const five = await fixesAll('Me.java', source.replace(/org\.apache\.http\.impl\.client\.HttpClients/, 'org.apache.hc.client5.http.impl.classic.HttpClients'), 'java');
    expect(five).toContain('new org.apache.hc.core5.http.message.BasicHeader("Authorization"');
  });

  it('okhttp: a cookieJar on the client builder becomes an interceptor adding the header (Java and Kotlin); the token comment sits above the field', async () => {
    const java = `import java.net.CookieManager;
import okhttp3.JavaNetCookieJar;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

public class Ok {
    private final OkHttpClient http = new OkHttpClient.Builder().cookieJar(new JavaNetCookieJar(new CookieManager())).build();

    public String me(String base, String json) throws Exception {
        Request login = new Request.Builder().url(base + "/rest/auth/1/session").post(RequestBody.create(json, MediaType.parse("application/json"))).build();
        http.newCall(login).execute().close();
        return http.newCall(new Request.Builder().url(base + "/rest/api/2/myself").build()).execute().body().string();
    }
}
`;
    const webhook = await fix('Ok.java', java.replace('http.newCall(new Request.Builder().url(base + "/rest/api/2/myself").build())', 'http.newCall(new Request.Builder().url("https://hooks.slack.com/services/TA/BA/p").build())'), 'java');
    expect(webhook.status).toBe('manual');
    expect(webhook.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain("also sends the request on line 14 to https://hooks.slack.com, not provably the login's origin (a URL built from `base`)");
    const untold = await fix('Ok.java', java.replace('public String me(String base, String json)', 'public String me(String base, String json, String target)').replace('url(base + "/rest/api/2/myself")', 'url(target)'), 'java');
    expect(untold.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 14 to a URL built from `target`');
    const after = await fixesAll('Ok.java', java, 'java');
    expect(after).toContain(`public class Ok {\n    // JIRA_EMAIL + JIRA_API_TOKEN`);
    expect(after).toContain(`new OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", ${BASIC_JAVA}).build())).build();`);
    expect(after).not.toContain('/rest/auth/1/session');
    javaParses('Ok.java', after);
    const kotlin = `import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

class Ok(private val base: String, jar: okhttp3.CookieJar) {
    private val http = OkHttpClient.Builder().cookieJar(jar).build()

    fun me(json: String): String? {
        val login = Request.Builder().url("$base/rest/auth/1/session").post(json.toRequestBody()).build()
        http.newCall(login).execute().close()
        return http.newCall(Request.Builder().url("$base/rest/api/2/myself").build()).execute().body?.string()
    }
}
`;
    const ktWebhook = await fix('Ok.kt', kotlin.replace('Request.Builder().url("$base/rest/api/2/myself")', 'Request.Builder().url("https://hooks.slack.com/services/TB/BB/o")'), 'kotlin');
    expect(ktWebhook.status).toBe('manual');
    expect(ktWebhook.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain("also sends the request on line 11 to https://hooks.slack.com, not provably the login's origin (a URL built from `base`)");
    const ktUntold = await fix('Ok.kt', kotlin.replace('fun me(json: String)', 'fun me(json: String, target: String)').replace('Request.Builder().url("$base/rest/api/2/myself")', 'Request.Builder().url(target)'), 'kotlin');
    expect(ktUntold.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 11 to a URL built from `target`');
    const kt = await fixesAll('Ok.kt', kotlin, 'kotlin');
    expect(kt).toContain('OkHttpClient.Builder().addInterceptor { chain -> chain.proceed(chain.request().newBuilder().header("Authorization", "Basic "');
    expect(kt).not.toContain('/rest/auth/1/session');
  });

  it('Ktor: cookie("JSESSIONID", …) in a request block becomes headers.append (a member, no import needed); the login and its Set-Cookie reading go', async () => {
    const source = `import io.ktor.client.HttpClient
import io.ktor.client.request.cookie
import io.ktor.client.request.get
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.bodyAsText

suspend fun issue(client: HttpClient, base: String, key: String): String {
    val login = client.post("$base/rest/auth/1/session") {
        setBody("""{"username":"kt","password":"kt-pass-2"}""")
    }
    val sid = login.setCookie().first { it.name == "JSESSIONID" }.value
    return client.get("$base/rest/api/2/issue/$key") {
        cookie("JSESSIONID", sid)
    }.bodyAsText()
}
`;
    const after = await fixesAll('Issue.kt', source, 'kotlin');
    expect(after).toContain('        headers.append("Authorization", "Basic " + java.util.Base64.getEncoder()');
    expect(after).not.toMatch(/kt-pass-2|val sid|val login/);
  });
});

describe('Python: the login’s cookies kept on self and read by the class’s other methods', () => {
  const SOURCE = `import requests


class Tracker:
    def __init__(self, url, user, password):
        self.url = url
        r = requests.post(url + "/rest/auth/1/session", json={"username": user, "password": password})
        self.cookies = r.cookies

    def issue(self, key):
        return requests.get(self.url + "/rest/api/2/issue/" + key, cookies=self.cookies).json()
`;

  it('the login and self.cookies go; the call passes auth= (py_compile accepts it)', async () => {
    const after = await fixesAll('tracker.py', SOURCE, 'python');
    expect(after).toContain('        self.url = url\n\n    def issue');
    expect(after).toContain('auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])');
    if (has('python3')) syntaxCheck('tracker.py', after, 'python3', ['-m', 'py_compile']);
  });

  it('keeps the login when another method hands self.cookies out', async () => {
    const result = await fix('tracker.py', `${SOURCE}\n    def session(self):\n        return self.cookies\n`, 'python');
    expect(result.after ?? SOURCE).toContain('/rest/auth/1/session');
    expect(result.manual.some((entry) => entry.finding.ruleId === 'session-login-call')).toBe(true);
  });
});

describe('C#: an HttpClient that keeps the login’s cookie itself', () => {
  const SOURCE = `using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

public class Board
{
    private readonly HttpClient http = new HttpClient();

    public async Task<string> Sprint(string root, int id)
    {
        var body = new StringContent("{\\"username\\":\\"b\\",\\"password\\":\\"cs-pass-4\\"}", Encoding.UTF8, "application/json");
        var login = await http.PostAsync(root + "/rest/auth/1/session", body);
        login.EnsureSuccessStatusCode();
        return await http.GetStringAsync(root + "/rest/agile/1.0/sprint/" + id);
    }
}
`;

  it('the login becomes DefaultRequestHeaders.Authorization on that client (its handler kept the cookie); the body goes', async () => {
    const after = await fixesAll('Board.cs', SOURCE, 'csharp');
    expect(after).toContain('        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", System.Convert.ToBase64String(');
    expect(after).not.toMatch(/cs-pass-4|EnsureSuccessStatusCode|\/session/);
    const bearer = await fix('Board.cs', SOURCE, 'csharp', { ...DEFAULT_FIX_OPTIONS, bearer: true });
    expect(bearer.after).toContain('new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", System.Environment.GetEnvironmentVariable("JIRA_API_TOKEN"));');
  });

  it('keeps a login through a client the file does not show as an HttpClient', async () => {
    const result = await fix('Board.cs', SOURCE.replace('private readonly HttpClient http = new HttpClient();', 'private readonly TrackerHttp http = new TrackerHttp();'), 'csharp');
    expect(result.status).toBe('manual');
  });

  it('refuses when the client also calls another host or a URL parameter, naming that call', async () => {
    const other = await fix('Board.cs', SOURCE.replace('return await http.GetStringAsync(root + "/rest/agile/1.0/sprint/" + id);', 'await http.PostAsync("https://hooks.slack.com/services/T6/B6/t", body);\n        return await http.GetStringAsync(root + "/rest/agile/1.0/sprint/" + id);'), 'csharp');
    expect(other.status).toBe('manual');
    expect(other.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain("also sends the request on line 14 to https://hooks.slack.com, not provably the login's origin (a URL built from `root`)");
    const unknown = await fix('Board.cs', SOURCE.replace('Sprint(string root, int id)', 'Sprint(string root, int id, string target)').replace('http.GetStringAsync(root + "/rest/agile/1.0/sprint/" + id)', 'http.GetStringAsync(target)'), 'csharp');
    expect(unknown.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('also sends the request on line 14 to a URL built from `target`');
    const interpolated = await fixesAll('Board.cs', SOURCE.replace('http.GetStringAsync(root + "/rest/agile/1.0/sprint/" + id)', 'http.GetStringAsync($"{root}/rest/agile/1.0/sprint/{id}")'), 'csharp');
    expect(interpolated).toContain('http.DefaultRequestHeaders.Authorization');
  });

  it('refuses an injected client: its other users (not in view) would send the default header to their hosts', async () => {
    const injected = SOURCE.replace('    private readonly HttpClient http = new HttpClient();\n', '    private readonly HttpClient http;\n\n    public Board(HttpClient http)\n    {\n        this.http = http;\n    }\n');
    const result = await fix('Board.cs', injected, 'csharp');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Not rewritten: the client that kept this login\'s cookie also sends the request on line');
  });
});

describe('JVM: the login response’s cookies handed on whole', () => {
  it('Jsoup: .cookies(login.cookies()) (through a variable) becomes the Authorization header (javac parses it)', async () => {
    const source = `import java.util.Map;
import org.jsoup.Connection;
import org.jsoup.Jsoup;

public class Scrape {
    public static void main(String[] args) throws Exception {
        Connection.Response login = Jsoup.connect(args[0] + "/rest/auth/1/session")
                .ignoreContentType(true)
                .requestBody(System.getenv("LOGIN_JSON"))
                .method(Connection.Method.POST)
                .execute();
        Map<String, String> cookies = login.cookies();
        System.out.println(Jsoup.connect(args[0] + "/rest/api/2/myself").ignoreContentType(true).cookies(cookies).execute().body());
    }
}
`;
    const after = await fixesAll('Scrape.java', source, 'java');
    expect(after).toContain(`.ignoreContentType(true).header("Authorization", ${BASIC_JAVA}).execute().body()`);
    expect(after).not.toMatch(/LOGIN_JSON|cookies/);
    javaParses('Scrape.java', after);
  });

  it('RestAssured: .cookies(login.getDetailedCookies()) becomes preemptive basic auth', async () => {
    const source = `import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

class Checks {
    void myself() {
        Response login = given().body("{}").post("/rest/auth/1/session");
        given().cookies(login.getDetailedCookies()).get("/rest/api/2/myself").then().statusCode(200);
    }
}
`;
    const after = await fixesAll('Checks.java', source, 'java');
    expect(after).toContain('given().auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN")).get("/rest/api/2/myself")');
    javaParses('Checks.java', after);
  });

  it('Kotlin: an unchained cookie("JSESSIONID", …) outside a Ktor file (RestAssured’s Given { }) is not turned into Ktor’s headers.append', async () => {
    const source = `import io.restassured.module.kotlin.extensions.Given
import io.restassured.module.kotlin.extensions.When

fun myself(id: String) {
    val sid = Given { body("{}") } When { post("/rest/auth/1/session") }
    Given { cookie("JSESSIONID", id) } When { get("/rest/api/2/myself") }
}
`;
    const result = await fix('Checks.kt', source, 'kotlin');
    expect(result.after ?? source).not.toContain('headers.append');
  });
});

describe('Python: a session whose cookie jar the code fills with the login’s cookie', () => {
  const SOURCE = `import os
import requests

url = os.environ["TRACKER"]
s = requests.Session()
r = requests.post(url + "/rest/auth/1/session", json={"username": "bot", "password": "py-pass-11"})
s.cookies.set("JSESSIONID", r.json()["session"]["value"])
print(s.get(url + "/rest/api/2/myself").json()["name"])
`;

  it.each([
    ['s.cookies.set("JSESSIONID", …)', SOURCE],
    ['s.cookies.update(r.cookies)', SOURCE.replace('s.cookies.set("JSESSIONID", r.json()["session"]["value"])', 's.cookies.update(r.cookies)')],
    ['s.cookies["JSESSIONID"] = …', SOURCE.replace('s.cookies.set("JSESSIONID", r.json()["session"]["value"])', 's.cookies["JSESSIONID"] = r.cookies["JSESSIONID"]')],
  ])('%s becomes s.auth from the environment; the login goes (py_compile accepts it)', async (_shape, source) => {
    const after = await fixesAll('me.py', source, 'python');
    expect(after).toContain('s = requests.Session()\n# JIRA_EMAIL + JIRA_API_TOKEN');
    expect(after).toContain('s.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])\nprint(s.get(');
    expect(after).not.toMatch(/py-pass-11|cookies/);
    if (has('python3')) syntaxCheck('me.py', after, 'python3', ['-m', 'py_compile']);
  });

  it('keeps it when the jar belongs to something the file does not make as a session', async () => {
    const result = await fix('me.py', SOURCE.replace('s = requests.Session()\n', '').replace('url = os.environ["TRACKER"]', 'from tracker import s\n\nurl = os.environ["TRACKER"]'), 'python');
    expect(result.after ?? SOURCE).toContain('/rest/auth/1/session');
  });
});

describe('Go: the cookie kept in a field of the client struct and sent by another method', () => {
  const SOURCE = `package jira

import (
	"net/http"
	"strings"
)

type Client struct {
	base   string
	http   *http.Client
	cookie string
}

func (c *Client) Login(user, pass string) error {
	resp, err := c.http.Post(c.base+"/rest/auth/1/session", "application/json", strings.NewReader(\`{"username":"\`+user+\`","password":"\`+pass+\`"}\`))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	c.cookie = resp.Header.Get("Set-Cookie")
	return nil
}

func (c *Client) Get(path string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Cookie", c.cookie)
	return c.http.Do(req)
}
`;

  it('Login keeps its signature and does nothing; Get sends SetBasicAuth; the other method’s err is no reader (go vet accepts it)', async () => {
    const after = await fixesAll('client.go', SOURCE, 'go');
    expect(after).toContain('func (c *Client) Login(user, pass string) error {\n\treturn nil\n}');
    expect(after).toContain('\treq.SetBasicAuth(os.Getenv("JIRA_EMAIL"), os.Getenv("JIRA_API_TOKEN"))\n\treturn c.http.Do(req)');
    expect(after).not.toContain('"strings"');
    goChecks(after, true);
  });

  it('refuses when another method hands the field out (it would return an empty cookie)', async () => {
    const result = await fix('client.go', `${SOURCE}\nfunc (c *Client) Cookie() string {\n\treturn c.cookie\n}\n`, 'go');
    expect(result.status).toBe('manual');
  });
});

describe('Java: HttpURLConnection, the cookies kept in a field and copied by a loop in another method', () => {
  const SOURCE = `import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;

public class Conn {
    private final String base;
    private List<String> cookies;

    public Conn(String base) {
        this.base = base;
    }

    public void login(String json) throws Exception {
        URL url = new URL(base + "/rest/auth/1/session");
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setRequestMethod("POST");
        conn.setDoOutput(true);
        OutputStream out = conn.getOutputStream();
        out.write(json.getBytes("UTF-8"));
        out.close();
        cookies = conn.getHeaderFields().get("Set-Cookie");
    }

    public int get(String path) throws Exception {
        HttpURLConnection conn = (HttpURLConnection) new URL(base + path).openConnection();
        for (String cookie : cookies) {
            conn.addRequestProperty("Cookie", cookie.split(";", 2)[0]);
        }
        return conn.getResponseCode();
    }
}
`;

  it('the login, its URL and the field go; the loop becomes one Authorization header; another method’s conn is no reader (javac compiles it)', async () => {
    const after = await fixesAll('Conn.java', SOURCE, 'java');
    expect(after).toContain('    public void login(String json) throws Exception {\n    }\n');
    expect(after).toContain(`        conn.addRequestProperty("Authorization", ${BASIC_JAVA});\n        return conn.getResponseCode();`);
    expect(after).not.toMatch(/cookies|URL url/);
    const classes = mkdtempSync(join(tmpdir(), 'tokenshift-javac-'));
    try {
      if (has('javac')) syntaxCheck('Conn.java', after, 'javac', ['-d', classes]);
    } finally {
      rmSync(classes, { recursive: true, force: true });
    }
  });

  it('refuses when another method reads the cookies field too', async () => {
    const result = await fix('Conn.java', SOURCE.replace('    public int get(', '    public List<String> session() {\n        return cookies;\n    }\n\n    public int get('), 'java');
    expect(result.status).toBe('manual');
  });
});

describe('PHP: the cookie kept in $this->cookie and sent by another method', () => {
  const SOURCE = `<?php

class Tracker
{
    private $base;
    private $cookie;

    public function __construct($base)
    {
        $this->base = $base;
    }

    public function login($user, $pass)
    {
        $ch = curl_init($this->base . '/rest/auth/1/session');
        curl_setopt($ch, CURLOPT_POST, true);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['username' => $user, 'password' => $pass]));
        $answer = json_decode(curl_exec($ch));
        curl_close($ch);
        $this->cookie = $answer->session->name . '=' . $answer->session->value;
    }

    public function issue($key)
    {
        $ch = curl_init($this->base . '/rest/api/2/issue/' . $key);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_HTTPHEADER, ['Cookie: ' . $this->cookie]);
        return json_decode(curl_exec($ch));
    }
}
`;

  it('login() empties; issue() sends Basic credentials; another method’s $ch is no reader (php -l accepts it)', async () => {
    const after = await fixesAll('Tracker.php', SOURCE, 'php');
    expect(after).toContain('    public function login($user, $pass)\n    {\n    }\n');
    expect(after).toContain("curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Basic ' . base64_encode(getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN'))]);");
    phpParses(after);
  });

  it('refuses when another method hands $this->cookie out', async () => {
    const result = await fix('Tracker.php', SOURCE.replace('    public function issue(', '    public function cookie()\n    {\n        return $this->cookie;\n    }\n\n    public function issue('), 'php');
    expect(result.status).toBe('manual');
  });
});

describe('Kotlin: the cookie kept in a property and sent by another function', () => {
  const SOURCE = `import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody

class Tracker(private val base: String) {
    private val http = OkHttpClient()
    private var cookie: String? = null

    fun login(json: String) {
        val request = Request.Builder().url("$base/rest/auth/1/session").post(json.toRequestBody()).build()
        http.newCall(request).execute().use { response ->
            cookie = response.header("Set-Cookie")
        }
    }

    fun issue(key: String): String? {
        val request = Request.Builder().url("$base/rest/api/2/issue/$key").header("Cookie", cookie ?: "").build()
        return http.newCall(request).execute().use { it.body?.string() }
    }
}
`;

  it('login() empties; issue() sends Basic credentials; another function’s request is no reader', async () => {
    const after = await fixesAll('Tracker.kt', SOURCE, 'kotlin');
    expect(after).toContain('    fun login(json: String) {\n    }\n');
    expect(after).toContain('.header("Authorization", "Basic " + java.util.Base64');
  });

  it('refuses when another function hands the property out (the assignment in the use { } block is tracked)', async () => {
    const result = await fix('Tracker.kt', SOURCE.replace('    fun issue(', '    fun session(): String? = cookie\n\n    fun issue('), 'kotlin');
    expect(result.status).toBe('manual');
  });
});

describe('C#: the cookie kept in a field and sent by another method', () => {
  const SOURCE = `using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

public class Tracker
{
    private readonly HttpClient http = new HttpClient(new HttpClientHandler { UseCookies = false });
    private readonly string root;
    private string cookie;

    public Tracker(string root)
    {
        this.root = root;
    }

    public async Task Login(string json)
    {
        var answer = await http.PostAsync(root + "/rest/auth/1/session", new StringContent(json, Encoding.UTF8, "application/json"));
        this.cookie = string.Join("; ", answer.Headers.GetValues("Set-Cookie"));
    }

    public async Task<string> Issue(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, root + "/rest/api/2/issue/" + key);
        request.Headers.Add("Cookie", cookie);
        var answer = await http.SendAsync(request);
        return await answer.Content.ReadAsStringAsync();
    }
}
`;

  it('Login() empties; Issue() sends Basic credentials; another method’s answer is no reader', async () => {
    const after = await fixesAll('Tracker.cs', SOURCE, 'csharp');
    expect(after).toContain('    public async Task Login(string json)\n    {\n    }\n');
    expect(after).toContain('request.Headers.Add("Authorization", "Basic " + System.Convert.ToBase64String(');
  });

  it('refuses when another method hands the field out (this.cookie is tracked)', async () => {
    const result = await fix('Tracker.cs', SOURCE.replace('    public async Task<string> Issue(', '    public string Cookie() => cookie;\n\n    public async Task<string> Issue('), 'csharp');
    expect(result.status).toBe('manual');
  });
});

// Shapes seen in public scripts: the login's JSON answer read by hand (`['session']['name'] + '=' + …['value']`)
// into a `cookie` header, the login's variable then reused for the next request.
describe('Python: a login whose variable the next request binds anew', () => {
  const SOURCE = `import json
import os
import requests


def tickets():
    headers = {'content-type': 'application/json'}
    body = json.dumps({"username": os.environ['jirauser'], "password": os.environ['jirapass']})
    response = requests.post(os.environ['jirabase'] + '/rest/auth/1/session', data=body, headers=headers)
    jsonResponse = json.loads(response.content.decode('utf8'))
    headers = {
        'content-type': 'application/json',
        'cookie': "{0}={1}".format(jsonResponse['session']['name'], jsonResponse['session']['value'])
    }
    response = requests.post(os.environ['jirabase'] + '/rest/api/2/search', data=json.dumps({"jql": "project=OPS"}), headers=headers)
    return json.loads(response.content.decode('utf8'))
`;

  it('the login and the answer read from it go; the header sends Basic auth (py_compile accepts it)', async () => {
    const after = await fixesAll('tickets.py', SOURCE, 'python');
    expect(after).not.toMatch(/auth\/1\/session|jsonResponse/);
    expect(after).toContain('"Authorization": "Basic " + base64.b64encode(');
    expect(after).toContain("    response = requests.post(os.environ['jirabase'] + '/rest/api/2/search'");
    if (has('python3')) syntaxCheck('tickets.py', after, 'python3', ['-m', 'py_compile']);
  });

  it('keeps the login when a read of its answer comes before the new binding', async () => {
    const result = await fix('tickets.py', SOURCE.replace("    response = requests.post(os.environ['jirabase'] + '/rest/api/2/search'", "    with open('login.txt', 'w') as out:\n        out.write(response.text)\n    response = requests.post(os.environ['jirabase'] + '/rest/api/2/search'"), 'python');
    expect(result.after ?? SOURCE).toContain('/rest/auth/1/session');
    expect(result.manual.some((entry) => entry.finding.ruleId === 'session-login-call')).toBe(true);
  });
});

describe('Python: a session whose whole cookie jar is the login’s (`s.cookies = r.cookies`)', () => {
  const SOURCE = `import requests

SEARCH = "http://jira.example.com:8080/rest/api/2/search"


def query(user):
    r = requests.post('http://jira.example.com:8080/rest/auth/1/session', json={'username': user, 'password': 'jar-pass-5'})
    s = requests.session()
    s.cookies = r.cookies
    return s.get(SEARCH).json()
`;

  it('the jar assignment sets s.auth, the login goes with its password (py_compile accepts it)', async () => {
    const after = await fixesAll('query.py', SOURCE, 'python');
    expect(after).toMatch(/ {4}s = requests\.session\(\)\n( {4}#.*\n)? {4}s\.auth = \(os\.environ\["JIRA_EMAIL"\], os\.environ\["JIRA_API_TOKEN"\]\)\n {4}return s\.get\(SEARCH\)/);
    expect(after).not.toMatch(/jar-pass-5|auth\/1\/session|r\.cookies/);
    if (has('python3')) syntaxCheck('query.py', after, 'python3', ['-m', 'py_compile']);
  });

  it('leaves the jar of an object that is not a session made here', async () => {
    const result = await fix('query.py', SOURCE.replace('s = requests.session()', 's = make_client()'), 'python');
    expect(result.after ?? SOURCE).toContain('s.cookies = r.cookies');
    expect(result.manual.some((entry) => entry.finding.ruleId === 'session-login-call')).toBe(true);
  });
});

describe('Python: a check right after the login that stops when it failed', () => {
  const SOURCE = `import requests


def issues(base, user):
    r = requests.post(base + '/rest/auth/1/session', json={'username': user, 'password': 'check-pass-8'})

    if r.status_code != 200:
        print('Invalid login')
        return None

    jira_cookie = {'JSESSIONID': r.cookies['JSESSIONID']}
    return requests.get(base + '/rest/api/2/search', cookies=jira_cookie).json()
`;

  it.each([['r.status_code != 200'], ['r.status_code not in (200, 204)'], ['r.status_code >= 400'], ['not r.ok']])('`if %s:` goes with the login (py_compile accepts it)', async (condition) => {
    const after = await fixesAll('issues.py', SOURCE.replace('r.status_code != 200', condition), 'python');
    expect(after).not.toMatch(/check-pass-8|auth\/1\/session|Invalid login|jira_cookie/);
    expect(after).toContain('    return requests.get(base + \'/rest/api/2/search\', auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])).json()');
    if (has('python3')) syntaxCheck('issues.py', after, 'python3', ['-m', 'py_compile']);
  });

  it.each([
    ['a test of something else too', 'if r.status_code != 200:', 'if r.status_code != 200 and user:'],
    ['a branch that does more', "        print('Invalid login')", "        print('Invalid login')\n        retries = 0"],
    ['an else branch', '        return None\n', "        return None\n    else:\n        print('ok')\n"],
  ])('keeps the login when the check is %s', async (_, from, to) => {
    const result = await fix('issues.py', SOURCE.replace(from, to), 'python');
    expect(result.after ?? SOURCE).toContain('/rest/auth/1/session');
    expect(result.manual.some((entry) => entry.finding.ruleId === 'session-login-call')).toBe(true);
  });
});

describe('Python: the code that runs only when the login worked (`if r.status_code == 200:`)', () => {
  // Tab-indented, as in the public scripts this shape comes from.
  const SOURCE = `import json
import requests

data = {'username': 'ops', 'password': 'guard-pass-3'}
r = requests.post('https://jira.example.com/rest/auth/1/session', data=json.dumps(data), headers={'Content-Type': 'application/json'})
if(r.status_code==200):
\tsessionJson = json.loads(r.text)
\tsessionId = sessionJson['session']['name'] + "=" + sessionJson['session']['value']
\tauthenticatedHeader = {'Accept': 'application/json', 'cookie': sessionId}
\tfor key in ['OPS-1', 'OPS-2']:
\t\tres = requests.get('https://jira.example.com/rest/api/2/issue/' + key,
\t\t                   headers=authenticatedHeader)
\t\tprint(res.status_code)
`;

  it('the `if` goes and its body moves out a level; the login, its answer and the password go (py_compile accepts it)', async () => {
    const after = await fixesAll('upload.py', SOURCE, 'python');
    expect(after).not.toMatch(/guard-pass-3|auth\/1\/session|status_code==200|sessionJson|sessionId/);
    expect(after).toMatch(/\n# JIRA_EMAIL.*\nauthenticatedHeader = \{'Accept': 'application\/json', "Authorization": "Basic " \+ base64/);
    expect(after).toContain("\nfor key in ['OPS-1', 'OPS-2']:\n\tres = requests.get('https://jira.example.com/rest/api/2/issue/' + key,\n\t                   headers=authenticatedHeader)\n\tprint(res.status_code)\n");
    if (has('python3')) syntaxCheck('upload.py', after, 'python3', ['-m', 'py_compile']);
  });

  it.each([
    ['has an else branch', `${SOURCE}else:\n\tprint('login failed')\n`],
    ['tests something else', SOURCE.replace('if(r.status_code==200):', 'if(r.status_code==200 and key):')],
    ['holds a string over several lines', SOURCE.replace("\t\tprint(res.status_code)\n", '\t\tprint("""done\n\t\t""")\n')],
  ])('keeps the login when the check %s', async (_, source) => {
    const result = await fix('upload.py', source, 'python');
    expect(result.after ?? source).toContain('/rest/auth/1/session');
    expect(result.manual.some((entry) => entry.finding.ruleId === 'session-login-call')).toBe(true);
  });
});

describe('Python: a function left with nothing once the login and its success check go', () => {
  it('gets `pass` (py_compile accepts it)', async () => {
    const source = `import requests


def login(url):
    r = requests.post(url + '/rest/auth/1/session', json={'username': 'u', 'password': 'edge-pass-1'})
    if r.status_code == 200:
        print(r.text)


def later(url, jar):
    return requests.get(url, cookies=jar)
`;
    const after = await fixesAll('edge.py', source, 'python');
    expect(after).toContain('def login(url):\n    pass\n');
    expect(after).not.toMatch(/edge-pass-1|status_code/);
    if (has('python3')) syntaxCheck('edge.py', after, 'python3', ['-m', 'py_compile']);
  });
});
