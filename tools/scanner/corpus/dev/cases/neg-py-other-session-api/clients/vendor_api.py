import requests


def open_session(base, api_key):
    r = requests.post(f"{base}/api/2/session", json={"api-key": api_key})
    r.raise_for_status()
    return r.json()["sid"]
