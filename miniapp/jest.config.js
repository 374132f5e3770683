// Component and unit tests for the mini-program: React Testing Library in jsdom.
// Taro's runtime and components are replaced by small doubles in test/doubles
// (the Taro test utilities do not run on this stack).
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/english-here.ts'],
  transform: { '^.+\\.(t|j)sx?$': require('../jest.swc'), '^.+\\.mjs$': require('../jest.swc') },
  // @linli/shared is TypeScript source (a workspace symlink); everything else in node_modules ships JavaScript.
  // qrcode-generator is tested as the app bundles it: its ES module, which lacks parts of its CommonJS build.
  transformIgnorePatterns: ['/node_modules/(?!@linli/|qrcode-generator/)'],
  moduleNameMapper: {
    '^qrcode-generator$': '<rootDir>/../node_modules/qrcode-generator/dist/qrcode.mjs',
    '^@tarojs/taro$': '<rootDir>/test/doubles/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/doubles/components.tsx',
    // The browser build's Taro components under src/components/web-elements (its own View, Text, Button).
    '^@tarojs/components/lib/react$': '<rootDir>/test/doubles/components.tsx',
    '^@nutui/nutui-react-taro$': '<rootDir>/test/doubles/nutui.tsx',
    '\\.(css|scss)$': '<rootDir>/test/doubles/style.ts',
    '^@nutui/nutui-react-taro/dist/.*$': '<rootDir>/test/doubles/style.ts',
  },
  clearMocks: true,
};
