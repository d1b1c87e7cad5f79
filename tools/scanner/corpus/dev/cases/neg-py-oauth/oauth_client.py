from requests_oauthlib import OAuth2Session

client = OAuth2Session(client_id="abc123", redirect_uri="https://app.example.com/callback", scope=["read:jira-work"])
authorization_url, state = client.authorization_url("https://auth.atlassian.com/authorize")
print(authorization_url)
