export const JIRA_ENDPOINTS = {
  session: 'rest/auth/1/session',
  search: 'rest/api/2/search',
  myself: 'rest/api/2/myself',
} as const;
