import { redactEvidence, redactSecretLiterals } from './redact-evidence';

describe('redactEvidence', () => {
  it.each([
    ['go-jira positional login', 'ok, err := c.Authentication.AcquireSessionCookie("jdoe", "pw-1")', 'ok, err := c.Authentication.AcquireSessionCookie("****", "****")'],
    ['requests session auth tuple', "s.auth = ('jdoe', 'pw-2')", "s.auth = ('****', '****')"],
    ['RestAssured basic', 'given().auth().preemptive().basic("jdoe", "pw-3").post(url)', 'given().auth().preemptive().basic("****", "****").post(url)'],
    ['login call', 'client.login("jdoe", "pw-4");', 'client.login("****", "****");'],
    ['python jira cookie auth', 'JIRA(server, auth=("jdoe","pw-5"))', 'JIRA(server, auth=("****","****"))'],
    ['ruby call without parentheses', "req.basic_auth 'jdoe', 'pw-6'", "req.basic_auth '****', '****'"],
    ['tuple in a variable', 'JIRA_CREDS = ["jdoe", "pw-7"]', 'JIRA_CREDS = ["****", "****"]'],
    ['escaped quote inside the literal', String.raw`login("jdoe", "pw\"8")`, 'login("****", "****")'],
    ['PowerShell secure string', 'ConvertTo-SecureString "pw-9" -AsPlainText -Force', 'ConvertTo-SecureString "****" -AsPlainText -Force'],
    ['request options pass', "auth: { user: 'jdoe', pass: 'pw-10' }", "auth: { user: 'jdoe', pass: '****' }"],
    ['curl --user=', 'curl --user=jdoe:pw-11 https://j', 'curl --user=jdoe:**** https://j'],
    ['PHP CURLOPT_USERPWD', 'curl_setopt($ch, CURLOPT_USERPWD, "jdoe:pw-12");', 'curl_setopt($ch, CURLOPT_USERPWD, "****");'],
    ['token', `x = "tsk_${'A'.repeat(49)}"`, 'x = "tsk_****"'],
    ['XMLHttpRequest open with user and password', "xhr.open('POST', base + '/rest/auth/1/session', false, 'jdoe', 'pw-14');", "xhr.open('POST', base + '/rest/auth/1/session', false, '****', '****');"],
    ['VBA MSXML Open without parentheses', 'http.Open "POST", url & "/rest/auth/1/session", False, "jdoe", "pw-15"', 'http.Open "POST", url & "/rest/auth/1/session", False, "****", "****"'],
    ['URL user info', 'requests.post("https://jdoe:pw%2D16@j.example.com/rest/auth/1/session")', 'requests.post("https://jdoe:****@j.example.com/rest/auth/1/session")'],
    ['Clojure keyword map', '(http/post url {:form-params {:username "jdoe" :password "pw-19"}})', '(http/post url {:form-params {:username "jdoe" :password "****"}})'],
    ['Emacs Lisp alist', "(json-encode `((username . ,user) (password . \"pw-20\")))", "(json-encode `((username . ,user) (password . \"****\")))"],
    ['Objective-C literal', '@{@"username": @"jdoe", @"password": @"pw-21"}', '@{@"username": @"jdoe", @"password": @"****"}'],
    ['Python raw string', 'login_body = dict(password=r"pw-22")', 'login_body = dict(password=r"****")'],
    ['VB doubled quotes', 'body = "{""username"":""jdoe"",""password"":""pw-23""}"', 'body = "{""username"":""jdoe"",""password"":""****""}"'],
    ['Postman key/value pair', '{"key":"password","value":"pw-17","type":"string"},{"value":"pw-18","key":"password"}', '{"key":"password","value":"****","type":"string"},{"value":"****","key":"password"}'],
    ['a secret key and its literal as two arguments', 'json.put("password", "pw-24"); Map.of("username", "jdoe", "pass", \'pw-25\')', 'json.put("password", "****"); Map.of("username", "jdoe", "pass", \'****\')'],
  ])('%s', (_, evidence, expected) => {
    expect(redactEvidence(evidence)).toBe(expected);
  });

  it('keeps what holds no credential: the session path, Basic auth options by name, an unclosed call', () => {
    expect(redactEvidence('requests.post("https://j/rest/auth/1/session", json=body)')).toBe('requests.post("https://j/rest/auth/1/session", json=body)');
    expect(redactEvidence('JIRA(server, basic_auth=(email, token))')).toBe('JIRA(server, basic_auth=(email, token))');
    expect(redactEvidence('auth: tuple[str, str] | None = None')).toBe('auth: tuple[str, str] | None = None');
    expect(redactEvidence('s.login("jdoe", "pw-13"')).toBe('s.login("****", "****"');
    expect(redactEvidence('json.put("password", pw); add("token", ""); headers.put("tokenType", "Bearer");')).toBe('json.put("password", pw); add("token", ""); headers.put("tokenType", "Bearer");');
  });

  it('replaces the literals a caller found elsewhere, and is idempotent', () => {
    const once = redactEvidence('conn.open(USER, "from-a-constant")', ['from-a-constant']);
    expect(once).toBe('conn.open(USER, "****")');
    expect(redactEvidence(once)).toBe(once);
  });

  it('redactSecretLiterals: a literal under a secret key goes, an environment read in a credential call stays', () => {
    expect(redactSecretLiterals('\t\tjson.put("password", "pw-26");')).toBe('\t\tjson.put("password", "****");');
    expect(redactSecretLiterals('body("{ \\"username\\": \\"jdoe\\", \\"password\\": \\"pw-27\\" }")')).toBe('body("{ \\"username\\": \\"jdoe\\", \\"password\\": \\"****\\" }")');
    const kept = '.auth().preemptive().basic(System.getenv("JIRA_EMAIL"), System.getenv("JIRA_API_TOKEN")); password: ENV.fetch("JIRA_API_TOKEN")';
    expect(redactSecretLiterals(kept)).toBe(kept);
  });
});
