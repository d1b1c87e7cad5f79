import { execFileSync } from 'node:child_process';
import { analyzeSource } from '../src/analyze-file';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/**
 * Ruby HTTP clients that post the session login and send its cookie by hand (docs/scanner-corpus.md, "fix: Ruby
 * and PHP HTTP shapes"): Net::HTTP (`Net::HTTP::Post.new` + `req['Cookie'] = …`), HTTParty (`headers: { 'Cookie' =>
 * … }`), Faraday (`conn.headers['Cookie'] = …`). Made-up code, one shape each; `ruby -c` checks the result.
 */
const lines = (...text: string[]) => `${text.join('\n')}\n`;
const BASIC = `"Basic #{Base64.strict_encode64("#{ENV.fetch('JIRA_EMAIL')}:#{ENV.fetch('JIRA_API_TOKEN')}")}"`;
const HINT = '# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)';

function expectRubyAccepts(text: string): void {
  expect(execFileSync('ruby', ['-c'], { input: text, encoding: 'utf8' })).toContain('Syntax OK');
}

jest.setTimeout(30_000);

const NET_HTTP = lines(
  "require 'net/http'",
  "require 'json'",
  '',
  "uri = URI(ENV['JIRA_URL'])",
  'http = Net::HTTP.new(uri.host, uri.port)',
  "login = Net::HTTP::Post.new('/rest/auth/1/session', 'Content-Type' => 'application/json')",
  "login.body = { username: 'bot', password: 'pw-in-ruby-3' }.to_json",
  'res = http.request(login)',
  "session = JSON.parse(res.body)['session']",
  "req = Net::HTTP::Get.new('/rest/api/2/issue/OPS-1')",
  "req['Cookie'] = \"#{session['name']}=#{session['value']}\"",
  'puts http.request(req).body',
);

const FARADAY = lines(
  "require 'faraday'",
  "require 'json'",
  '',
  "conn = Faraday.new(url: ENV.fetch('JIRA_URL'), headers: { 'Content-Type' => 'application/json' })",
  "res = conn.post('/rest/auth/1/session', { username: ENV['JU'], password: ENV['JP'] }.to_json)",
  "session = JSON.parse(res.body)['session']",
  "conn.headers['Cookie'] = \"JSESSIONID=#{session['value']}\"",
  "puts conn.get('/rest/api/2/myself').body",
);

describe('fix: Ruby HTTP clients that send the session cookie by hand', () => {
  it("Net::HTTP: the Post request, its body and answer go; req['Cookie'] becomes req['Authorization']", async () => {
    const result = await scanAndFix('report.rb', NET_HTTP, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 7, removed: true }]);
    expect(result.after).toBe(lines(
      "require 'base64'",
      "require 'net/http'",
      "require 'json'",
      '',
      "uri = URI(ENV['JIRA_URL'])",
      'http = Net::HTTP.new(uri.host, uri.port)',
      "req = Net::HTTP::Get.new('/rest/api/2/issue/OPS-1')",
      HINT,
      `req['Authorization'] = ${BASIC}`,
      'puts http.request(req).body',
    ));
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });

  it("HTTParty: the login and the Set-Cookie it gave go; the 'Cookie' => pair becomes 'Authorization' =>", async () => {
    const source = lines(
      "require 'httparty'",
      '',
      "base = ENV.fetch('JIRA_URL')",
      "login = HTTParty.post(\"#{base}/rest/auth/1/session\", body: { username: ENV['JU'], password: ENV['JP'] }.to_json, headers: { 'Content-Type' => 'application/json' })",
      "cookie = login.headers['set-cookie']",
      "issue = HTTParty.get(\"#{base}/rest/api/2/issue/OPS-1\", headers: { 'Cookie' => cookie, 'Accept' => 'application/json' })",
      "puts issue['fields']['summary']",
    );
    const result = await scanAndFix('bot.rb', source, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(lines(
      "require 'base64'",
      "require 'httparty'",
      '',
      "base = ENV.fetch('JIRA_URL')",
      HINT,
      `issue = HTTParty.get("#{base}/rest/api/2/issue/OPS-1", headers: { 'Authorization' => ${BASIC}, 'Accept' => 'application/json' })`,
      "puts issue['fields']['summary']",
    ));
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });

  it("Faraday: conn.headers['Cookie'] becomes the connection's Authorization header, and the login goes", async () => {
    const result = await scanAndFix('sync.rb', FARADAY, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(lines(
      "require 'base64'",
      "require 'faraday'",
      "require 'json'",
      '',
      "conn = Faraday.new(url: ENV.fetch('JIRA_URL'), headers: { 'Content-Type' => 'application/json' })",
      HINT,
      `conn.headers['Authorization'] = ${BASIC}`,
      "puts conn.get('/rest/api/2/myself').body",
    ));
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });

  it('refuses a login whose cookie is set in a way fix does not rewrite: removing it would leave the calls anonymous', async () => {
    const source = FARADAY.replace("conn.headers['Cookie'] =", 'conn.headers[:cookie] =');
    const result = await scanAndFix('sync.rb', source, 'ruby');
    expect(result.status).toBe('manual');
    expect(result.after ?? source).toContain("conn.post('/rest/auth/1/session'");
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('Remove this session login and send { Authorization:');
  });

  it('refuses the whole file when the login answer is still read after the cookie (no half migration)', async () => {
    const source = NET_HTTP.replace('puts http.request(req).body', "puts http.request(req).body\nputs res.code");
    const result = await scanAndFix('report.rb', source, 'ruby');
    expect(result.status).toBe('manual');
    expect(result.after ?? source).toContain("req['Cookie']");
  });
});

describe('fix: a Ruby login that is the last expression of a method (its return value)', () => {
  it('refuses it: the method hands the cookie to callers this file does not show (decision 36)', async () => {
    const source = lines(
      "require 'httparty'",
      '',
      'class Tracker',
      '  include HTTParty',
      '',
      '  def sign_in(user, secret)',
      "    res = self.class.post('/rest/auth/1/session', body: { username: user, password: secret }.to_json)",
      '    @jsessionid = res.parsed_response[\'session\'][\'value\']',
      '  end',
      'end',
    );
    const result = await scanAndFix('tracker.rb', source, 'ruby');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toMatch(/^sign_in\(\) returns what this login gave \(Ruby returns the last expression\) to callers this file does not show/);
  });

  it('still rewrites the same login inside a method that goes on to send the cookie', async () => {
    const source = lines(
      "require 'faraday'",
      "require 'json'",
      '',
      'def myself(conn)',
      "  res = conn.post('/rest/auth/1/session', { username: ENV['JU'], password: ENV['JP'] }.to_json)",
      "  conn.headers['Cookie'] = \"JSESSIONID=#{JSON.parse(res.body)['session']['value']}\"",
      "  conn.get('/rest/api/2/myself').body",
      'end',
    );
    const result = await scanAndFix('myself.rb', source, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`  conn.headers['Authorization'] = ${BASIC}\n  conn.get('/rest/api/2/myself').body\nend\n`);
    expect(result.after).not.toContain('/rest/auth/1/session');
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });
});

describe("fix: rest-client's RestClient::Request.execute", () => {
  const source = lines(
    "require 'rest-client'",
    "require 'json'",
    '',
    "base = ENV.fetch('JIRA_URL')",
    "res = RestClient::Request.execute(method: :post, url: \"#{base}/rest/auth/1/session\", payload: { username: ENV['JU'], password: ENV['JP'] }.to_json, headers: { content_type: :json })",
    'jar = res.cookies',
    "issue = RestClient::Request.execute(method: :get, url: \"#{base}/rest/api/2/issue/OPS-1\", headers: { accept: :json, cookies: jar })",
    'puts JSON.parse(issue.body)',
  );

  it('the POST login goes with its cookie jar; cookies: inside headers: becomes Authorization: in the same hash', async () => {
    const result = await scanAndFix('issue.rb', source, 'ruby');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(lines(
      "require 'base64'",
      "require 'rest-client'",
      "require 'json'",
      '',
      "base = ENV.fetch('JIRA_URL')",
      HINT,
      `issue = RestClient::Request.execute(method: :get, url: "#{base}/rest/api/2/issue/OPS-1", headers: { accept: :json, Authorization: ${BASIC} })`,
      'puts JSON.parse(issue.body)',
    ));
    expectRubyAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'ruby');
  });

  it('leaves an execute that is not a POST (a GET of the session resource reads who is signed in)', async () => {
    const get = source.replace('execute(method: :post, url: "#{base}/rest/auth/1/session"', 'execute(method: :get, url: "#{base}/rest/auth/1/session"');
    const result = await scanAndFix('issue.rb', get, 'ruby');
    expect(result.after ?? get).toContain('execute(method: :get, url: "#{base}/rest/auth/1/session"');
  });
});

/**
 * A rest-client wrapper class (shape of galeoconsulting/atlassian-rest-cli's restcli.rb, docs/scanner-corpus.md):
 * the session URL comes from a method called without parentheses, the cookie is merged into an options hash that
 * the other calls send, and logout clears it with `cookies: nil`.
 */
const REST_CLIENT_CLASS = lines(
  "require 'restclient'",
  "require 'json'",
  '',
  'class Tracker',
  '  def initialize(settings)',
  '    @settings = settings',
  '    @requestOpts = {:content_type => :json, :accept => :json}',
  '  end',
  '',
  '  def sessionUrl',
  '    "#{@settings[:base]}/rest/auth/1/session"',
  '  end',
  '',
  '  def signIn(user, secret)',
  '    answer = RestClient.post(sessionUrl, {"username" => user, "password" => secret}.to_json, {:content_type => :json})',
  '    info = JSON.parse(answer)["session"]',
  '    @requestOpts.merge!({:cookies => {info["name"] => info["value"]}})',
  '  end',
  '',
  '  def signOut()',
  '    res = RestClient.delete(sessionUrl, @requestOpts)',
  '    @requestOpts.merge!({:cookies => nil})',
  '    res',
  '  end',
  '',
  '  def issue(key)',
  '    JSON.parse(RestClient.get("#{@settings[:base]}/rest/api/2/issue/#{key}", @requestOpts))',
  '  end',
  'end',
);

describe('fix: a rest-client options hash that carries the cookie', () => {
  it('reads a bare call of a method returning the session URL as the login and the logout', async () => {
    const { findings } = await analyzeSource(REST_CLIENT_CLASS, 'ruby', 'tracker.rb');
    const calls = findings.filter((finding) => finding.ruleId === 'session-login-call').map((finding) => [finding.line, finding.message]);
    expect(calls).toEqual([[15, expect.stringContaining('POST (log in)')], [21, expect.stringContaining('DELETE (log out)')]]);
  });

  it('removes the login; the cookie becomes Authorization beside the other headers; cookies: nil stays a clearing', async () => {
    const result = await scanAndFix('tracker.rb', REST_CLIENT_CLASS, 'ruby');
    expect(result.status).toBe('rewritten');
    expect(result.after).toBe(lines(
      "require 'base64'",
      "require 'restclient'",
      "require 'json'",
      '',
      'class Tracker',
      '  def initialize(settings)',
      '    @settings = settings',
      '    @requestOpts = {:content_type => :json, :accept => :json}',
      '  end',
      '',
      '  def sessionUrl',
      '    "#{@settings[:base]}/rest/auth/1/session"',
      '  end',
      '',
      '  def signIn(user, secret)',
      `    ${HINT}`,
      `    @requestOpts.merge!({Authorization: ${BASIC}})`,
      '  end',
      '',
      '  def signOut()',
      '    res = RestClient.delete(sessionUrl, @requestOpts)',
      '    @requestOpts.merge!({:cookies => nil})',
      '    res',
      '  end',
      '',
      '  def issue(key)',
      '    JSON.parse(RestClient.get("#{@settings[:base]}/rest/api/2/issue/#{key}", @requestOpts))',
      '  end',
      'end',
    ));
    expectRubyAccepts(result.after ?? '');
    // The logout stays for a person, with its note.
    expect(result.manual.map((entry) => entry.finding.line)).toContain(21);
  });

  it('refuses the cookie rewrite while a login it cannot read as one stays', async () => {
    const hidden = REST_CLIENT_CLASS.replace('RestClient.post(sessionUrl,', 'RestClient.post(urlFor(:session),').replace('RestClient.delete(sessionUrl,', 'RestClient.delete(urlFor(:session),');
    const result = await scanAndFix('tracker.rb', hidden, 'ruby');
    expect(result.status).not.toBe('rewritten');
    expect(result.manual.map((entry) => entry.note).join('\n')).toContain('sent by a login this fix could not find');
  });

  it('puts Authorization in a headers: hash when the file sends with HTTParty', async () => {
    const party = REST_CLIENT_CLASS.replace("require 'restclient'", "require 'httparty'").replaceAll('RestClient.', 'HTTParty.');
    const result = await scanAndFix('tracker.rb', party, 'ruby');
    expect(result.after).toContain(`@requestOpts.merge!({headers: { Authorization: ${BASIC} }})`);
  });
});
