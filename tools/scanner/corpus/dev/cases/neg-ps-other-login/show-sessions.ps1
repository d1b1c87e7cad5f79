$login = Invoke-RestMethod -Uri "https://$server/web_api/login" -Method Post -ContentType 'application/json' -Body (@{ 'api-key' = $env:API_KEY } | ConvertTo-Json)
$sessions = Invoke-RestMethod -Uri "https://$server/web_api/show-sessions" -Method Post -Headers @{ 'X-chkp-sid' = $login.sid } -ContentType 'application/json' -Body '{}'
$sessions.objects
