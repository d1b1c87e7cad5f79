import os

import requests

BASE = os.environ["JIRA"]

login = requests.post(BASE + "/rest/auth/1/session",
                      json={"username": os.environ["U"], "password": os.environ["P"]}).json()
sess = login["session"]
headers = {"Cookie": "%s=%s" % (sess["name"], sess["value"]), "Content-Type": "application/json"}
issues = requests.get(BASE + "/rest/api/2/search?jql=project=WEB", headers=headers).json()
print(len(issues["issues"]))
