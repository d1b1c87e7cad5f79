from urllib.parse import urljoin

BASE = "https://tracker.invalid/"
LOGIN_URL = urljoin(BASE, "rest/auth/1/session")
