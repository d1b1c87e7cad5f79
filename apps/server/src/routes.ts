/**
 * The server's path prefixes, in one place: controllers mount under them, and the usage
 * classification, the CLI's hints and the gateway to come read them from here.
 */

/** Jira serves its REST API at a version and at `latest`; clients use both. */
export const JIRA_API_PATHS = ['rest/api/2', 'rest/api/latest'];

/** Jira's deprecated session resource (`com.atlassian.jira.rest.auth.Login`), at its version and at `latest`. */
export const SESSION_RESOURCE_PATHS = ['rest/auth/1/session', 'rest/auth/latest/session'];

/** tokenshift's own API: tokens, user administration, usage, scan runs. */
export const TOKENSHIFT_API_PATH = 'rest/tokenshift/1';

/** The dashboard's web sign-in (its own session, not the deprecated one). */
export const DASHBOARD_SESSION_PATH = `${TOKENSHIFT_API_PATH}/dashboard/session`;

/** The page where every user signs in with their password and creates API tokens (under BASE_URL). */
export const TOKENS_PAGE_PATH = 'dashboard/tokens/';
