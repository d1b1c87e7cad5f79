import os
import requests

JIRA = os.environ["JIRA_BASE"]


def open_session(user, secret):
    resp = requests.post(JIRA + "/rest/auth/1/session", json={"username": user, "password": secret})
    resp.raise_for_status()
    return resp.cookies
