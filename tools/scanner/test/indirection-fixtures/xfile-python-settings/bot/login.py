import requests

from config.settings import AUTH_PREFIX, TRACKER_URL


def login(user, secret):
    return requests.post(TRACKER_URL + AUTH_PREFIX + "/session", json={"username": user, "password": secret})
