$hdrs = @{ 'X-Qlik-Xrfkey' = 'abcdefghijklmnop'; 'X-Qlik-User' = 'UserDirectory=INTERNAL; UserId=sa_api' }
$cert = Get-ChildItem -Path 'Cert:\CurrentUser\My' | Where-Object { $_.Subject -like '*QlikClient*' }
Invoke-RestMethod -Uri "https://$($env:QS_HOST):4243/qps/session?xrfkey=abcdefghijklmnop" -Method Get -Headers $hdrs -Certificate $cert
