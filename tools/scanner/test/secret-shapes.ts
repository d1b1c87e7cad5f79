/**
 * Every shape in which a credential can sit on a line the scanner reports, per language: a file template with the
 * planted secret. Used by the secrets property test (random secrets, every output must be free of them). Each
 * template puts the secret on a line that carries a finding, so its evidence would show the secret unredacted.
 */
export interface SecretShape {
  name: string;
  file: string;
  source: (secret: string) => string;
}

const shape = (name: string, file: string, lines: (secret: string) => string[]): SecretShape => ({ name, file, source: (secret) => `${lines(secret).join('\n')}\n` });

export const SECRET_SHAPES: SecretShape[] = [
  shape('go AcquireSessionCookie positional', 'go/login.go', (s) => ['package main', '', 'func login() {', `\tok, err := client.Authentication.AcquireSessionCookie("jdoe", "${s}")`, '\t_ = ok; _ = err', '}']),
  shape('go CookieAuthTransport field', 'go/transport.go', (s) => ['package main', '', `var tp = jira.CookieAuthTransport{Username: "jdoe", Password: "${s}", AuthURL: base + "/rest/auth/1/session"}`]),
  shape('go SetBasicAuth on the login request', 'go/basic.go', (s) => ['package main', '', 'func f() {', `\treq, _ := http.NewRequest("POST", base+"/rest/auth/1/session", nil); req.SetBasicAuth("jdoe", "${s}")`, '}']),
  shape('python requests session auth tuple', 'python/session_auth.py', (s) => ['import requests', 's = requests.Session()', `s.auth = ("jdoe", "${s}"); s.post(BASE + "/rest/auth/1/session")`]),
  shape('python auth= keyword on the login call', 'python/login_auth.py', (s) => ['import requests', `requests.post("https://j/rest/auth/1/session", auth=("jdoe", "${s}"))`]),
  shape('python JIRA(auth=...)', 'python/jira_cookie.py', (s) => ['from jira import JIRA', `jira = JIRA("https://j", auth=("jdoe", "${s}"))`]),
  shape('python login(user, pw) positional', 'python/client_login.py', (s) => ['import requests', `client.login("jdoe", "${s}", url="https://j/rest/auth/1/session")`]),
  shape('python constant used on the login line', 'python/constant.py', (s) => ['import requests', `JIRA_PW = "${s}"`, 'requests.post("https://j/rest/auth/1/session", json={"username": "jdoe", "password": JIRA_PW})  # JIRA_PW', `print("${s}"); requests.delete("https://j/rest/auth/1/session")`]),
  shape('java RestAssured basic', 'java/Login.java', (s) => ['class Login {', '  void run() {', `    given().auth().preemptive().basic("jdoe", "${s}").post("/rest/auth/1/session");`, '  }', '}']),
  shape('java JSON body built with put', 'java/JsonLogin.java', (s) => ['class JsonLogin {', '  void run() {', '    JSONObject body = new JSONObject();', `    body.put("password", "${s}");`, '    given().body(body.toString()).post("/rest/auth/1/session");', '  }', '}']),
  shape('kotlin OkHttp Credentials.basic', 'kotlin/Login.kt', (s) => ['fun login() {', `    val request = Request.Builder().url("$base/rest/auth/1/session").header("Authorization", Credentials.basic("jdoe", "${s}")).build()`, '}']),
  shape('groovy RestAssured basic', 'groovy/login.groovy', (s) => [`given().auth().basic('jdoe', '${s}').post('/rest/auth/1/session')`]),
  shape('javascript jira-connector auth.login', 'javascript/bot.js', (s) => ["const JiraClient = require('jira-connector');", `jira.auth.login({ username: 'jdoe', password: '${s}' });`]),
  shape('javascript login(user, pw) positional', 'javascript/login.js', (s) => [`api.login('jdoe', '${s}', '/rest/auth/1/session');`]),
  shape('typescript axios login body', 'typescript/login.ts', (s) => [`await axios.post('/rest/auth/1/session', { username: 'jdoe', password: '${s}' });`]),
  shape('typescript request auth pass', 'typescript/request.ts', (s) => [`request.post({ url: base + '/rest/auth/1/session', auth: { user: 'jdoe', pass: '${s}' } });`]),
  shape('ruby jira-ruby cookie client', 'ruby/client.rb', (s) => [`client = JIRA::Client.new(username: 'jdoe', password: '${s}', site: url, auth_type: :cookie)`]),
  shape('ruby basic_auth without parentheses', 'ruby/net_http.rb', (s) => [`req = Net::HTTP::Post.new('/rest/auth/1/session'); req.basic_auth 'jdoe', '${s}'`]),
  shape('php lesstif array config', 'php/jira.php', (s) => ['<?php', `$config = new ArrayConfiguration(['jiraUser' => 'jdoe', 'jiraPassword' => '${s}', 'cookieAuthEnabled' => true]);`]),
  shape('php curl userpwd', 'php/curl.php', (s) => ['<?php', `$ch = curl_init('https://j/rest/auth/1/session'); curl_setopt($ch, CURLOPT_USERPWD, 'jdoe:${s}');`]),
  shape('csharp Dapplo Session.StartAsync', 'csharp/Login.cs', (s) => ['class Login {', '  async Task Run() {', `    await client.Session.StartAsync("jdoe", "${s}");`, '  }', '}']),
  shape('csharp NetworkCredential on the login call', 'csharp/Cred.cs', (s) => ['class Cred {', `  void Run() { var r = http.PostAsync(base + "/rest/auth/1/session", Body(new NetworkCredential("jdoe", "${s}"))); }`, '}']),
  shape('shell curl -u', 'shell/login.sh', (s) => ['#!/bin/sh', `curl -u 'jdoe:${s}' -X POST "$JIRA/rest/auth/1/session"`]),
  shape('shell curl body', 'shell/body.sh', (s) => ['#!/bin/sh', `curl -X POST "$JIRA/rest/auth/1/session" -H 'Content-Type: application/json' -d '{"username":"jdoe","password":"${s}"}'`]),
  shape('swift login body', 'swift/Login.swift', (s) => [`let body = "{\\"username\\":\\"jdoe\\",\\"password\\":\\"${s}\\"}"; post(url: base + "/rest/auth/1/session", body: body)`]),
  shape('rust reqwest basic_auth', 'rust/login.rs', (s) => ['fn login() {', `    let r = client.post("https://j/rest/auth/1/session").basic_auth("jdoe", Some("${s}")).send();`, '}']),
  shape('scala sttp auth.basic', 'scala/Login.scala', (s) => ['object Login {', `  val r = basicRequest.auth.basic("jdoe", "${s}").post(uri"https://j/rest/auth/1/session")`, '}']),
  shape('lua login body', 'lua/login.lua', (s) => [`local r = http.request("https://j/rest/auth/1/session", '{"username":"jdoe","password":"${s}"}')`]),
  shape('perl LWP credentials', 'perl/login.pl', (s) => [`$ua->credentials('j:443', 'Jira', 'jdoe', '${s}'); $ua->post('https://j/rest/auth/1/session');`]),
  shape('powershell secure string', 'powershell/Login.ps1', (s) => [`$pw = ConvertTo-SecureString '${s}' -AsPlainText -Force; Invoke-RestMethod -Uri "$base/rest/auth/1/session" -Method Post`]),
  shape('http request file body', 'http/login.http', (s) => ['POST https://j/rest/auth/1/session', 'Content-Type: application/json', '', `{"username": "jdoe", "password": "${s}"}`]),
  shape('yaml ansible uri password', 'yaml/login.yml', (s) => ['- uri:', '    url: "{{ jira }}/rest/auth/1/session"', '    method: POST', `    password: ${s}`]),
  shape('dotenv password beside the path', 'config/.env', (s) => ['JIRA_LOGIN=https://j/rest/auth/1/session', `JIRA_PASS=${s}`]),
  shape('Basic header on the login call', 'javascript/basic_header.js', (s) => [`fetch(base + '/rest/auth/1/session', { headers: { Authorization: 'Basic ${Buffer.from(`jdoe:${s}`).toString('base64')}' } });`]),
  shape('python raw-string password in the login body', 'python/raw.py', (s) => ['import requests', `requests.post(BASE + "/rest/auth/1/session", data=dict(username="jdoe", password=r"${s}"))`]),
  shape('python URL user info', 'python/userinfo.py', (s) => ['import requests', `requests.post("https://jdoe:${encodeURIComponent(s)}@j.example.com/rest/auth/1/session")`]),
  shape('javascript XMLHttpRequest open(method, url, async, user, password)', 'javascript/xhr.js', (s) => [`xhr.open('POST', base + '/rest/auth/1/session', false, 'jdoe', '${s}');`]),
  shape('vb MSXML Open with user and password', 'vb/Login.bas', (s) => [`http.Open "POST", base & "/rest/auth/1/session", False, "jdoe", "${s}"`]),
  shape('vb JSON body with doubled quotes', 'vb/Body.bas', (s) => [`http.Open "POST", base & "/rest/auth/1/session", False: http.Send "{""username"":""jdoe"",""password"":""${s}""}"`]),
  shape('objective-c dictionary literal', 'objc/Login.m', (s) => [`[client POST:@"/rest/auth/1/session" parameters:@{@"username": @"jdoe", @"password": @"${s}"}];`]),
  shape('emacs lisp alist body', 'elisp/jira-login.el', (s) => [`(url-retrieve (concat base "/rest/auth/1/session") #'ignore (json-encode '((username . "jdoe") (password . "${s}"))))`]),
  shape('clojure keyword map', 'clojure/login.clj', (s) => [`(http/post (str base "/rest/auth/1/session") {:form-params {:username "jdoe" :password "${s}"}})`]),
  shape('dart map body', 'dart/login.dart', (s) => [`final r = await http.post(Uri.parse('$base/rest/auth/1/session'), body: {'username': 'jdoe', 'password': '${s}'});`]),
  shape('elixir keyword body', 'elixir/login.ex', (s) => [`HTTPoison.post(base <> "/rest/auth/1/session", Jason.encode!(%{username: "jdoe", password: "${s}"}))`]),
  shape('postman collection on one line', 'postman/jira.postman_collection.json', (s) => [
    `{"info":{"name":"jira"},"item":[{"name":"login","request":{"method":"POST","url":{"raw":"{{base}}/rest/auth/1/session"},"auth":{"type":"basic","basic":[{"key":"password","value":"${s}","type":"string"}]}}}]}`,
  ]),
  shape('session cookie value in a header', 'shell/cookie.sh', (s) => ['#!/bin/sh', `curl -H "Cookie: JSESSIONID=${cookieValue(s)}" "$JIRA/rest/api/2/myself"`]),
];

/** A cookie value cannot hold `;`, `,` or spaces: the secret's letters and digits. */
function cookieValue(secret: string): string {
  return `c${secret.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** The secret as it must never appear: itself, its base64 form in a Basic header, the cookie value made of it, URL-encoded. */
export function leakedForms(secret: string): string[] {
  return [secret, Buffer.from(`jdoe:${secret}`).toString('base64'), cookieValue(secret), encodeURIComponent(secret)];
}
