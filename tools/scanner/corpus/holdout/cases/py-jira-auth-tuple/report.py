import os

from jira import JIRA

SERVER = os.environ["JIRA_SERVER"]
creds = (os.environ["JIRA_USER"], os.environ["JIRA_PASSWORD"])

jira = JIRA(SERVER, auth=creds)
for issue in jira.search_issues("project = OPS AND resolution = Unresolved"):
    print(issue.key, issue.fields.summary)
