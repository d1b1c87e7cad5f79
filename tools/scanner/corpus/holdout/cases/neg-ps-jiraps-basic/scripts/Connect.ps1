Import-Module JiraPS
Set-JiraConfigServer -Server $env:JIRA_URL
$cred = New-Object pscredential($env:JIRA_EMAIL, (ConvertTo-SecureString $env:JIRA_API_TOKEN -AsPlainText -Force))
Get-JiraIssue -Key 'OPS-1' -Credential $cred
