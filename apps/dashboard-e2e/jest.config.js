module.exports = {
  displayName: 'dashboard-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Each file starts a server process and a Chromium; one at a time on our 2 cores.
  maxWorkers: 1,
  testTimeout: 90_000,
};
