function JiraApi(config) {
  this.host = config.host;
  this.protocol = config.protocol || 'https';
  this.authVersion = '1';

  this.buildAuthURL = function (path) {
    return this.protocol + '://' + this.host + '/rest/auth/' + this.authVersion + path;
  };
}

module.exports = JiraApi;
