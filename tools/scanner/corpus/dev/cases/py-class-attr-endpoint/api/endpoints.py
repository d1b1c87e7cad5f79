import requests

from .constants import JIRA_HOST_URL


class Endpoint:
    host = JIRA_HOST_URL


class SessionEndpoint(Endpoint):
    url = Endpoint.host + "/rest/auth/1/session"

    def __init__(self, user, secret):
        self.body = {"username": user, "password": secret}

    def login(self, http):
        return http.post(SessionEndpoint.url, json=self.body)

    def logout(self, http):
        return http.delete(SessionEndpoint.url)
