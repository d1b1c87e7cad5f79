from urllib.parse import urljoin

import requests


class Tracker:
    def __init__(self, site):
        self.site = site.rstrip("/") + "/"
        self.http = requests.Session()

    def auth_endpoint(self, resource):
        return urljoin(self.site, "rest/auth/latest/" + resource)

    def sign_in(self, user, secret):
        return self.http.post(self.auth_endpoint("session"), json={"username": user, "password": secret})

    def sign_out(self):
        return self.http.delete(self.auth_endpoint("session"))
