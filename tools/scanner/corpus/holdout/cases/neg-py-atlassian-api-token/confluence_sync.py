import os

from atlassian import Jira

jira = Jira(url=os.environ["JIRA_URL"], username=os.environ["JIRA_EMAIL"], password=os.environ["JIRA_API_TOKEN"], cloud=True)
print(jira.myself()["displayName"])
