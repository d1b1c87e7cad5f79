var Tracker = function (url, user, pass) {
  this.url = url;
  this.login(user, pass);
};

Tracker.prototype.login = function (user, pass) {
  var ses = rest.jsonCreate(this.url + "/rest/auth/1/session", {}, { username: user, password: pass }).session;
  this.cookie = ses.name + "=" + ses.value;
};

Tracker.prototype.issue = function (key) {
  return rest.jsonGet(this.url + "/rest/api/2/issue/" + key, {}, { cookie: this.cookie });
};
