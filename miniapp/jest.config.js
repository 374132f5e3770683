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
  transform: { '^.+\\.(t|j)sx?$': require('../jest.swc') },
  // @linli/shared is TypeScript source (a workspace symlink); everything else in node_modules ships JavaScript.
  transformIgnorePatterns: ['/node_modules/(?!@linli/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/doubles/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/doubles/components.tsx',
    '^@nutui/nutui-react-taro$': '<rootDir>/test/doubles/nutui.tsx',
    '\\.(css|scss)$': '<rootDir>/test/doubles/style.ts',
    '^@nutui/nutui-react-taro/dist/.*$': '<rootDir>/test/doubles/style.ts',
  },
  clearMocks: true,
};
