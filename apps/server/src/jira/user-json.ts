
import { Principal } from '@tokenshift/auth-core';
/** Jira's user representation (`/rest/api/2/myself`, issue reporter/assignee). */
export function userJson(baseUrl: string, user: Pick<Principal, 'name' | 'email' | 'displayName'> & { active?: boolean }) {
  const name = encodeURIComponent(user.name);
  return {
    self: `${baseUrl}/rest/api/2/user?username=${name}`,
    key: user.name,
    name: user.name,
    emailAddress: user.email,
    avatarUrls: { '48x48': `${baseUrl}/secure/useravatar?ownerId=${name}` },
    displayName: user.displayName,
    active: user.active ?? true,
    timeZone: 'UTC',
    locale: 'en_US',
  };
}
