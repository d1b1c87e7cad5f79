import { requestUrl } from 'obsidian';
import type { PluginSettings } from './settings';

export async function authenticate(settings: PluginSettings): Promise<string> {
  const response = await requestUrl({
    url: `${settings.jiraUrl}/rest/auth/1/session`,
    method: 'POST',
    body: JSON.stringify({ username: settings.username, password: settings.password }),
    contentType: 'application/json',
  });
  const { name, value } = response.json.session;
  return `${name}=${value}`;
}
