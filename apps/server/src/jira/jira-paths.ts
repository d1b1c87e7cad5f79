/** Jira serves its REST API at a version and at `latest`; clients use both. */
export const JIRA_API_PATHS = ['rest/api/2', 'rest/api/latest'];
