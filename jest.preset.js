// Shared Jest settings for every project: Nx's preset (path aliases through its resolver),
// SWC for speed (type checking is the `typecheck` target's job), and a Node environment.
const nxPreset = require('@nx/jest/preset').default;
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcConfig = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
delete swcConfig.$schema;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/?(*.)+(spec|test).ts'],
  clearMocks: true,
  // Tests talk to real databases and processes; a loaded 2-core CI box needs more than Jest's 5 s.
  testTimeout: 30_000,
};
