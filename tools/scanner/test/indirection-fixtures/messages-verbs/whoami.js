export const whoami = (site) => fetch(site + '/rest/auth/1/session', { credentials: 'include' });
