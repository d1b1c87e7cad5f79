import json
import os

import requests
from requests.auth import HTTPBasicAuth

auth = HTTPBasicAuth(os.environ["JIRA_USER"], os.environ["JIRA_PASS"])
headers = {"Accept": "application/json"}

# log in first so that later calls are accepted
response = requests.get(
    "https://tracker.example.org/rest/auth/latest/session",
    headers=headers,
    auth=auth,
)
print(json.dumps(response.json(), indent=2))
