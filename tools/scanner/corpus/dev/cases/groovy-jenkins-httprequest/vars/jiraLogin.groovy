def call(String jiraUrl) {
    withCredentials([usernamePassword(credentialsId: 'jira-login', usernameVariable: 'JU', passwordVariable: 'JP')]) {
        def resp = httpRequest(
            url: "${jiraUrl}/rest/auth/1/session",
            httpMode: 'POST',
            contentType: 'APPLICATION_JSON',
            requestBody: groovy.json.JsonOutput.toJson([username: env.JU, password: env.JP]))
        def session = readJSON(text: resp.content).session
        return "${session.name}=${session.value}"
    }
}
