export const TRACKER_AUTH_BASE = '/rest/auth/1';
export const HELP = 'Log in with POST /rest/auth/1/session first';
