import { expectCleanAndStable, scanAndFix } from './fix-helpers';

const BASIC = '.basic_auth(std::env::var("JIRA_EMAIL").unwrap_or_default(), std::env::var("JIRA_API_TOKEN").ok())';

jest.setTimeout(30_000);

describe('Rust (reqwest): session logins whose cookie the same function sends', () => {
  const ASYNC = `use reqwest::header::COOKIE;
use serde_json::{json, Value};

pub async fn open_issues(base: &str, user: &str, secret: &str) -> reqwest::Result<Value> {
    let http = reqwest::Client::new();
    let credentials = json!({ "username": user, "password": secret });
    let login: Value = http
        .post(format!("{}/rest/auth/1/session", base))
        .json(&credentials)
        .send()
        .await?
        .json()
        .await?;
    let session = format!("{}={}", login["session"]["name"].as_str().unwrap_or(""), login["session"]["value"].as_str().unwrap_or(""));
    http.get(format!("{}/rest/api/2/search?jql=resolution=unresolved", base))
        .header(COOKIE, session.as_str())
        .send()
        .await?
        .json()
        .await
}
`;

  it('async client: the login, its JSON credentials and the cookie go; the request calls .basic_auth from the environment', async () => {
    const result = await scanAndFix('src/issues.rs', ASYNC, 'rust');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`        ${BASIC}\n        .send()`);
    expect(result.after).not.toMatch(/rest\/auth|credentials|let login|let session/);
    expect(result.after).toContain('    let http = reqwest::Client::new();\n');
    await expectCleanAndStable(result, 'rust');
  });

  it('--bearer: .bearer_auth with the personal access token', async () => {
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('src/issues.rs', ASYNC, 'rust', options);
    expect(result.after).toContain('.bearer_auth(std::env::var("JIRA_PAT").unwrap_or_default())');
    await expectCleanAndStable(result, 'rust', options);
  });

  it('blocking client with a "Cookie" header built from the answer; refuses when a format string still reads the cookie', async () => {
    const blocking = `fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = reqwest::blocking::Client::new();
    let answer: serde_json::Value = client
        .post("https://jira.example.com/rest/auth/latest/session")
        .json(&serde_json::json!({"username": "svc", "password": std::env::var("JIRA_PASSWORD")?}))
        .send()?
        .json()?;
    let jsessionid = answer["session"]["value"].as_str().unwrap_or_default().to_string();
    let me = client.get("https://jira.example.com/rest/api/2/myself").header("Cookie", format!("JSESSIONID={}", jsessionid)).send()?;
    println!("{}", me.text()?);
    Ok(())
}
`;
    const result = await scanAndFix('src/main.rs', blocking, 'rust');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`client.get("https://jira.example.com/rest/api/2/myself")${BASIC}.send()?;`);
    expect(result.after).not.toMatch(/answer|jsessionid|JIRA_PASSWORD/);
    await expectCleanAndStable(result, 'rust');

    const logged = blocking.replace('    println!("{}", me.text()?);', '    println!("session {jsessionid}: {}", me.text()?);');
    const kept = await scanAndFix('src/main.rs', logged, 'rust');
    expect(kept.after).toContain('let answer');
    expect(kept.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('.basic_auth(');
  });

  it('refuses a login into a cookie store (its answer reaches no header here): removing it would leave the calls anonymous', async () => {
    const store = `async fn run(base: &str) -> reqwest::Result<String> {
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    client.post(format!("{}/rest/auth/1/session", base)).json(&serde_json::json!({"username": "u", "password": "p"})).send().await?;
    client.get(format!("{}/rest/api/2/myself", base)).send().await?.text().await
}
`;
    const result = await scanAndFix('src/store.rs', store, 'rust');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('.basic_auth(');
  });

  it('leaves a file without reqwest (another HTTP crate) to a person', async () => {
    const ureq = `fn main() {
    let body = ureq::json!({"username": "u", "password": "p"});
    let resp = ureq::post("https://jira.example.com/rest/auth/1/session").send_json(body).unwrap();
    let cookie = resp.header("set-cookie").unwrap_or("").to_string();
    ureq::get("https://jira.example.com/rest/api/2/myself").set("Cookie", &cookie).call().unwrap();
}
`;
    const result = await scanAndFix('src/main.rs', ureq, 'rust');
    expect(result.status).toBe('manual');
  });
});
