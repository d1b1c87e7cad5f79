import requests
from requests.auth import AuthBase


class JiraCookieAuth(AuthBase):
    def __init__(self, server, username, password):
        self.login_url = server + "/rest/auth/1/session"
        self.credentials = {"username": username, "password": password}
        self.cookies = None

    def __call__(self, r):
        if self.cookies is None:
            self.cookies = requests.post(self.login_url, json=self.credentials).cookies
        r.prepare_cookies(self.cookies)
        return r
