import { formatJiraDate } from '@tokenshift/shared';

/**
 * Jira's `loginInfo` (REST-AUTH LoginInfo): total failures, logins, and the two dates. A date Jira does
 * not know (never failed, first login) is left out of its JSON, not sent as null.
 */
export interface LoginInfo {
  failedLoginCount: number;
  loginCount: number;
  lastFailedLoginTime?: string;
  previousLoginTime?: string;
}

export interface LoginCounters {
  failedLoginCount: number;
  loginCount: number;
  lastFailedLoginAt: Date | null;
  previousLoginAt: Date | null;
}

export const LOGIN_COUNTER_FIELDS = { failedLoginCount: true, loginCount: true, lastFailedLoginAt: true, previousLoginAt: true } as const;

export function toLoginInfo(counters: LoginCounters): LoginInfo {
  const info: LoginInfo = { failedLoginCount: counters.failedLoginCount, loginCount: counters.loginCount };
  if (counters.lastFailedLoginAt) info.lastFailedLoginTime = formatJiraDate(counters.lastFailedLoginAt);
  if (counters.previousLoginAt) info.previousLoginTime = formatJiraDate(counters.previousLoginAt);
  return info;
}
