module.exports = {
  displayName: 'auth-api-token',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
