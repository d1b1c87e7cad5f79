export const SESSION_OPTIONS = Symbol('SESSION_OPTIONS');

/** Cookie-session settings, from the app's `auth` config namespace. */
export interface SessionOptions {
  /** `JSESSIONID` (Jira Server/DC) or `cloud.session.token` (Jira Cloud). */
  cookieName: string;
  /** `always`: Secure cookies; `never`; `auto`: Secure when the request came over HTTPS. */
  cookieSecure: 'always' | 'never' | 'auto';
  /** A session unused for this long is dead. */
  idleTimeoutSeconds: number;
  /** A session is dead this long after login, however active. */
  maxLifetimeSeconds: number;
  /** Consecutive failed logins after which logins are denied (Jira's CAPTCHA) for a while; 0 = unlimited. */
  maxFailedLogins: number;
  /** How long each lock lasts, in milliseconds: one step per lock since the last success, the last repeating (default 1, 5, 15, 60 minutes). */
  lockoutBackoffMs?: readonly number[];
  /** The page a denied login is sent to (`login-url` in `X-Authentication-Denied-Reason`); default `/login.jsp`. */
  loginUrl?: string;
  /** Accept `Authorization: Basic base64(user:password)` (deprecated; off unless set). */
  allowPasswordBasic?: boolean;
  /** The dashboard's own web sign-in; its defaults when left out. */
  dashboard?: DashboardSessionOptions;
}

/** The web sign-in of tokenshift's pages: its own cookie and clocks, accepted on one path prefix only. */
export interface DashboardSessionOptions {
  cookieName: string;
  idleTimeoutSeconds: number;
  maxLifetimeSeconds: number;
  /** The cookie is accepted only on requests routed under this path (tokenshift's API): never on Jira's resources. */
  pathPrefix: string;
  /**
   * The cookie's `Path`, as the browser sees the API: the same path in the built-in mode, behind the
   * gateway's prefix in gateway mode (where the routing sees the path with its prefix stripped).
   */
  cookiePath: string;
}
