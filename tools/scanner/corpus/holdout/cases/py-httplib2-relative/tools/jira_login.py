import json

import httplib2


def login(jira_url, username, password):
    body = json.dumps({"username": username, "password": password})
    h = httplib2.Http()
    url = jira_url + "/auth/latest/session"
    resp, content = h.request(url, "POST", body=body, headers={"content-type": "application/json"})
    return resp["set-cookie"]
