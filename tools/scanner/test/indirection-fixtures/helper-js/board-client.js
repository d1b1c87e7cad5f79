class BoardClient {
  constructor(site) {
    this.site = site;
    this.authBase = '/rest/auth/1';
  }

  makeUrl(resource) {
    return this.site + this.authBase + resource;
  }

  open(credentials) {
    return fetch(this.makeUrl('/session'), { method: 'POST', body: JSON.stringify(credentials) });
  }
}

module.exports = BoardClient;
