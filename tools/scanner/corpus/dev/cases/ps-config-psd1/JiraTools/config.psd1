@{
    Server      = 'https://jira.example.com'
    SessionPath = '/rest/auth/latest/session'
    ApiPath     = '/rest/api/2'
}
