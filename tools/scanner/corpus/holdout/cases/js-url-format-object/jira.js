const url = require('url');
const request = require('request-promise');

class Jira {
  constructor(opts) {
    Object.assign(this, opts);
  }

  login() {
    return request({
      uri: url.format({ protocol: this.protocol, host: this.host, port: this.port, pathname: 'rest/auth/1/session' }),
      method: 'POST',
      json: true,
      body: { username: this.username, password: this.password },
    });
  }
}

module.exports = Jira;
