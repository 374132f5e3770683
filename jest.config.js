// Unit tests: shared/ and functions/ in node, miniapp/ components in jsdom, and tests/static/ (checks
// read off the test code itself, no stack needed). Integration and end-to-end tests have their own
// config: tests/jest.config.js.
const { existsSync } = require('node:fs');
const path = require('node:path');

const swc = require('./jest.swc');

const node = {
  displayName: 'unit',
  testEnvironment: 'node',
  roots: ['<rootDir>/shared/src', '<rootDir>/functions/src', '<rootDir>/tests/static'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '/@jsquash/.+\\.js$': '<rootDir>/jest.import-meta.js',
    '^.+\\.(t|j)sx?$': swc,
    '^.+\\.(woff|wasm)$': '<rootDir>/jest.binary.js',
  },
  moduleNameMapper: { '^@jsquash/webp/codec/dec/webp_dec\\.wasm$': '<rootDir>/jest.webp-decoder.js' },
  transformIgnorePatterns: ['/node_modules/(?!@middy/|zod/v4/locales/|zod/v4/core/|@jsquash/)'],
};

const miniapp = path.join(__dirname, 'miniapp', 'jest.config.js');

module.exports = {
  projects: [node, ...(existsSync(miniapp) ? [miniapp] : [])],
};
