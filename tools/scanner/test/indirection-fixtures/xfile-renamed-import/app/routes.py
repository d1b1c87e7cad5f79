TRACKER_AUTH_BASE = "/rest/auth/1"
