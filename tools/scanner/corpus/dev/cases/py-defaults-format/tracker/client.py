import requests

DEFAULTS = {
    "host": "https://jira.internal",
    "login_path": "/rest/auth/1/session",
    "search_path": "/rest/api/2/search",
}


class Tracker:
    def __init__(self, **options):
        self.opts = dict(DEFAULTS, **options)
        self.http = requests.Session()

    def login(self, user, secret):
        url = "{host}{login_path}".format(**self.opts)
        return self.http.post(url, json={"username": user, "password": secret})
