import requests

from .routes import TRACKER_AUTH_BASE as AUTH


def logout(site, cookies):
    return requests.delete(site + AUTH + "/session", cookies=cookies)
