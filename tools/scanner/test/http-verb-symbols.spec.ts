import { analyzeSource } from '../src/analyze-file';

// Shapes of Ruby clients (written here from scratch): the verb is a symbol, the first argument of the client's own
// request helper (`make_request(:post, path, body)`, jira-ruby's shape) or rest-client's `method: :delete` option.

async function messages(source: string): Promise<string[]> {
  const { findings } = await analyzeSource(source, 'ruby', 'client.rb');
  return findings.filter((finding) => finding.ruleId === 'session-login-call').map((finding) => `${finding.line} ${finding.message}`);
}

describe('the HTTP verb of a Ruby call named by a symbol', () => {
  it("a helper's first argument :post is a login", async () => {
    const source = `class TrackerHttp
  def sign_in
    body = { username: @user, password: @secret }.to_json
    make_request(:post, "#{@context}/rest/auth/1/session", body, 'Content-Type' => 'application/json')
  end
end
`;
    expect(await messages(source)).toEqual(['4 Calls the deprecated cookie-session resource (/rest/auth/1/session): POST (log in)']);
  });

  it('`method: :delete` in the request options is a logout', async () => {
    const source = `def sign_out(base, jar)
  RestClient::Request.execute(method: :delete, url: base + '/rest/auth/1/session', cookies: jar)
end
`;
    expect(await messages(source)).toEqual(['2 Calls the deprecated cookie-session resource (/rest/auth/1/session): DELETE (log out)']);
  });
});
