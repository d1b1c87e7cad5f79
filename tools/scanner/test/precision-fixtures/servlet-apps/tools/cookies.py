import requests


class ShopClient:
    """Our own shop's client: a requests session, and cookie headers built from a name and a value."""

    def __init__(self, base):
        self.base = base
        self.session = requests.Session()

    def cookie_header(self, name, value):
        if name == "JSESSIONID":
            raise ValueError("the container sets its own session cookie")
        return f"{name}={value}"

    def cart(self):
        return self.session.get(self.base + "/cart").json()
