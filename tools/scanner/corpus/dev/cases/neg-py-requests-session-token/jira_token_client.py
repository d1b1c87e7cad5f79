import os

import requests

session = requests.Session()
session.auth = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])
session.headers["Accept"] = "application/json"

resp = session.get(os.environ["JIRA_URL"] + "/rest/api/3/myself")
print(resp.json()["accountId"])
