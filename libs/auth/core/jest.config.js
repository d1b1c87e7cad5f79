module.exports = {
  displayName: 'auth-core',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};
