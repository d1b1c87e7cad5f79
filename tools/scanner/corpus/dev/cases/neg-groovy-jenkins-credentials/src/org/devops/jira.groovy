package org.devops

def request(String method, String path, String body = '') {
    def api = "${env.JIRA_URL}/rest/api/2"
    return httpRequest(authentication: 'jira-api-token',
            httpMode: method,
            contentType: 'APPLICATION_JSON',
            requestBody: body,
            url: "${api}/${path}")
}
