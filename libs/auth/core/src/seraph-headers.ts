/** Jira's (Seraph's) response headers that clients read. */
export const SERAPH_LOGIN_REASON = 'X-Seraph-LoginReason';
export const AUSERNAME = 'X-AUSERNAME';
export const DENIED_REASON = 'X-Authentication-Denied-Reason';

export type LoginReason = 'OK' | 'AUTHENTICATED_FAILED' | 'AUTHENTICATION_DENIED' | 'AUTHORISATION_FAILED' | 'OUT';
