module.exports = {
  displayName: 'server-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Each file starts real server processes; the files run one at a time on our 2 cores.
  maxWorkers: 1,
  testTimeout: 60_000,
};
