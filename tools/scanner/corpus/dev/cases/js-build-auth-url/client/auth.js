function AuthClient(jira) {
  this.jira = jira;

  this.login = function (credentials) {
    return this.jira.request({
      uri: this.jira.buildAuthURL('/session'),
      method: 'POST',
      json: true,
      body: credentials,
    });
  };
}

module.exports = AuthClient;
