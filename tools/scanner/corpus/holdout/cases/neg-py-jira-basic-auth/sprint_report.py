import os

from jira import JIRA

jira = JIRA(os.environ["JIRA_URL"], basic_auth=(os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"]))
print(len(jira.search_issues("sprint in openSprints()")))
