/**
 * Jira's error envelope (`com.atlassian.jira.rest.api.util.ErrorCollection`): every error
 * body the server sends has this shape, so Jira clients can surface the messages.
 */
export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function jiraErrorBody(messages: string | string[], errors: Record<string, string> = {}): JiraErrorBody {
  return { errorMessages: Array.isArray(messages) ? messages : [messages], errors };
}

/** Jira's exact strings; clients surface them and some match on them. */
export const JiraMessages = {
  notAuthenticated: 'You are not authenticated. Authentication required to perform this operation.',
  loginFailed: 'Login failed',
  loginDenied: 'Login denied',
  xsrfCheckFailed: 'XSRF check failed',
} as const;
