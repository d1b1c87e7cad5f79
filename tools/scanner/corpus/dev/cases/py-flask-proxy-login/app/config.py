import os


class Config:
    JIRA_URL = os.environ.get("JIRA_URL", "http://localhost:2990/jira")
    JIRA_AUTH = "/rest/auth/1/session"
