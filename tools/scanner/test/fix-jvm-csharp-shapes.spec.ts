import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/*
 * Shapes seen in public Kotlin and C# clients (Ktor request blocks, Fuel header pairs, RestSharp cookies and clients
 * that keep the login's cookie), each written here as a small client of its own.
 */

const KOTLIN_BASIC = '"Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv("JIRA_EMAIL") + ":" + System.getenv("JIRA_API_TOKEN")).toByteArray())';
const CSHARP_BASIC =
  '"Basic " + System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(System.Environment.GetEnvironmentVariable("JIRA_EMAIL") + ":" + System.Environment.GetEnvironmentVariable("JIRA_API_TOKEN")))';

jest.setTimeout(30_000);

describe('Kotlin: Ktor request blocks and Fuel header pairs', () => {
  const KTOR = `import io.ktor.client.HttpClient
import io.ktor.client.request.get
import io.ktor.client.request.header
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.bodyAsText
import io.ktor.http.HttpHeaders
import kotlinx.coroutines.runBlocking

fun main() = runBlocking {
    val tracker = System.getenv("TRACKER_URL")
    val http = HttpClient()
    val answer = http.post("$tracker/rest/auth/1/session") {
        header(HttpHeaders.ContentType, "application/json")
        setBody("""{"username":"builder","password":"kt-pw-31"}""")
    }
    val sessionCookie = answer.headers[HttpHeaders.SetCookie]
    val board = http.get("$tracker/rest/agile/1.0/board") {
        header(HttpHeaders.Cookie, sessionCookie)
    }
    println(board.bodyAsText())
}
`;

  it("Ktor: the block's header(HttpHeaders.Cookie, …) sends Basic credentials; the login and its cookie go", async () => {
    const result = await scanAndFix('src/main/kotlin/Board.kt', KTOR, 'kotlin');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`        header("Authorization", ${KOTLIN_BASIC})\n`);
    expect(result.after).not.toContain('/rest/auth/1/session');
    expect(result.after).not.toContain('sessionCookie');
    expect(result.passwords).toEqual([{ line: 15, removed: true }]);
    await expectCleanAndStable(result, 'kotlin');
  });

  it('outside a Ktor file an unchained header(…) is not taken for a request header (a person decides)', async () => {
    const result = await scanAndFix('src/main/kotlin/Board.kt', KTOR.replace(/^import io\.ktor\..*\n/gm, ''), 'kotlin');
    expect(result.status).toBe('manual');
    expect(result.after).toBeUndefined();
  });

  const FUEL = `import com.github.kittinunf.fuel.Fuel

fun main() {
    val tracker = System.getenv("TRACKER_URL")
    val (_, loginResponse, _) = Fuel.post("$tracker/rest/auth/1/session")
        .header("Content-Type" to "application/json")
        .body("""{"username":"builder","password":"kt-pw-32"}""")
        .response()
    val jsession = loginResponse.headers["Set-Cookie"].first()
    val (_, _, result) = Fuel.get("$tracker/rest/api/2/myself").header("Cookie" to jsession).responseString()
    println(result.get())
}
`;

  it('Fuel: .header("Cookie" to c) becomes the Authorization pair; the login and its Set-Cookie reading go', async () => {
    const result = await scanAndFix('src/main/kotlin/Me.kt', FUEL, 'kotlin');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`.header("Authorization" to ${KOTLIN_BASIC}).responseString()`);
    expect(result.after).not.toContain('loginResponse');
    expect(result.after).not.toContain('kt-pw-32');
    await expectCleanAndStable(result, 'kotlin');
  });

  it('Fuel: refuses while the login answer is still read (a branch on its status)', async () => {
    const source = FUEL.replace('    val (_, _, result)', '    if (loginResponse.statusCode != 200) println("no session")\n    val (_, _, result)');
    const result = await scanAndFix('src/main/kotlin/Me.kt', source, 'kotlin');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('send the header "Authorization"');
  });
});

describe('C#: RestSharp cookies and clients that keep the login cookie', () => {
  const ADD_COOKIE = `using System;
using RestSharp;

public static class Sprint
{
    public static void Main()
    {
        var rest = new RestClient(Environment.GetEnvironmentVariable("TRACKER_URL"));
        var auth = new RestRequest("rest/auth/1/session", Method.POST);
        auth.AddJsonBody(new { username = "builder", password = "cs-pw-41" });
        var session = rest.Execute<SessionAnswer>(auth).Data.Session;
        var sprint = new RestRequest("rest/agile/1.0/sprint/7", Method.GET);
        sprint.AddCookie("JSESSIONID", session.Value);
        Console.WriteLine(rest.Execute(sprint).Content);
    }
}
`;

  it('request.AddCookie("JSESSIONID", …) becomes AddHeader("Authorization", …); the login goes', async () => {
    const result = await scanAndFix('Tools/Sprint.cs', ADD_COOKIE, 'csharp');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`        sprint.AddHeader("Authorization", ${CSHARP_BASIC});\n`);
    expect(result.after).not.toContain('rest/auth/1/session');
    expect(result.after).not.toContain('session.Value');
    expect(result.after).toContain('Console.WriteLine(rest.Execute(sprint).Content);');
    await expectCleanAndStable(result, 'c_sharp');
  });

  it('the old cookie parameter, AddParameter("JSESSIONID", …, ParameterType.Cookie), likewise; another cookie name stays', async () => {
    const source = ADD_COOKIE.replace('sprint.AddCookie("JSESSIONID", session.Value);', 'sprint.AddParameter("JSESSIONID", session.Value, ParameterType.Cookie);\n        sprint.AddCookie("locale", "en");');
    const result = await scanAndFix('Tools/Sprint.cs', source, 'csharp');
    expect(result.after).toContain(`sprint.AddHeader("Authorization", ${CSHARP_BASIC});`);
    expect(result.after).toContain('sprint.AddCookie("locale", "en");');
    await expectCleanAndStable(result, 'c_sharp');
  });

  const KEPT = `using System;
using System.Net;
using RestSharp;

public static class Backlog
{
    public static void Main()
    {
        var rest = new RestClient(Environment.GetEnvironmentVariable("TRACKER_URL")) { CookieContainer = new CookieContainer() };
        var auth = new RestRequest("rest/auth/1/session", Method.POST);
        auth.AddJsonBody(new { username = "builder", password = "cs-pw-42" });
        rest.Execute(auth);
        var backlog = rest.Execute(new RestRequest("rest/agile/1.0/board/3/backlog", Method.GET));
        Console.WriteLine(backlog.Content);
    }
}
`;

  it("a RestClient whose CookieContainer kept the login's cookie: the login becomes the client's default Authorization header", async () => {
    const result = await scanAndFix('Tools/Backlog.cs', KEPT, 'csharp');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`        rest.AddDefaultHeader("Authorization", ${CSHARP_BASIC});\n        var backlog = rest.Execute(`);
    expect(result.after).not.toContain('auth.AddJsonBody');
    expect(result.after).not.toContain('cs-pw-42');
    await expectCleanAndStable(result, 'c_sharp');
  });

  it('refuses when the login went through a client nothing uses afterwards (its header would reach no request)', async () => {
    const source = KEPT.replace('        rest.Execute(auth);\n', '        new RestClient("https://jira.example.com").Execute(auth);\n');
    const result = await scanAndFix('Tools/Backlog.cs', source, 'csharp');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Remove this session login');
  });
});
