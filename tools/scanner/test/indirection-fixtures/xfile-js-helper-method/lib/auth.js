function Auth(api) {
  this.api = api;
  this.logout = function () {
    return request({ uri: this.api.authPath('/session'), method: 'DELETE' });
  };
}

module.exports = Auth;
