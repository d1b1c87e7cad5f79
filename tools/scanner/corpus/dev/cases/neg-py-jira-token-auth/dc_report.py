import os

from jira import JIRA

client = JIRA(server=os.environ["JIRA_URL"], token_auth=os.environ["JIRA_PAT"])
for project in client.projects():
    print(project.key)
