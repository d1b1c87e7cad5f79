module.exports = {
  displayName: 'shared',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
