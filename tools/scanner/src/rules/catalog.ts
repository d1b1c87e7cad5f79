import type { LanguageId, Severity } from '../model';

export interface RuleDefinition {
  id: string;
  severity: Severity;
  title: string;
  /** Replacement to suggest, by language; `default` when the language has none of its own. */
  replacement: Partial<Record<LanguageId, string>> & { default: string };
}

const BASIC_HTTP: Partial<Record<LanguageId, string>> & { default: string } = {
  default: 'Send `Authorization: Basic base64(email:api_token)` (Cloud) or `Authorization: Bearer <PAT>` (Data Center) on each request; drop the session login.',
  javascript: "fetch(url, { headers: { Authorization: 'Basic ' + Buffer.from(`${email}:${apiToken}`).toString('base64') } })",
  typescript: "fetch(url, { headers: { Authorization: 'Basic ' + Buffer.from(`${email}:${apiToken}`).toString('base64') } })",
  tsx: "fetch(url, { headers: { Authorization: 'Basic ' + btoa(`${email}:${apiToken}`) } })",
  python: 'requests.get(url, auth=(email, api_token))  # or JIRA(server, basic_auth=(email, api_token)) / token_auth=pat',
  java: 'AsynchronousJiraRestClientFactory().createWithBasicHttpAuthentication(uri, email, apiToken)  // or header "Authorization: Bearer " + pat',
  kotlin: 'request.header("Authorization", Credentials.basic(email, apiToken))  // or "Bearer $pat"',
  groovy: 'connection.setRequestProperty("Authorization", "Basic " + "${email}:${apiToken}".bytes.encodeBase64())',
  go: 'tp := jira.BasicAuthTransport{Username: email, APIToken: token}  // or jira.PATAuthTransport{Token: pat}',
  ruby: "JIRA::Client.new(auth_type: :basic, username: email, password: api_token, site: url)",
  php: "new ArrayConfiguration(['jiraUser' => $email, 'jiraPassword' => $apiToken])  // or 'useTokenBasedAuth' => true, 'personalAccessToken' => $pat",
  csharp: 'client.SetBasicAuthentication(email, apiToken);  // or client.SetBearerAuthentication(pat)',
  swift: 'request.setValue("Basic \\(Data("\\(email):\\(apiToken)".utf8).base64EncodedString())", forHTTPHeaderField: "Authorization")',
  shell: 'curl -u "$JIRA_EMAIL:$JIRA_API_TOKEN" "$JIRA_URL/rest/api/2/myself"',
  http: 'Authorization: Basic {{base64(email:api_token)}}  (or Authorization: Bearer {{pat}})',
  postman: 'Use the collection-level "Basic Auth" with email + API token (or "Bearer Token" with a PAT) and delete the login request.',
  yaml: 'Remove the session login; document Basic auth (email + API token) or Bearer (PAT) as the security scheme.',
  json: 'Remove the session login; authenticate each request with Basic (email + API token) or Bearer (PAT).',
};

const RULE_LIST: RuleDefinition[] = [
  { id: 'session-login-call', severity: 'high', title: 'Calls the deprecated cookie-session resource (/rest/auth/1/session)', replacement: BASIC_HTTP },
  { id: 'session-resource-path', severity: 'medium', title: 'Defines or builds the deprecated cookie-session resource path (not seen sent here)', replacement: BASIC_HTTP },
  { id: 'session-path-in-comment', severity: 'info', title: 'Mentions the deprecated session resource in a comment or doc', replacement: { default: 'Update the comment or doc to describe Basic auth with an API token (or a PAT).' } },
  { id: 'session-cookie', severity: 'medium', title: 'Sends or reads a Jira session cookie (JSESSIONID / cloud.session.token / session.name=session.value)', replacement: BASIC_HTTP },
  { id: 'shell-session-cookie-jar', severity: 'medium', title: 'Reuses a cookie jar filled by a session login', replacement: { default: 'curl -u "$JIRA_EMAIL:$JIRA_API_TOKEN" … (no cookie jar)' } },
  { id: 'python-jira-cookie-auth', severity: 'high', title: 'python `jira` cookie auth: JIRA(auth=(user, password))', replacement: { default: 'JIRA(server, basic_auth=(email, api_token))  # Data Center: JIRA(server, token_auth=pat)' } },
  { id: 'python-jira-kill-session', severity: 'medium', title: 'python `jira` kill_session() logs out of the cookie session', replacement: { default: 'Remove kill_session(); token auth has no session to end.' } },
  { id: 'python-atlassian-session-cookies', severity: 'medium', title: 'atlassian-python-api reuses a pasted session cookie jar (Jira(url, cookies=…))', replacement: { default: 'Jira(url, username=email, password=api_token, cloud=True)  # or Jira(url, token=pat)' } },
  { id: 'go-jira-cookie-auth', severity: 'high', title: 'go-jira cookie auth (CookieAuthTransport / AcquireSessionCookie)', replacement: { default: 'tp := jira.BasicAuthTransport{Username: email, APIToken: token}  // Data Center: jira.PATAuthTransport{Token: pat}' } },
  { id: 'go-jira-cli-session', severity: 'high', title: 'go-jira CLI `authentication-method: session`', replacement: { default: 'authentication-method: api-token  # with user: <email> and JIRA_API_TOKEN' } },
  { id: 'ruby-jira-cookie-auth', severity: 'high', title: 'jira-ruby cookie auth (auth_type: :cookie)', replacement: { default: 'JIRA::Client.new(auth_type: :basic, username: email, password: api_token, site: url)' } },
  { id: 'elisp-jiralib2-cookie-auth', severity: 'high', title: "jiralib2 (Emacs, ejira) cookie auth (jiralib2-auth 'cookie)", replacement: { default: '(setq jiralib2-auth \'token jiralib2-user-login-name (getenv "JIRA_EMAIL") jiralib2-token (getenv "JIRA_API_TOKEN"))' } },
  { id: 'ruby-jira-use-cookies', severity: 'medium', title: 'jira-ruby `use_cookies: true` keeps the session cookie', replacement: { default: 'Drop use_cookies; use auth_type: :basic with an API token.' } },
  { id: 'php-jira-cookie-auth', severity: 'high', title: 'php-jira-rest-client cookie auth (cookieAuthEnabled / COOKIE_AUTH_ENABLED / AuthService)', replacement: { default: "JIRA_USER=<email> + JIRA_PASS=<api token>; Data Center: TOKEN_BASED_AUTH=true + PERSONAL_ACCESS_TOKEN ('useTokenBasedAuth', 'personalAccessToken')" } },
  { id: 'js-jira-session-api', severity: 'high', title: 'JS Jira client session login (jira-connector auth.* / jira.js session.*)', replacement: { default: "new JiraClient({ host, basic_auth: { email, api_token } })  // jira.js: new Version2Client({ host, authentication: { basic: { email, apiToken } } })" } },
  { id: 'js-jira-cookie-jar', severity: 'medium', title: 'jira-connector `cookie_jar` option (session cookies)', replacement: { default: 'basic_auth: { email, api_token } instead of cookie_jar' } },
  { id: 'jvm-session-filter', severity: 'medium', title: 'REST client session filter used with the session resource (RestAssured SessionFilter / JRJC SessionRestClient)', replacement: { default: 'RestAssured: .auth().preemptive().basic(email, apiToken); JRJC: createWithBasicHttpAuthentication(uri, email, apiToken)' } },
  { id: 'csharp-dapplo-session', severity: 'high', title: 'Dapplo.Jira Session.StartAsync/EndAsync (cookie session)', replacement: { default: 'client.SetBasicAuthentication(email, apiToken);  // or client.SetBearerAuthentication(pat)' } },
  { id: 'openapi-session-path', severity: 'medium', title: 'API description declares the deprecated session resource', replacement: { default: 'Remove the path and declare `securitySchemes: { basicAuth: { type: http, scheme: basic } }` (and bearer for PATs).' } },
  { id: 'hardcoded-password', severity: 'high', title: 'Hard-coded password next to a session login', replacement: { default: 'Read an API token from a secret store or environment variable; never commit passwords.' } },
  { id: 'hardcoded-api-token', severity: 'high', title: 'Hard-coded tokenshift API token (tsk_…)', replacement: { default: 'Revoke this token and read a new one from a secret store or environment variable.' } },
];

export const RULES: ReadonlyMap<string, RuleDefinition> = new Map(RULE_LIST.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleDefinition {
  const rule = RULES.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

export function replacementFor(ruleId: string, language: LanguageId): string {
  const { replacement } = ruleById(ruleId);
  return replacement[language] ?? replacement.default;
}
