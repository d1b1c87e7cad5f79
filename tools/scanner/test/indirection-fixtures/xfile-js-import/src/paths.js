export const TRACKER_AUTH_BASE = '/rest/auth/1';
export const SEARCH = '/rest/api/2/search';
