import type { FixOptions } from '../src/fix/edits';
import type { FileFix } from '../src/fix/fix-file';
import { DEFAULT_FIX_OPTIONS } from '../src/fix/plan';
import { expectCleanAndStable as cleanAndStable, scanAndFix } from './fix-helpers';

/** The real scan of one script (line rules: the scan has no PowerShell grammar), then its rewrite in memory. */
const fix = (source: string, options: FixOptions = DEFAULT_FIX_OPTIONS): Promise<FileFix> => scanAndFix('scripts/Jira.ps1', source, 'powershell', options);
const expectCleanAndStable = (result: FileFix): Promise<void> => cleanAndStable(result, 'powershell');

const BASIC = `'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("\${env:JIRA_EMAIL}:\${env:JIRA_API_TOKEN}"))`;

jest.setTimeout(30_000);

describe('PowerShell: Invoke-RestMethod / Invoke-WebRequest session logins', () => {
  const SESSION_VARIABLE = `param([string] $Base = 'https://jira.example.com')

$cred = Get-Credential -Message 'Jira login'
$json = @{ username = $cred.UserName; password = $cred.GetNetworkCredential().Password } | ConvertTo-Json
$null = Invoke-RestMethod -Uri "$Base/rest/auth/1/session" -Method Post -Body $json -ContentType 'application/json' -SessionVariable 'jira'

$issues = irm "$Base/rest/api/2/search?jql=assignee=currentUser()" -WebSession $jira
if ($null -eq $issues) { throw 'no answer' }
foreach ($issue in $issues.issues) {
    iwr "$Base/rest/api/2/issue/$($issue.key)/watchers" -Method Post -WebSession $jira -UseBasicParsing | Out-Null
}
`;

  it('-SessionVariable: the session is made with the Authorization header; -WebSession calls stay; the credential prompt and body go', async () => {
    const result = await fix(SESSION_VARIABLE);
    expect(result.fixed.map((finding) => finding.ruleId)).toContain('session-login-call');
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`$jira = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n$jira.Headers['Authorization'] = ${BASIC}\n`);
    expect(result.after).toContain('-WebSession $jira\n');
    expect(result.after).not.toMatch(/Get-Credential|password|rest\/auth/);
    expect(result.after).toContain('# JIRA_EMAIL + JIRA_API_TOKEN: ');
    await expectCleanAndStable(result);
  });

  it('--bearer: the session carries a personal access token', async () => {
    const result = await fix(SESSION_VARIABLE, { emailVar: 'JIRA_EMAIL', tokenVar: 'JIRA_PAT', bearer: true });
    expect(result.after).toContain(`$jira.Headers['Authorization'] = "Bearer \${env:JIRA_PAT}"`);
    expect(result.after).not.toContain('JIRA_EMAIL');
    await expectCleanAndStable(result);
  });

  it('a login whose answer fills a WebRequestSession cookie jar (module function): the jar gets the header instead', async () => {
    const source = `function Connect-Tracker {
    param([Parameter(Mandatory)] [string] $Url, [Parameter(Mandatory)] [pscredential] $Credential)

    $loginBody = ConvertTo-Json @{ username = $Credential.UserName; password = $Credential.GetNetworkCredential().Password }
    $answer = Invoke-RestMethod -Method Post -Uri "$Url/rest/auth/latest/session" -Body $loginBody -ContentType 'application/json'
    $cookie = New-Object System.Net.Cookie($answer.session.name, $answer.session.value, '/', ([uri]$Url).Host)
    $script:Session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
    $script:Session.Cookies.Add($cookie)
    $script:Url = $Url
}

function Get-TrackerIssue([string] $Key) {
    Invoke-RestMethod -Uri "$script:Url/rest/api/2/issue/$Key" -WebSession $script:Session
}
`;
    const result = await fix(source);
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`    $script:Session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n`);
    expect(result.after).toContain(`    $script:Session.Headers['Authorization'] = ${BASIC}\n    $script:Url = $Url\n`);
    expect(result.after).not.toMatch(/\$answer|\$cookie|\$loginBody|rest\/auth/);
    expect(result.after).toContain('-WebSession $script:Session');
    await expectCleanAndStable(result);
  });

  it('a Cookie header built from the answer (hashtable entry, .Add, index): each sends Authorization', async () => {
    const source = `$body = '{"username":"' + $env:JIRA_USER + '","password":"' + $env:JIRA_PASS + '"}'
$login = Invoke-RestMethod "$env:JIRA_URL/rest/auth/1/session" -Method Post -Body $body -ContentType 'application/json'
$headers = @{ Accept = 'application/json'; Cookie = "JSESSIONID=$($login.session.value)" }
$more = @{}
$more.Add('Cookie', 'JSESSIONID=' + $login.session.value)
$third = @{}
$third["Cookie"] = "$($login.session.name)=$($login.session.value)"
Invoke-RestMethod "$env:JIRA_URL/rest/api/2/myself" -Headers $headers
Invoke-RestMethod "$env:JIRA_URL/rest/api/2/serverInfo" -Headers $more
Invoke-RestMethod "$env:JIRA_URL/rest/api/2/project" -Headers $third
`;
    const result = await fix(source);
    expect(result.manual).toEqual([]);
    expect(result.after).toContain(`$headers = @{ Accept = 'application/json'; Authorization = ${BASIC} }`);
    expect(result.after).toContain(`$more.Add('Authorization', ${BASIC})`);
    expect(result.after).toContain(`$third['Authorization'] = ${BASIC}`);
    expect(result.after).not.toMatch(/\$login|\$body|JIRA_PASS|JSESSIONID/);
    await expectCleanAndStable(result);
  });

  it('a login continued over lines (the scan reports its path) and a splatted one: each found by -Method Post and the session path', async () => {
    const continued = `try {
    $response = Invoke-WebRequest \`
        -Uri "$($env:JIRA_URL)/rest/auth/1/session" \`
        -Method Post -ContentType 'application/json' \`
        -Body (@{ username = $env:JIRA_USER; password = $env:JIRA_PASSWORD } | ConvertTo-Json) \`
        -SessionVariable jiraSession
    Invoke-RestMethod -Uri "$($env:JIRA_URL)/rest/api/2/issue/OPS-1" -WebSession $jiraSession
} catch {
    Write-Error $_
}
`;
    const first = await fix(continued);
    expect(first.manual).toEqual([]);
    expect(first.after).toContain(`    $jiraSession = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n    $jiraSession.Headers['Authorization'] = ${BASIC}\n    Invoke-RestMethod`);
    expect(first.after).not.toMatch(/JIRA_PASSWORD|rest\/auth|\$response/);
    await expectCleanAndStable(first);

    const splatted = `param([string] $Server, [string] $User, [string] $Password)
$login = @{
    Uri             = "$Server/rest/auth/1/session"
    Method          = 'Post'
    Body            = (@{ username = $User; password = $Password } | ConvertTo-Json)
    ContentType     = 'application/json'
    SessionVariable = 'JiraSession'
}
Invoke-RestMethod @login | Out-Null
Invoke-RestMethod -Uri "$Server/rest/api/2/myself" -WebSession $JiraSession
`;
    const second = await fix(splatted);
    expect(second.manual).toEqual([]);
    expect(second.after).toContain(`$JiraSession = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n$JiraSession.Headers['Authorization'] = ${BASIC}\nInvoke-RestMethod -Uri`);
    expect(second.after).not.toMatch(/\$login|rest\/auth|password =/);
    await expectCleanAndStable(second);
  });

  it('a login into a session made before it (-WebSession $s): the session gets the header; a discarded login with no session is refused', async () => {
    const source = `$s = New-Object Microsoft.PowerShell.Commands.WebRequestSession
Invoke-RestMethod -Uri "$env:JIRA_URL/rest/auth/1/session" -Method Post -Body $env:JIRA_LOGIN_JSON -ContentType 'application/json' -WebSession $s | Out-Null
Invoke-RestMethod -Uri "$env:JIRA_URL/rest/api/2/myself" -WebSession $s
`;
    const result = await fix(source);
    expect(result.manual).toEqual([]);
    expect(result.after).toBe(`$s = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n# JIRA_EMAIL + JIRA_API_TOKEN: your Atlassian account email and an API token (https://id.atlassian.com/manage-profile/security/api-tokens)\n$s.Headers['Authorization'] = ${BASIC}\nInvoke-RestMethod -Uri "$env:JIRA_URL/rest/api/2/myself" -WebSession $s\n`);
    await expectCleanAndStable(result);

    const discarded = `Invoke-RestMethod -Uri "$env:JIRA_URL/rest/auth/1/session" -Method Post -Body $env:JIRA_LOGIN_JSON -ContentType 'application/json' | Out-Null
Invoke-RestMethod -Uri "$env:JIRA_URL/rest/api/2/myself"
`;
    expect((await fix(discarded)).status).toBe('manual');
  });

  it('refuses when the login answer is still used (written out here): a note, no edit', async () => {
    const source = `$body = @{ username = 'ops'; password = $env:JIRA_PASS } | ConvertTo-Json
$login = Invoke-RestMethod -Uri "$env:JIRA_URL/rest/auth/1/session" -Method Post -Body $body -ContentType 'application/json' -SessionVariable s
Write-Output "signed in as $($login.session.name)"
Invoke-RestMethod -Uri "$env:JIRA_URL/rest/api/2/myself" -WebSession $s
`;
    const result = await fix(source);
    expect(result.status).toBe('manual');
    expect(result.edits).toEqual([]);
    expect(result.manual.find((entry) => entry.finding.ruleId === 'session-login-call')?.note).toContain(`-Headers @{ Authorization = ${BASIC} }`);
  });
});
