// Integration (HTTP over DynamoDB Local and serverless-offline) and end-to-end (Chromium) tests.
// One global setup starts the real local stack once per run, on free ports.
const swc = require('../jest.swc');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/integration/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts', '<rootDir>/budgets/**/*.test.ts'],
  transform: {
    '/@jsquash/.+\\.js$': require.resolve('../jest.import-meta'),
    '^.+\\.(t|j)sx?$': swc,
    '^.+\\.(woff|wasm)$': require.resolve('../jest.binary'),
  },
  moduleNameMapper: { '^@jsquash/webp/codec/dec/webp_dec\\.wasm$': require.resolve('../jest.webp-decoder') },
  transformIgnorePatterns: ['/node_modules/(?!@middy/|zod/v4/locales/|zod/v4/core/|@jsquash/)'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testSequencer: '<rootDir>/support/sequencer.js',
  testTimeout: 60_000,
};
