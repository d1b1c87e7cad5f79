import requests

FALLBACK = {
    "site": "https://tracker.invalid",
    "auth_resource": "/rest/auth/1/session",
}


class SettingsClient:
    def __init__(self, **overrides):
        self.conf = dict(FALLBACK, **overrides)

    def connect(self, user, secret):
        target = "{site}{auth_resource}".format(**self.conf)
        return requests.post(target, json={"username": user, "password": secret})
