/** Strategy names: distinct, because two strategies built on one Passport class would collide on `basic`. */
export const SESSION_COOKIE_STRATEGY = 'session-cookie';
export const PASSWORD_BASIC_STRATEGY = 'password-basic';
export const DASHBOARD_SESSION_STRATEGY = 'dashboard-session';

/** Jira's form-token cookie, set beside the session cookie at login. */
export const XSRF_COOKIE_NAME = 'atlassian.xsrf.token';
