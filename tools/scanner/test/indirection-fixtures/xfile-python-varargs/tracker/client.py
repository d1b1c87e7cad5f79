from .routes import AUTH, route


class Client:
    def __init__(self, http, site):
        self.http = http
        self.site = site

    def login(self, user, secret):
        return self.http.post(self.site + route(*AUTH, "session"), json={"username": user, "password": secret})
