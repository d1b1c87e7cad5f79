import { execFileSync } from 'node:child_process';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/**
 * jira-ruby's `use_cookies` (library-switches.spec.ts): with any auth type the option makes later calls ride the
 * session cookie the first call got. `fix` drops it wherever it is set on an options hash, as public jira-ruby
 * clients write it: beside an OAuth or default auth type, in a hash merged into the options, or set on the hash
 * afterwards. Made-up code, one shape each; `ruby -c` (Debian's ruby, installed with ruby-jira by .ci/run) checks it.
 */
const lines = (...text: string[]) => `${text.join('\n')}\n`;

function expectRubyAccepts(text: string): void {
  expect(execFileSync('ruby', ['-c'], { input: text, encoding: 'utf8' })).toContain('Syntax OK');
}

jest.setTimeout(30_000);

describe("fix: jira-ruby's use_cookies", () => {
  it.each([
    ['beside OAuth', lines('client = JIRA::Client.new(site: url, auth_type: :oauth, consumer_key: key, use_cookies: true)'), lines('client = JIRA::Client.new(site: url, auth_type: :oauth, consumer_key: key)')],
    ['without an auth type, in a merged hash', lines('client = JIRA::Client.new(defaults.merge(use_cookies: true, site: url))'), lines('client = JIRA::Client.new(defaults.merge(site: url))')],
    [
      'set on the options hash afterwards',
      lines('options = { site: url, auth_type: :basic, username: user, password: token }', "options[:use_cookies] = ENV['JIRA_COOKIES'] == '1'", 'client = JIRA::Client.new(options)'),
      lines('options = { site: url, auth_type: :basic, username: user, password: token }', 'client = JIRA::Client.new(options)'),
    ],
  ])('%s', async (_, source, after) => {
    const result = await scanAndFix('jira.rb', source, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(after);
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });

  it('turns cookie mode given as keyword arguments into basic, with the credentials from the environment', async () => {
    const source = lines("client = JIRA::Client.new(site: url, context_path: '', auth_type: :cookie, username: user, password: pass, use_cookies: true)");
    const result = await scanAndFix('jira.rb', source, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(lines(
      '# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)',
      "client = JIRA::Client.new(site: url, context_path: '', auth_type: :basic, username: ENV.fetch('JIRA_EMAIL'), password: ENV.fetch('JIRA_API_TOKEN'))",
    ));
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });

  it("leaves jira-ruby's own cookie mode alone (its @options[:use_cookies] = true)", async () => {
    const source = lines('case @options[:auth_type]', 'when :cookie', '  @options[:use_cookies] = true', 'end');
    const result = await scanAndFix('client.rb', source, 'ruby');
    expect(result.after ?? source).toContain('@options[:use_cookies] = true');
  });
});
