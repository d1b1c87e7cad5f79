"""Migration notes.

The old code logged in through the session resource and kept a cookie; this module now sends an
API token with every request instead.
"""
import os

import requests

AUTH = (os.environ["JIRA_EMAIL"], os.environ["JIRA_API_TOKEN"])


def me(base):
    return requests.get(base + "/rest/api/2/myself", auth=AUTH).json()
