function Connect-Jira {
    [CmdletBinding()]
    param([string] $Server, [pscredential] $Credential)

    $payload = @{ username = $Credential.UserName; password = $Credential.GetNetworkCredential().Password } | ConvertTo-Json
    $result = Invoke-WebRequest -Uri ($Server.TrimEnd('/') + '/rest/auth/1/session') -Method Post -Body $payload -ContentType 'application/json' -UseBasicParsing
    $session = ($result.Content | ConvertFrom-Json).session
    $web = New-Object Microsoft.PowerShell.Commands.WebRequestSession
    $web.Cookies.Add((New-Object System.Net.Cookie($session.name, $session.value, '/', ([uri]$Server).Host)))
    $script:JiraSession = $web
}
