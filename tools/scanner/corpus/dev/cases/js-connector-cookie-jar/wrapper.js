import request from 'request';
import JiraClient from 'jira-connector';

export function clientFromBrowserCookies(host, cookies) {
  const jar = request.jar();
  cookies.forEach((c) => jar.setCookie(`${c.name}=${c.value}`, `https://${host}`));
  return new JiraClient({ host, cookie_jar: jar });
}
