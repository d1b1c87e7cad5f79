export const AUTH_PATH = '/rest/auth/1/session';
export const SEARCH_PATH = '/rest/api/2/search';
