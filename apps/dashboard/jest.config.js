module.exports = {
  displayName: 'dashboard',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // The page uses csv-stringify's browser build, which is ESM only: compile it like our own code.
  transformIgnorePatterns: ['/node_modules/(?!csv-stringify/)'],
};
