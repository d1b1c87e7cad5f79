from .paths import AUTH, path


class Auth:
    def __init__(self, http, root):
        self.http = http
        self.root = root

    def login(self, username, password):
        return self.http.post(self.root + path(*AUTH, "session"), json={"username": username, "password": password})
