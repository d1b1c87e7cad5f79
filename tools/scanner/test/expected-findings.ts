import type { Severity } from '../src/model';

/**
 * Every finding the fixtures must produce, line by line: [line, rule, severity]. Anything else the scanner
 * reports is a false positive; anything listed and not reported is a false negative. Files under
 * fixtures/ that are not listed here (token clients, unrelated sessions) must produce nothing.
 */
export const EXPECTED_FINDINGS: Record<string, Array<[number, string, Severity]>> = {
  'config/.env': [
    [3, 'php-jira-cookie-auth', 'high'],
    [5, 'session-resource-path', 'medium'],
  ],
  'config/.jira.d/config.yml': [
    [3, 'go-jira-cli-session', 'high'],
  ],
  'csharp/JiraSession.cs': [
    [9, 'session-resource-path', 'medium'],
    [13, 'csharp-dapplo-session', 'high'],
    [18, 'session-path-in-comment', 'info'],
    [19, 'session-login-call', 'high'],
  ],
  'csharp/LoginCookies.cs': [
    [11, 'session-login-call', 'high'],
    [15, 'session-cookie', 'medium'],
  ],
  'docs/MIGRATION.md': [
    [3, 'session-path-in-comment', 'info'],
  ],
  'go/cookie_returns.go': [
    [8, 'session-login-call', 'high'],
    [20, 'session-cookie', 'medium'],
  ],
  'go/login_cookies.go': [
    [9, 'session-login-call', 'high'],
    [15, 'session-cookie', 'medium'],
  ],
  'go/session_cookie_fields.go': [
    [16, 'session-login-call', 'high'],
    [20, 'session-cookie', 'medium'],
    [24, 'session-cookie', 'medium'],
  ],
  'go/cookie_auth.go': [
    [12, 'session-path-in-comment', 'info'],
    [13, 'session-resource-path', 'medium'],
    [16, 'go-jira-cookie-auth', 'high'],
    [19, 'session-resource-path', 'medium'],
    [25, 'go-jira-cookie-auth', 'high'],
    [29, 'session-login-call', 'high'],
  ],
  'groovy/jiraCookie.groovy': [
    [2, 'session-login-call', 'high'],
    [4, 'session-cookie', 'medium'],
  ],
  'groovy/Jenkinsfile': [
    [1, 'session-path-in-comment', 'info'],
    [11, 'session-login-call', 'high'],
  ],
  'http/jira-session.http': [
    [5, 'session-login-call', 'high'],
    [8, 'hardcoded-password', 'high'],
    [12, 'session-cookie', 'medium'],
    [15, 'session-path-in-comment', 'info'],
    [16, 'session-login-call', 'high'],
  ],
  'java/SessionFieldsCookie.java': [
    [4, 'session-resource-path', 'medium'],
    [15, 'session-cookie', 'medium'],
    [19, 'session-cookie', 'medium'],
  ],
  'java/ClientCookieLogin.java': [
    [4, 'session-resource-path', 'medium'],
    [8, 'session-cookie', 'medium'],
  ],
  'java/JsonBodyLogin.java': [
    // The login body's password set through a JSON builder's put(key, value), two lines above the login.
    [11, 'hardcoded-password', 'high'],
    [12, 'jvm-session-filter', 'info'],
    [13, 'session-login-call', 'high'],
  ],
  'java/JrjcSession.java': [
    [7, 'jvm-session-filter', 'medium'],
  ],
  'java/SessionLoginTest.java': [
    [7, 'session-path-in-comment', 'info'],
    [11, 'session-resource-path', 'medium'],
    // RestAssured's cookie jar for the login on line 18: that login is the use (docs/decisions.md).
    [14, 'jvm-session-filter', 'info'],
    [17, 'hardcoded-password', 'high'],
    [18, 'session-login-call', 'high'],
    [23, 'session-cookie', 'medium'],
  ],
  'javascript/cookie-any-name.js': [
    [4, 'session-login-call', 'high'],
    [9, 'session-cookie', 'medium'],
    [14, 'session-cookie', 'medium'],
  ],
  'javascript/cookie-returns.js': [
    [3, 'session-login-call', 'high'],
    [15, 'session-cookie', 'medium'],
  ],
  'javascript/jira-connector.js': [
    [6, 'js-jira-cookie-jar', 'medium'],
    [10, 'js-jira-session-api', 'high'],
    [11, 'js-jira-session-api', 'high'],
  ],
  'javascript/session-client.js': [
    [1, 'session-path-in-comment', 'info'],
    [6, 'session-resource-path', 'medium'],
    [9, 'session-login-call', 'high'],
    [11, 'session-cookie', 'medium'],
    [15, 'session-login-call', 'high'],
    [22, 'session-login-call', 'high'],
    [26, 'session-login-call', 'high'],
    [28, 'hardcoded-password', 'high'],
  ],
  'kotlin/JiraSession.kt': [
    [7, 'session-resource-path', 'medium'],
    [11, 'session-path-in-comment', 'info'],
    [12, 'session-login-call', 'high'],
  ],
  'openapi/jira-legacy.yaml': [
    [6, 'openapi-session-path', 'medium'],
    [12, 'hardcoded-password', 'high'],
    [15, 'session-path-in-comment', 'info'],
  ],
  'openapi/session-api.json': [
    [5, 'openapi-session-path', 'medium'],
  ],
  'php/cookie_any_name.php': [
    [5, 'session-login-call', 'high'],
    [13, 'session-cookie', 'medium'],
  ],
  'php/JiraCookieAuth.php': [
    [14, 'php-jira-cookie-auth', 'high'],
    [21, 'php-jira-cookie-auth', 'high'],
    [22, 'session-path-in-comment', 'info'],
    [23, 'session-login-call', 'high'],
  ],
  'postman/jira.postman_collection.json': [
    [13, 'hardcoded-password', 'high'],
    [15, 'session-login-call', 'high'],
    [25, 'session-cookie', 'medium'],
  ],
  'python/cookie_any_name.py': [
    [5, 'session-login-call', 'high'],
    [10, 'session-cookie', 'medium'],
    [14, 'session-cookie', 'medium'],
    [18, 'session-cookie', 'medium'],
    [23, 'session-cookie', 'medium'],
  ],
  'python/cookie_returns.py': [
    [5, 'session-login-call', 'high'],
    [17, 'session-cookie', 'medium'],
  ],
  'python/atlassian_cookies.py': [
    [7, 'python-atlassian-session-cookies', 'medium'],
  ],
  'python/jira_cookie.py': [
    [1, 'session-path-in-comment', 'info'],
    [13, 'python-jira-cookie-auth', 'high'],
    [17, 'hardcoded-password', 'high'],
    [17, 'python-jira-cookie-auth', 'high'],
    [23, 'python-jira-cookie-auth', 'high'],
    [27, 'session-resource-path', 'medium'],
    [28, 'session-login-call', 'high'],
    [34, 'session-login-call', 'high'],
    [39, 'python-jira-kill-session', 'medium'],
  ],
  'ruby/cookie_any_name.rb': [
    [5, 'session-login-call', 'high'],
    [9, 'session-cookie', 'medium'],
    [13, 'session-cookie', 'medium'],
    [17, 'session-cookie', 'medium'],
  ],
  'ruby/jira_cookie.rb': [
    [3, 'session-path-in-comment', 'info'],
    [10, 'ruby-jira-cookie-auth', 'high'],
    [11, 'ruby-jira-use-cookies', 'medium'],
    [18, 'ruby-jira-cookie-auth', 'high'],
    [22, 'hardcoded-password', 'high'],
    [22, 'session-login-call', 'high'],
  ],
  'shell/cookie-vars.sh': [
    [2, 'session-login-call', 'high'],
    [5, 'session-cookie', 'medium'],
  ],
  'shell/jira-session.sh': [
    [2, 'session-path-in-comment', 'info'],
    // A command continued over lines is reported where it starts (the corpus labels that line too).
    [9, 'session-login-call', 'high'],
    [11, 'hardcoded-password', 'high'],
    [13, 'shell-session-cookie-jar', 'medium'],
    [15, 'session-cookie', 'medium'],
    [16, 'session-cookie', 'medium'],
  ],
  'swift/CookieHeaders.swift': [
    [9, 'session-cookie', 'medium'],
  ],
  'swift/JiraSession.swift': [
    [3, 'session-resource-path', 'medium'],
    [10, 'session-login-call', 'high'],
    [18, 'session-path-in-comment', 'info'],
  ],
  'typescript/jira-js-server.ts': [
    [4, 'js-jira-session-api', 'high'],
    [5, 'js-jira-session-api', 'high'],
    // A sentence mentioning the path is documentation, not a call.
    [9, 'session-path-in-comment', 'info'],
  ],
  'typescript/session-service.ts': [
    [12, 'session-resource-path', 'medium'],
    [13, 'session-login-call', 'high'],
    [17, 'session-login-call', 'high'],
    [27, 'hardcoded-api-token', 'high'],
  ],
  // Languages with a grammar added for issue 17 (Dart: no call node, so the call on line 5 is not seen) and,
  // degraded to line rules, those with none (Perl, PowerShell, VB, INI).
  'config/jira.ini': [
    [1, 'session-path-in-comment', 'info'],
    [3, 'session-resource-path', 'medium'],
  ],
  'dart/cookie_any_name.dart': [
    [11, 'session-resource-path', 'medium'],
    [13, 'session-cookie', 'medium'],
  ],
  'dart/jira_auth.dart': [
    [1, 'session-path-in-comment', 'info'],
    [2, 'session-resource-path', 'medium'],
  ],
  'elisp/jira-login.el': [
    [1, 'session-path-in-comment', 'info'],
    [3, 'session-login-call', 'high'],
  ],
  'elixir/jira.ex': [
    [2, 'session-path-in-comment', 'info'],
    [4, 'session-login-call', 'high'],
  ],
  'lua/jira_session.lua': [
    [1, 'session-path-in-comment', 'info'],
    [3, 'session-resource-path', 'medium'],
    [6, 'session-login-call', 'high'],
  ],
  'objc/JiraLogin.m': [
    [1, 'session-path-in-comment', 'info'],
    // The URL is built here (a reference, not a call) and sent on the next line.
    [3, 'session-resource-path', 'medium'],
    [4, 'session-login-call', 'high'],
  ],
  'perl/jira-login.pl': [
    [2, 'session-path-in-comment', 'info'],
    [5, 'session-login-call', 'high'],
  ],
  'powershell/Connect-JiraCookie.ps1': [
    [3, 'session-login-call', 'high'],
    [6, 'session-cookie', 'medium'],
  ],
  'powershell/Connect-Jira.ps1': [
    [1, 'session-path-in-comment', 'info'],
    [3, 'session-login-call', 'high'],
  ],
  'rust/cookie_format.rs': [
    [11, 'session-resource-path', 'medium'],
    [15, 'session-cookie', 'medium'],
  ],
  'rust/session.rs': [
    [1, 'session-path-in-comment', 'info'],
    [2, 'session-resource-path', 'medium'],
    [5, 'session-login-call', 'high'],
  ],
  'scala/CookieLogin.scala': [
    [5, 'session-login-call', 'high'],
    [6, 'session-cookie', 'medium'],
  ],
  'scala/JiraLogin.scala': [
    [1, 'session-path-in-comment', 'info'],
    [3, 'session-resource-path', 'medium'],
    [4, 'session-login-call', 'high'],
  ],
  'vb/JiraLogin.bas': [
    [1, 'session-path-in-comment', 'info'],
    [3, 'session-login-call', 'high'],
  ],
  'yaml/jira-comment.yml': [
    [3, 'session-resource-path', 'medium'],
    [12, 'session-cookie', 'medium'],
  ],
};

/** Fixture files written as negatives: Basic/Bearer/OAuth, generic auth=, other APIs' /session, unrelated words. */
export const NEGATIVE_FILES = [
  'config/token.env',
  'go/form_values.go',
  'go/theme_cookie.go',
  'java/TokenClient.java',
  'javascript/query-pairs.js',
  'javascript/token-client.js',
  'python/field_returns.py',
  'python/form_fields.py',
  'python/getter_fields.py',
  'python/token_client.py',
  'shell/token-only.sh',
  'yaml/form-fields.yml',
];
