TRACKER_URL = "https://tracker.invalid"
AUTH_PREFIX = "/rest/auth/latest"
