param(
    [Parameter(Mandatory)] [string] $JiraUrl,
    [Parameter(Mandatory)] [pscredential] $Credential
)

$body = @{ username = $Credential.UserName; password = $Credential.GetNetworkCredential().Password } | ConvertTo-Json
$login = Invoke-RestMethod -Uri "$JiraUrl/rest/auth/1/session" -Method Post -Body $body -ContentType 'application/json' -SessionVariable jira
$bugs = Invoke-RestMethod -Uri "$JiraUrl/rest/api/2/search?jql=type=Bug" -WebSession $jira
$bugs.issues | Select-Object key
