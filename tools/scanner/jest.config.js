module.exports = {
  displayName: 'scanner',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
