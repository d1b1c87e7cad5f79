class RestCli {
    private Map options = [:]

    RestCli(Map opts) {
        options.putAll(opts)
    }

    private String baseUrl() {
        "${options.proto}://${options.host}:${options.port}/${options.context}"
    }

    private String loginUrl() {
        "${baseUrl()}/rest/auth/latest/session"
    }

    def login(String username, String password) {
        def connection = new URL(loginUrl()).openConnection()
        connection.requestMethod = 'POST'
        connection.doOutput = true
        connection.setRequestProperty('Content-Type', 'application/json')
        connection.outputStream.withWriter { it << groovy.json.JsonOutput.toJson([username: username, password: password]) }
        return connection.getHeaderField('Set-Cookie')
    }
}
