import { execFileSync } from 'node:child_process';
import type { FileFix } from '../src/fix/fix-file';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/** Elixir's own parser (Debian's elixir, installed by .ci/run): the rewritten file reads as Elixir code. */
const HAS_ELIXIR = ((): boolean => {
  try {
    execFileSync('elixir', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function expectElixirParses(result: FileFix): void {
  if (!HAS_ELIXIR) return;
  execFileSync('elixir', ['-e', 'Code.string_to_quoted!(IO.read(:stdio, :eof))'], { input: result.after ?? '', stdio: 'pipe' });
}

const BASIC = '"Basic " <> Base.encode64("#{System.get_env("JIRA_EMAIL")}:#{System.get_env("JIRA_API_TOKEN")}")';

jest.setTimeout(60_000);

describe('Elixir: session logins whose cookie the same function sends', () => {
  it('HTTPoison: the login, its JSON body and the matched session go; the header tuple sends Authorization', async () => {
    const source = `defmodule Reports.Jira do
  @moduledoc "Weekly report."

  def unresolved(base, user, password) do
    body = Jason.encode!(%{username: user, password: password})
    {:ok, %HTTPoison.Response{body: answer}} = HTTPoison.post(base <> "/rest/auth/1/session", body, [{"Content-Type", "application/json"}])
    %{"session" => %{"name" => name, "value" => value}} = Jason.decode!(answer)
    headers = [{"Accept", "application/json"}, {"Cookie", "#{name}=#{value}"}]
    HTTPoison.get!(base <> "/rest/api/2/search?jql=resolution=Unresolved", headers).body
  end
end
`;
    const result = await scanAndFix('lib/reports/jira.ex', source, 'elixir');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`    headers = [{"Accept", "application/json"}, {"Authorization", ${BASIC}}]\n`);
    expect(result.after).not.toMatch(/rest\/auth|Jason\.encode|answer|session/);
    expect(result.after).toContain('    # JIRA_EMAIL + JIRA_API_TOKEN: ');
    await expectCleanAndStable(result, 'elixir');
    expectElixirParses(result);
  });

  it('Req with a header map, --bearer', async () => {
    const source = `defmodule Bot.Tracker do
  def me(base, creds) do
    resp = Req.post!(base <> "/rest/auth/latest/session", json: creds)
    sid = resp.body["session"]["value"]
    Req.get!(base <> "/rest/api/2/myself", headers: %{"cookie" => "JSESSIONID=" <> sid}).body
  end
end
`;
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('lib/bot/tracker.ex', source, 'elixir', options);
    expect(result.manual).toEqual([]);
    expect(result.after).toContain('headers: %{"Authorization" => "Bearer #{System.get_env("JIRA_PAT")}"}');
    expect(result.after).not.toMatch(/rest\/auth|sid/);
    await expectCleanAndStable(result, 'elixir', options);
    expectElixirParses(result);
  });

  it('refuses a login inside with (its answer handed back): a note, no edit', async () => {
    const source = `defmodule Tracker.Jira do
  def login(base, user, secret) do
    with {:ok, %HTTPoison.Response{body: resp}} <- HTTPoison.post(base <> "/rest/auth/1/session", Jason.encode!(%{username: user, password: secret}), []) do
      %{"session" => %{"name" => name, "value" => value}} = Jason.decode!(resp)
      {:ok, "#{name}=#{value}"}
    end
  end
end
`;
    const result = await scanAndFix('lib/tracker/jira.ex', source, 'elixir');
    expect(result.status).toBe('manual');
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain('{"Authorization", "Basic " <> Base.encode64(');
  });
});

describe("Elixir: HTTPoison's hackney cookie option", () => {
  const source = `defmodule Ops.Report do
  def myself(base, user, password) do
    {:ok, resp} = HTTPoison.post(base <> "/rest/auth/1/session", Jason.encode!(%{username: user, password: password}), [{"Content-Type", "application/json"}])
    %{"session" => %{"name" => name, "value" => value}} = Jason.decode!(resp.body)
    HTTPoison.get!(base <> "/rest/api/2/myself", [], hackney: [cookie: ["#{name}=#{value}"], pool: :jira]).body
  end
end
`;

  it("hackney: [cookie: …] becomes hackney's basic_auth from the environment; the login and its matched session go", async () => {
    const result = await scanAndFix('lib/ops/report.ex', source, 'elixir');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(`defmodule Ops.Report do
  def myself(base, user, password) do
    # JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)
    HTTPoison.get!(base <> "/rest/api/2/myself", [], hackney: [basic_auth: {System.get_env("JIRA_EMAIL"), System.get_env("JIRA_API_TOKEN")}, pool: :jira]).body
  end
end
`);
    await expectCleanAndStable(result, 'elixir');
    expectElixirParses(result);
  });

  it('with --bearer (hackney has no bearer option) the cookie and the login stay, with a note', async () => {
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('lib/ops/report.ex', source, 'elixir', options);
    expect(result.status).toBe('manual');
    expect(result.after ?? source).toContain('hackney: [cookie: ');
  });

  it('leaves a cookie: keyword that is not a hackney option', async () => {
    const other = source.replace('hackney: [cookie: ["#{name}=#{value}"], pool: :jira]', 'opts: [cookie: ["#{name}=#{value}"]]');
    const result = await scanAndFix('lib/ops/report.ex', other, 'elixir');
    expect(result.status).toBe('manual');
    expect(result.after ?? other).toContain('opts: [cookie: ');
  });
});
