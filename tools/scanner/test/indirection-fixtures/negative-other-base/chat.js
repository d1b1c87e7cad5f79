// A chat service with its own /session resource: not Jira's.
class ChatClient {
  constructor(site) {
    this.apiBase = '/api/v2';
  }

  makeUrl(resource) {
    return this.apiBase + resource;
  }

  open() {
    return fetch(this.makeUrl('/session'), { method: 'POST' });
  }
}

const AUTH_BASE = '/rest/auth/1';
fetch(AUTH_BASE + '/websudo', { method: 'DELETE' });
