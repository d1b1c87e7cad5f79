// The chat service's own session resource, under its own base: not Jira's.
function openChat(options) {
  return fetch(options.base + '/session', { method: 'POST' });
}

module.exports = { openChat };
