from urllib.parse import urljoin

import requests


class Client:
    def __init__(self, base):
        self.base = base.rstrip("/") + "/"
        self.s = requests.Session()

    def auth_url(self, resource):
        return urljoin(self.base, "rest/auth/1/" + resource)

    def api_url(self, resource):
        return urljoin(self.base, "rest/api/2/" + resource)

    def login(self, user, secret):
        return self.s.post(self.auth_url("session"), json={"username": user, "password": secret})

    def me(self):
        return self.s.get(self.api_url("myself")).json()
