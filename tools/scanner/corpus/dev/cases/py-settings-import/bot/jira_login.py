import requests

from .settings import JIRA_SESSION_PATH, JIRA_URL


def session_cookie(user, secret):
    r = requests.post(f"{JIRA_URL}{JIRA_SESSION_PATH}", json={"username": user, "password": secret})
    data = r.json()["session"]
    return {data["name"]: data["value"]}
