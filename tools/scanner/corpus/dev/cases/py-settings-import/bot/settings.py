import os

JIRA_URL = os.getenv("JIRA_URL", "https://jira.example.com")
JIRA_SESSION_PATH = "/rest/auth/1/session"
JIRA_SEARCH_PATH = "/rest/api/2/search"
