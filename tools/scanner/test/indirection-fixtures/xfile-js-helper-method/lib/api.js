function Api(config) {
  this.site = config.site;
  this.authPath = function (resource) {
    return this.site + '/rest/auth/1' + resource;
  };
}

module.exports = Api;
