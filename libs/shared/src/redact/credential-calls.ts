/**
 * Calls whose string arguments are credentials: session logins of the Jira client libraries, Basic-auth
 * setters and credential objects. Every literal in their argument list is redacted (the user name too: which
 * position holds the password differs from one API to the next, and a readable user name is not worth a leak).
 */
export const CREDENTIAL_CALLS: ReadonlySet<string> = new Set([
  // Session logins: go-jira, Dapplo.Jira, php-jira-rest-client, generic client wrappers.
  'AcquireSessionCookie', 'AcquireSessionCookieWithContext', 'StartAsync', 'authorizeWithCookie',
  'login', 'logIn', 'Login', 'LogIn', 'signIn', 'sign_in', 'SignIn', 'authenticate', 'Authenticate',
  // Basic auth: RestAssured `.basic(u, p)`, OkHttp `Credentials.basic`, Go `SetBasicAuth`, Ruby `basic_auth u, p`.
  'basic', 'digest', 'basicAuth', 'basic_auth', 'BasicAuth', 'setBasicAuth', 'SetBasicAuth', 'withBasicAuth',
  'SetBasicAuthentication', 'createWithBasicHttpAuthentication',
  // Credential objects: requests/aiohttp, RestSharp, .NET, Apache HttpClient, Java, LWP, PowerShell.
  'HTTPBasicAuth', 'HTTPDigestAuth', 'HttpBasicAuthenticator', 'NetworkCredential', 'UsernamePasswordCredentials',
  'PasswordAuthentication', 'credentials', 'setCredentials', 'PSCredential', 'ConvertTo-SecureString',
]);

/**
 * Calls with credentials from a given argument on (0-based): XMLHttpRequest / MSXML `open(method, url, async,
 * user, password)`, as JavaScript, VBA and VBScript call it. The earlier arguments (the session path) stay readable.
 */
export const CREDENTIAL_ARGUMENTS_FROM: ReadonlyMap<string, number> = new Map([
  ['open', 3],
  ['Open', 3],
]);

/**
 * Names (their last part) that hold a credential pair: `auth=("u", "pw")`, `s.auth = ('u', 'pw')`,
 * `basic_auth: ['u', 'pw']`, `JIRA_CREDS = ("u", "pw")`. Every literal of the tuple or list is redacted.
 */
export const CREDENTIAL_HOLDER = /^(?:\w+_)?(?:auth|creds?|credentials)$/i;

/** Keys (their last part) of a secret value: `password: pw`, `jiraPassword => $pw`, `api_token=token`, `pass: p`. */
export const SECRET_KEY = /(?:password|passwd|pwd|secret|token)$|^(?:\w+_)?pass$/i;
