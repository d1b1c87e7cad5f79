// The chat service's own /session under a base it is given: a local of another file is no shared value.
function openChat(trackerBase) {
  return fetch(trackerBase + '/session', { method: 'POST' });
}

module.exports = { openChat };
