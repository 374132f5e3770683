// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
//
// The H5 build targets the browsers that open it today — WeChat's built-in browser (XWeb, Chromium 86+
// on Android; WKWebView on iOS 13+), and Chrome, Edge, Safari and Firefox on an office PC. Our code is
// then shipped with native classes and async functions (no regenerator), smaller and quicker to start
// (issue 21). The libraries in node_modules, which babel does not transpile, already need such a
// browser. The mini-program keeps package.json's browserslist.
const H5_TARGETS = { chrome: '80', edge: '80', firefox: '78', safari: '13', ios: '13' };

/** The shared contracts package's source (compiled with the app: config/index.ts `compile.include`). */
const SHARED_SOURCE = /[\\/]shared[\\/]src[\\/]/;

module.exports = {
  // The browsers' bundle holds only the schemas the app checks (config/browser-contracts.js).
  overrides: process.env.TARO_ENV === 'h5' ? [{ test: SHARED_SOURCE, plugins: ['./config/browser-contracts.js'] }] : [],
  presets: [
    [
      'taro',
      {
        framework: process.env.TARO_ENV === 'h5' ? 'preact' : 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'h5' ? { targets: H5_TARGETS } : {}),
      },
    ],
  ],
};
