import { execFileSync } from 'node:child_process';
import { expectCleanAndStable, scanAndFix } from './fix-helpers';

/**
 * PHP logins whose cookie is sent by hand, beside the curl/Guzzle shapes of fix-rewriters.spec.ts
 * (docs/scanner-corpus.md, "fix: Ruby and PHP HTTP shapes"): Laravel's HTTP client (`Http::withCookies`) and a
 * stream context (`file_get_contents` with a `Cookie:` header line). Made-up code, one shape each; `php -l` checks it.
 */
const lines = (...text: string[]) => `${text.join('\n')}\n`;
const HINT = '// JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)';

function expectPhpAccepts(text: string): void {
  expect(execFileSync('php', ['-l'], { input: text, encoding: 'utf8' })).toContain('No syntax errors');
}

jest.setTimeout(30_000);

const LARAVEL = lines(
  '<?php',
  '',
  'namespace App\\Console\\Commands;',
  '',
  'use Illuminate\\Console\\Command;',
  'use Illuminate\\Support\\Facades\\Http;',
  '',
  'class SyncIssues extends Command',
  '{',
  '    public function handle(): void',
  '    {',
  "        $base = config('services.jira.url');",
  "        $login = Http::post($base . '/rest/auth/1/session', ['username' => 'sync', 'password' => 'pw-in-laravel-1']);",
  "        $sid = $login->json('session.value');",
  "        $issues = Http::withCookies(['JSESSIONID' => $sid], parse_url($base, PHP_URL_HOST))",
  "            ->get($base . '/rest/api/2/search', ['jql' => 'project = OPS']);",
  "        $this->info($issues->json('total'));",
  '    }',
  '}',
);

const STREAM = lines(
  '<?php',
  "$base = getenv('JIRA_URL');",
  "$ctx = stream_context_create(['http' => ['method' => 'POST', 'header' => \"Content-Type: application/json\\r\\n\", 'content' => json_encode(['username' => 'ops', 'password' => 'pw-in-stream-3'])]]);",
  "$answer = json_decode(file_get_contents($base . '/rest/auth/1/session', false, $ctx), true);",
  "$cookie = $answer['session']['name'] . '=' . $answer['session']['value'];",
  "$get = stream_context_create(['http' => ['header' => \"Cookie: $cookie\\r\\n\"]]);",
  "echo file_get_contents($base . '/rest/api/2/myself', false, $get);",
);

describe('fix: PHP logins whose cookie is sent by Laravel or a stream context', () => {
  it('Laravel: Http::withCookies becomes withBasicAuth from the environment, and the login with its session read goes', async () => {
    const result = await scanAndFix('SyncIssues.php', LARAVEL, 'php');
    expect(result.manual).toEqual([]);
    expect(result.passwords).toEqual([{ line: 13, removed: true }]);
    expect(result.after).toBe(lines(
      '<?php',
      '',
      'namespace App\\Console\\Commands;',
      '',
      'use Illuminate\\Console\\Command;',
      'use Illuminate\\Support\\Facades\\Http;',
      '',
      'class SyncIssues extends Command',
      '{',
      '    public function handle(): void',
      '    {',
      "        $base = config('services.jira.url');",
      `        ${HINT}`,
      "        $issues = Http::withBasicAuth(getenv('JIRA_EMAIL'), getenv('JIRA_API_TOKEN'))",
      "            ->get($base . '/rest/api/2/search', ['jql' => 'project = OPS']);",
      "        $this->info($issues->json('total'));",
      '    }',
      '}',
    ));
    expectPhpAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'php');
  });

  it('Laravel with --bearer: withToken', async () => {
    const options = { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true };
    const result = await scanAndFix('SyncIssues.php', LARAVEL, 'php', options);
    expect(result.after).toContain("$issues = Http::withToken(getenv('JIRA_PAT'))\n");
    expect(result.after).not.toContain('/rest/auth/1/session');
    expectPhpAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'php', options);
  });

  it('refuses a Laravel login whose answer is still read after the cookie', async () => {
    const source = LARAVEL.replace("        $this->info($issues->json('total'));", "        $this->info($issues->json('total'));\n        echo $login->json('session.name');");
    const result = await scanAndFix('SyncIssues.php', source, 'php');
    expect(result.status).toBe('manual');
    expect(result.after ?? source).toContain('Http::withCookies(');
  });

  it('a stream context: the Cookie header line becomes the Authorization line, the login context and answer go', async () => {
    const result = await scanAndFix('myself.php', STREAM, 'php');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(lines(
      '<?php',
      "$base = getenv('JIRA_URL');",
      HINT,
      "$get = stream_context_create(['http' => ['header' => 'Authorization: Basic ' . base64_encode(getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN')) . \"\\r\\n\"]]);",
      "echo file_get_contents($base . '/rest/api/2/myself', false, $get);",
    ));
    expectPhpAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'php');
  });

  it('keeps the line break a concatenated Cookie line ends with, for the header line appended after it', async () => {
    const source = STREAM.replace(
      "$get = stream_context_create(['http' => ['header' => \"Cookie: $cookie\\r\\n\"]]);",
      "$opts = ['header' => 'Cookie: ' . $cookie . \"\\r\\n\"];\n$opts['header'] .= \"Accept: application/json\\r\\n\";\n$get = stream_context_create(['http' => $opts]);",
    );
    expect(source).toContain("$opts['header'] .=");
    const result = await scanAndFix('myself.php', source, 'php');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain("$opts = ['header' => 'Authorization: Basic ' . base64_encode(getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN')) . \"\\r\\n\"];\n$opts['header'] .= ");
    expectPhpAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'php');
  });

  it('refuses a Cookie line followed by other header lines in the same string: replacing it whole would drop them', async () => {
    const source = STREAM.replace('"Cookie: $cookie\\r\\n"', '"Cookie: $cookie\\r\\nAccept: application/json\\r\\n"');
    expect(source).toContain('Accept: application/json');
    const result = await scanAndFix('myself.php', source, 'php');
    expect(result.status).toBe('manual');
    expect(result.after ?? source).toContain('Accept: application/json');
  });
});

describe("fix: a PHP Cookie header set by subscript ($options['headers']['Cookie'] = …)", () => {
  const source = lines(
    '<?php',
    "$client = new GuzzleHttp\\Client(['base_uri' => getenv('JIRA_URL')]);",
    "$res = $client->post('/rest/auth/1/session', ['json' => ['username' => getenv('JU'), 'password' => getenv('JP')]]);",
    "$session = json_decode((string) $res->getBody(), true)['session'];",
    "$options = ['headers' => ['Accept' => 'application/json']];",
    "$options['headers']['Cookie'] = $session['name'] . '=' . $session['value'];",
    "echo $client->get('/rest/api/2/myself', $options)->getBody();",
  );

  it('sets Authorization under the same subscript, and the login with its session read goes', async () => {
    const result = await scanAndFix('myself.php', source, 'php');
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(lines(
      '<?php',
      "$client = new GuzzleHttp\\Client(['base_uri' => getenv('JIRA_URL')]);",
      "$options = ['headers' => ['Accept' => 'application/json']];",
      HINT,
      "$options['headers']['Authorization'] = 'Basic ' . base64_encode(getenv('JIRA_EMAIL') . ':' . getenv('JIRA_API_TOKEN'));",
      "echo $client->get('/rest/api/2/myself', $options)->getBody();",
    ));
    expectPhpAccepts(result.after ?? '');
    await expectCleanAndStable(result, 'php');
  });

  it('refuses a cookie appended to (.=) rather than set: the header keeps other cookies this file does not show', async () => {
    // A first request whose Cookie header is replaced: without it the file has nothing to rewrite at all.
    const appended = source
      .replace("$options['headers']['Cookie'] = ", "$options['headers']['Cookie'] .= '; ' . ")
      .replace("$options = [", "$client->get('/rest/api/2/serverInfo', ['headers' => ['Cookie' => $session['name'] . '=' . $session['value']]]);\n$options = [");
    const result = await scanAndFix('myself.php', appended, 'php');
    expect(result.status).toBe('manual');
    expect(result.after ?? appended).toContain("/rest/auth/1/session");
  });
});
