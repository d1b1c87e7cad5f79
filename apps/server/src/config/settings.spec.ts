import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings, SETTINGS, settingsTableMarkdown } from './settings';

const README = join(__dirname, '../../../../README.md');
const START = '<!-- settings-table: generated from apps/server/src/config/settings.ts by `npx nx run server:settings-table` -->';
const END = '<!-- /settings-table -->';

describe('the settings table', () => {
  it('is the table in the README (`npx nx run server:settings-table` rewrites it)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect({ start: start >= 0, end: end > start }).toEqual({ start: true, end: true });
    const generated = `${START}\n${settingsTableMarkdown()}\n${END}`;
    if (process.env['UPDATE_SETTINGS_TABLE'] === '1') writeFileSync(README, readme.slice(0, start) + generated + readme.slice(end + END.length));
    else expect(readme.slice(start, end + END.length)).toBe(generated);
  });

  it('documents every variable with a type, a default and a meaning', () => {
    for (const [name, setting] of Object.entries(SETTINGS)) {
      expect({ name, type: setting.type.length > 0, doc: setting.doc.length > 10 }).toEqual({ name, type: true, doc: true });
      expect({ name, default: setting.fallback !== undefined || (setting.defaultText ?? '').length > 0 }).toEqual({ name, default: true });
    }
  });

  it('reads each kind of value, and names every bad variable without echoing its value', () => {
    const settings = readSettings({ PORT: '9000', ALLOW_PASSWORD_BASIC: 'true', USAGE_RECORDING: '0', SESSION_POLICY: 'enforce', SUNSET_DATE: '2027-01-01T00:00:00Z' });
    expect(settings).toMatchObject({ PORT: 9000, ALLOW_PASSWORD_BASIC: true, USAGE_RECORDING: false, SESSION_POLICY: 'enforce', SUNSET_DATE: '2027-01-01T00:00:00Z', HOST: '127.0.0.1' });
    const secret = 'short-secret';
    const bad = { PORT: '80.5', JQL_MAX_VALUES: '1e3', DEMO_DATA: 'yes', LOG_FORMAT: 'xml', BASE_URL: 'jira', SUNSET_DATE: 'tomorrow', CLIENT_ID_HEADER: 'X Client', METRICS_TOKEN: secret };
    const error = (() => {
      try {
        readSettings(bad);
      } catch (thrown) {
        return (thrown as Error).message;
      }
      return '';
    })();
    for (const name of Object.keys(bad)) expect(error).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(error).not.toContain(secret);
  });
});
