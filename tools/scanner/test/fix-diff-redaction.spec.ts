import { findingsOf } from '../src/fix/fix-file';
import { redactedDiff } from '../src/fix/redacted-diff';
import { scanAndFix } from './fix-helpers';

// Shape of RestAssured tutorials (written here from scratch): the login's body is a JSON object filled with put(),
// password included; the rewrite drops the login but leaves those lines, which the dry run's diff shows as context.

jest.setTimeout(60_000);

const LOGIN = `import static io.restassured.RestAssured.given;

import org.json.simple.JSONObject;

import io.restassured.RestAssured;
import io.restassured.response.Response;

public class CookieLogin {
	public static void main(String[] args) {
		JSONObject json = new JSONObject();
		json.put("username", "qa.bot");
		json.put("password", "pw-in-a-put-42");

		RestAssured.baseURI = "http://localhost:8080/";
		Response res = RestAssured.given().header("Content-Type", "application/json").body(json).post("/rest/auth/1/session");
		String sessionid = res.getCookies().get("JSESSIONID");

		given().cookie("JSESSIONID", sessionid).when().get("/rest/api/2/myself").then().statusCode(200);
	}
}
`;

describe('fix: the dry run diff never shows a password', () => {
  it('a password put() into the login body and left in place is redacted in the context lines', async () => {
    const result = await scanAndFix('CookieLogin.java', LOGIN, 'java');
    expect(result.status).toBe('rewritten');
    const diff = redactedDiff(result.file, result.before, result.after ?? '', findingsOf(result));
    expect(diff).toContain('/rest/auth/1/session');
    expect(diff).not.toContain('pw-in-a-put-42');
    expect(diff).toContain('System.getenv("JIRA_EMAIL")');
  });
});
