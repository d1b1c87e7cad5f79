import { formatJiraDate } from '@tokenshift/shared';

/** Jira's `loginInfo` (REST-AUTH LoginInfo): total failures, logins, and the two dates. */
export interface LoginInfo {
  failedLoginCount: number;
  loginCount: number;
  lastFailedLoginTime: string | null;
  previousLoginTime: string | null;
}

export interface LoginCounters {
  failedLoginCount: number;
  loginCount: number;
  lastFailedLoginAt: Date | null;
  previousLoginAt: Date | null;
}

export const LOGIN_COUNTER_FIELDS = { failedLoginCount: true, loginCount: true, lastFailedLoginAt: true, previousLoginAt: true } as const;

export function toLoginInfo(counters: LoginCounters): LoginInfo {
  return {
    failedLoginCount: counters.failedLoginCount,
    loginCount: counters.loginCount,
    lastFailedLoginTime: formatJiraDate(counters.lastFailedLoginAt),
    previousLoginTime: formatJiraDate(counters.previousLoginAt),
  };
}
