$config = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot 'config.psd1')
$cred = Get-Credential
$body = @{ username = $cred.UserName; password = $cred.GetNetworkCredential().Password } | ConvertTo-Json
Invoke-RestMethod -Uri ($config.Server + $config.SessionPath) -Method Post -Body $body -ContentType 'application/json' -SessionVariable s | Out-Null
