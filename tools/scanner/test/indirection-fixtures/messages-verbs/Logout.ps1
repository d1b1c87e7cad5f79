param($Base, $Session)
Invoke-RestMethod -Method Delete -Uri "$Base/rest/auth/1/session" -WebSession $Session
