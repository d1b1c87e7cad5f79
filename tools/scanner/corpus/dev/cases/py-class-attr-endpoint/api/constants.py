JIRA_HOST_URL = "https://jira.example.net"
