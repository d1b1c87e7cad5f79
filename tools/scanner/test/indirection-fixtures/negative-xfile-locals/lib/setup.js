function describeTracker() {
  const trackerBase = '/rest/auth/1';
  return { kind: 'tracker', trackerBase };
}

module.exports = { describeTracker };
