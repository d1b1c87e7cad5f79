import { analyzeSource } from '../src/analyze-file';
import type { LanguageId } from '../src/model';

/**
 * Cookie modes of the Jira client libraries switched on by configuration (issue 17, item 5): options, environment
 * variables, flag methods and constructor arguments, and the libraries' own code that holds the switch. The
 * option names are the libraries' own (docs/scanner-corpus.md, references R35–R42). Made-up code, one shape each.
 */
type Case = [name: string, language: LanguageId, file: string, source: string, expected: Array<[line: number, rule: string]>];

const lines = (...text: string[]) => `${text.join('\n')}\n`;

const SWITCHED_ON: Case[] = [
  ['python JIRA(**kwargs) with kwargs["auth"] set later', 'python', 'connect.py', lines(
    'from jira import JIRA',
    'def connect(cfg):',
    '    kwargs = {"server": cfg["url"]}',
    '    if cfg.get("cookie"):',
    '        kwargs["auth"] = (cfg["user"], cfg["password"])',
    '    return JIRA(**kwargs)',
  ), [[6, 'python-jira-cookie-auth']]],
  ['python JIRA(**opts) with opts = dict(auth=…)', 'python', 'dict_call.py', lines(
    'from jira import JIRA',
    'opts = dict(server=url, auth=(user, secret))',
    'jira = JIRA(**opts)',
  ), [[3, 'python-jira-cookie-auth']]],
  ['python JIRA(**opts) with opts.update(auth=…)', 'python', 'update.py', lines(
    'from jira import JIRA',
    'opts = {"server": url}',
    'opts.update(auth=creds)',
    'jira = JIRA(**opts)',
  ), [[4, 'python-jira-cookie-auth']]],
  ['python jira\'s own JiraCookieAuth and _create_cookie_auth', 'python', 'client.py', lines(
    'class Client:',
    '    def __init__(self, auth=None):',
    '        if auth:',
    '            self._create_cookie_auth(auth)',
    '    def _create_cookie_auth(self, auth):',
    '        self._session.auth = JiraCookieAuth(self._session, self._login_url, auth)',
  ), [[4, 'python-jira-cookie-auth'], [6, 'python-jira-cookie-auth']]],
  ['ruby options[:auth_type] = :cookie on a hash', 'ruby', 'jira.rb', lines(
    'options = { site: ENV["JIRA_SITE"], username: user, password: pass }',
    'options[:auth_type] = :cookie',
    'client = JIRA::Client.new(options)',
  ), [[2, 'ruby-jira-cookie-auth']]],
  ['ruby use_cookies from the environment', 'ruby', 'env.rb', lines(
    "client = JIRA::Client.new(site: url, auth_type: :basic, use_cookies: ENV['JIRA_USE_COOKIES'] == 'true')",
  ), [[1, 'ruby-jira-use-cookies']]],
  ['ruby jira-ruby\'s own switch: case auth_type when :cookie, @options[:use_cookies] = true', 'ruby', 'client.rb', lines(
    'case @options[:auth_type]',
    'when :basic',
    '  @request_client = HttpClient.new(@options)',
    'when :cookie',
    '  @options[:use_cookies] = true',
    'end',
  ), [[4, 'ruby-jira-cookie-auth'], [5, 'ruby-jira-use-cookies']]],
  ['php cookieAuthEnabled from getenv', 'php', 'jira.php', lines(
    '<?php',
    "$config = new ArrayConfiguration(['jiraHost' => $host, 'cookieAuthEnabled' => getenv('JIRA_COOKIES') === '1']);",
  ), [[2, 'php-jira-cookie-auth']]],
  ['php configuration class reading COOKIE_AUTH_ENABLED', 'php', 'EnvConfig.php', lines(
    '<?php',
    'class EnvConfig extends AbstractConfiguration {',
    '    public function __construct() {',
    "        $this->cookieAuthEnabled = $this->env('COOKIE_AUTH_ENABLED', false);",
    '    }',
    '}',
  ), [[4, 'php-jira-cookie-auth']]],
  ['php COOKIE_AUTH_ENABLED set from code', 'php', 'bootstrap.php', lines(
    '<?php',
    "putenv('COOKIE_AUTH_ENABLED=true');",
    "$_ENV['COOKIE_AUTH_ENABLED'] = $useCookies;",
  ), [[2, 'php-jira-cookie-auth'], [3, 'php-jira-cookie-auth']]],
  ['php isCookieAuthorizationEnabled defined to return true, and consulted', 'php', 'MyConfig.php', lines(
    '<?php',
    'class MyConfig implements ConfigurationInterface {',
    '    public function isCookieAuthorizationEnabled(): bool { return true; }',
    '}',
    'if ($client->getConfiguration()->isCookieAuthorizationEnabled()) { login(); }',
  ), [[3, 'php-jira-cookie-auth'], [5, 'php-jira-cookie-auth']]],
  ['COOKIE_AUTH_ENABLED set in the environment of a PHP process, from shell, Python, JS, Ruby, Go and C#', 'shell', 'deploy.sh', lines(
    '#!/bin/sh',
    'export COOKIE_AUTH_ENABLED=true',
    'php bin/sync.php',
  ), [[2, 'php-jira-cookie-auth']]],
  ['python os.environ', 'python', 'run.py', lines('import os, subprocess', 'os.environ["COOKIE_AUTH_ENABLED"] = "1"', 'subprocess.run(["php", "sync.php"])'), [[2, 'php-jira-cookie-auth']]],
  ['javascript process.env and an env map', 'javascript', 'run.js', lines("process.env.COOKIE_AUTH_ENABLED = 'true';", "spawn('php', ['sync.php'], { env: { ...process.env, COOKIE_AUTH_ENABLED: flag } });"), [[1, 'php-jira-cookie-auth'], [2, 'php-jira-cookie-auth']]],
  ['ruby ENV[]=', 'ruby', 'run.rb', lines("ENV['COOKIE_AUTH_ENABLED'] = 'true'", "system('php sync.php')"), [[1, 'php-jira-cookie-auth']]],
  ['go os.Setenv', 'go', 'run.go', lines('package main', 'import "os"', 'func main() { os.Setenv("COOKIE_AUTH_ENABLED", "true") }'), [[3, 'php-jira-cookie-auth']]],
  ['csharp SetEnvironmentVariable', 'csharp', 'Run.cs', lines('class Run {', '  void Go() { Environment.SetEnvironmentVariable("COOKIE_AUTH_ENABLED", "1"); }', '}'), [[2, 'php-jira-cookie-auth']]],
  ['yaml compose environment, map and list forms', 'yaml', 'docker-compose.yml', lines(
    'services:',
    '  sync:',
    '    environment:',
    '      COOKIE_AUTH_ENABLED: "true"',
    '  report:',
    '    environment:',
    '      - COOKIE_AUTH_ENABLED=1',
  ), [[4, 'php-jira-cookie-auth'], [7, 'php-jira-cookie-auth']]],
  ['Dockerfile ENV (no grammar: line rules)', 'text', 'Dockerfile', lines('FROM php:8.3-cli', 'ENV COOKIE_AUTH_ENABLED=true', 'COPY . /app'), [[2, 'php-jira-cookie-auth']]],
  ['python JIRA(...).session(): GET of the session resource', 'python', 'whoami.py', lines('from jira import JIRA', 'jira = JIRA(server, basic_auth=(email, token))', 'me = jira.session()'), [[3, 'session-login-call']]],
  ['ruby make_cookie_auth_request', 'ruby', 'custom_client.rb', lines('client = JIRA::HttpClient.new(options)', 'client.make_cookie_auth_request'), [[2, 'ruby-jira-cookie-auth']]],
  ['php AuthService::authorizeWithCookie', 'php', 'login.php', lines('<?php', '$auth = $service->getAuthService();', '$auth->authorizeWithCookie($user, $password);'), [[3, 'php-jira-cookie-auth']]],
  ['go go-jira session API: Authentication.Logout / GetCurrentUser', 'go', 'main.go', lines(
    'package main',
    'import jira "github.com/andygrunwald/go-jira"',
    'func done(c *jira.Client) {',
    '\tc.Authentication.GetCurrentUser()',
    '\tc.Authentication.Logout()',
    '}',
  ), [[4, 'go-jira-cookie-auth'], [5, 'go-jira-cookie-auth']]],
  ['javascript jira-connector\'s own cookie_jar option', 'javascript', 'index.js', lines(
    'function JiraClient(config) {',
    '  if (config.cookie_jar) {',
    '    this.cookie_jar = config.cookie_jar;',
    '  }',
    '}',
  ), [[3, 'js-jira-cookie-jar']]],
  ['typescript jira.js Data Center session functions imported one by one', 'typescript', 'dc.ts', lines(
    "import { createServerClient, login as jiraLogin, logout } from 'jira.js/server';",
    'const client = createServerClient({ host });',
    'await jiraLogin(client, { username, password });',
    'await logout(client);',
  ), [[3, 'js-jira-session-api'], [4, 'js-jira-session-api']]],
  ['csharp Dapplo.Jira\'s own session API', 'csharp', 'SessionDomainExtensions.cs', lines(
    'public static class SessionDomainExtensions {',
    '    public static async Task<LoginInfo> StartAsync(this ISessionDomain jira, string user, string password) { return await Login(jira, user, password); }',
    '    public static Task EndAsync(this ISessionDomain jira) { return Logout(jira); }',
    '}',
  ), [[2, 'csharp-dapplo-session'], [3, 'csharp-dapplo-session']]],
];

/** Look-alikes: Basic, token and OAuth modes, a cookie switch set to a constant off. */
const LOOK_ALIKES: Case[] = [
  ['python basic_auth and token_auth', 'python', 'basic.py', lines('from jira import JIRA', 'a = JIRA(server, basic_auth=(email, token))', 'b = JIRA(server, token_auth=pat)'), []],
  ['python auth=None', 'python', 'none.py', lines('from jira import JIRA', 'jira = JIRA(server, auth=None, basic_auth=(email, token))'), []],
  ['python **kwargs without auth, auth set to None', 'python', 'kwargs.py', lines('from jira import JIRA', 'kw = {"server": url}', 'kw["auth"] = None', 'kw["basic_auth"] = (e, t)', 'jira = JIRA(**kw)'), []],
  ['ruby auth_type: :basic, use_cookies: false', 'ruby', 'basic.rb', lines('client = JIRA::Client.new(auth_type: :basic, use_cookies: false)', 'options[:auth_type] = :basic', 'options[:use_cookies] = nil'), []],
  ['ruby case auth_type when :basic', 'ruby', 'case.rb', lines('case options[:auth_type]', 'when :basic', '  basic', 'end'), []],
  ['php cookieAuthEnabled false, token auth', 'php', 'token.php', lines('<?php', "$c = new ArrayConfiguration(['cookieAuthEnabled' => false, 'useTokenBasedAuth' => true]);", '$this->cookieAuthEnabled = false;', "putenv('COOKIE_AUTH_ENABLED=false');"), []],
  ['php isCookieAuthorizationEnabled returning false', 'php', 'Off.php', lines('<?php', 'class Off implements ConfigurationInterface {', '    public function isCookieAuthorizationEnabled(): bool { return false; }', '}'), []],
  ['go Logout of another library', 'go', 'other.go', lines('package main', 'import "example.com/sso"', 'func f(c *sso.Client) { c.Authentication.Logout() }'), []],
  ['csharp Atlassian.SDK: CreateRestClient is Basic auth', 'csharp', 'Sdk.cs', lines('class Sdk {', '  void Run() { var jira = Jira.CreateRestClient(url, user, apiToken, new JiraRestClientSettings { EnableRequestTrace = true }); }', '}'), []],
  ['csharp StartAsync of a hosted service', 'csharp', 'Worker.cs', lines('class Worker : IHostedService {', '  public Task StartAsync(CancellationToken token) { return Session.Run(token); }', '}'), []],
  ['COOKIE_AUTH_ENABLED off, read, or in a comment', 'shell', 'off.sh', lines('#!/bin/sh', 'export COOKIE_AUTH_ENABLED=false', 'COOKIE_AUTH_ENABLED=${COOKIE_AUTH_ENABLED:-0}', '# COOKIE_AUTH_ENABLED=true used to be needed'), []],
  ['python reads COOKIE_AUTH_ENABLED', 'python', 'read.py', lines('import os', 'COOKIE_AUTH_ENABLED = os.getenv("COOKIE_AUTH_ENABLED", "false")', 'os.environ["COOKIE_AUTH_ENABLED"] = "0"'), []],
  ['yaml COOKIE_AUTH_ENABLED false or commented', 'yaml', 'compose.yml', lines('environment:', '  COOKIE_AUTH_ENABLED: "false"', '  # COOKIE_AUTH_ENABLED: "true"', '  - COOKIE_AUTH_ENABLED=0'), []],
  ['python requests.session() is no Jira session', 'python', 'http.py', lines('import requests', 'from jira import JIRA', 's = requests.session()', 'jira = JIRA(server, token_auth=pat)', 'sess = s.session()'), []],
  ['typescript login() of another module beside jira.js', 'typescript', 'app.ts', lines("import { createServerClient } from 'jira.js/server';", "import { login } from './auth';", 'await login(user);'), []],
  ['javascript jira-client username/password is Basic', 'javascript', 'client.js', lines("const JiraApi = require('jira-client');", "const jira = new JiraApi({ protocol: 'https', host, username: email, password: apiToken, apiVersion: '2' });"), []],
];

describe('cookie modes switched on by configuration', () => {
  it.each(SWITCHED_ON)('%s', async (_, language, file, source, expected) => {
    const { findings } = await analyzeSource(source, language, file);
    expect(findings.map((finding) => [finding.line, finding.ruleId])).toEqual(expected);
  });

  it.each(LOOK_ALIKES)('not a finding: %s', async (_, language, file, source) => {
    const { findings } = await analyzeSource(source, language, file);
    expect(findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });
});
