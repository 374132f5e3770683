import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import HtmlInlineCssPlugin from 'html-inline-css-webpack-plugin';
import HtmlInlineScriptPlugin from 'html-inline-script-webpack-plugin';
import { applyAjvPeerFix } from './ajv-peer-fix';
import developmentConfig from './dev';
import productionConfig from './prod';
import { FIRST_SCREEN_PAGES } from './first-screen';
import { headReadsScript } from './first-reads';
import { FrameworkEntryFirst } from './framework-first';
import { WebElementsPlugin } from './web-elements';

applyAjvPeerFix();

/** The shared contracts package is TypeScript source, so Taro must compile it like our own code. */
const SHARED_SOURCE = path.resolve(__dirname, '..', '..', 'shared');
/** The first screen's reads: data the app uses and the build writes into the page (first-reads.ts). */
const FIRST_READS_SOURCE = path.resolve(__dirname, 'first-reads.ts');

/** Polyfills Taro's H5 API imports for what the target browsers have natively (babel.config.js). */
const NATIVE_IN_TARGET_BROWSERS = ['whatwg-fetch', 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only'];
const EMPTY_MODULE = path.resolve(__dirname, 'empty-module.js');

/** The entry's style sheet (webpack's `css/app.<hash>.css`), and the page it goes into. */
const ENTRY_STYLE_SHEET = /^\/?css\/app\.[0-9a-f]+\.css$/;
const INLINED_INTO = 'index.html';

/** Served from the app's root, so its scope is the whole app (the registration is in app.tsx). */
const SERVICE_WORKER_FILE = 'service-worker.js';

/** NutUI is drawn for a 375-wide design; our own styles for 750 (so 32px here is 16px on a phone). */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' ? input.file : undefined;
  if ((file?.replace(/\\+/g, '/').indexOf('@nutui') ?? -1) > -1) return 375;
  return 750;
}

/** '' on H5 means "same origin" (the static server or CDN forwards /v1/*). */
function apiBase(platform: string | undefined): string {
  if (process.env.LINLI_API_BASE !== undefined) return process.env.LINLI_API_BASE;
  return platform === 'h5' ? '' : 'http://127.0.0.1:3000';
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli-miniapp',
    date: '2025-11-22',
    designWidth,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      LINLI_API_BASE: JSON.stringify(apiBase(process.env.TARO_ENV)),
      LINLI_STAGE: JSON.stringify(process.env.LINLI_STAGE ?? 'dev'),
    },
    copy: {
      // The H5 app's service worker (src/service-worker.js): the page itself, from this browser's copy.
      patterns:
        process.env.TARO_ENV === 'h5' ? [{ from: 'src/service-worker.js', to: `dist/h5/${SERVICE_WORKER_FILE}` }] : [],
      options: {},
    },
    // The browsers get Preact (preact/compat: React's API in a tenth of react-dom's size, issue 21); the
    // mini-program keeps React, which Taro's mini-program runtime is built and tested with.
    framework: process.env.TARO_ENV === 'h5' ? 'preact' : 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [SHARED_SOURCE, FIRST_READS_SOURCE] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED_SOURCE, FIRST_READS_SOURCE] },
      webpackChain(chain) {
        // Pages load lazily; split their common code (zod, contracts, api, layout) into shared chunks
        // instead of copying it into every page, and keep the size hint quiet for the office console.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
        chain.performance.hints(false);
        // Taro's API imports fetch and AbortController polyfills; every browser the H5 build targets has
        // both (babel.config.js), so they are left out of the entry script (issue 21).
        for (const polyfill of NATIVE_IN_TARGET_BROWSERS) chain.resolve.alias.set(`${polyfill}$`, EMPTY_MODULE);
        for (const route of FIRST_SCREEN_PAGES) chain.entry('app').add(path.join(__dirname, '..', 'src', route));
        // View, Text and Button as plain elements, not Stencil web components (src/components/web-elements).
        chain.plugin('webElements').use(WebElementsPlugin);
        // The framework's modules evaluated as soon as its script is in, before the app's code has arrived.
        chain.plugin('frameworkEntryFirst').use(FrameworkEntryFirst);
        // The entry scripts inside index.html: a first visit takes one round trip for the page and its
        // code instead of two (0.56 s on Slow 4G); the service worker keeps the page for later visits.
        chain.plugin('inlineEntryScripts').use(HtmlInlineScriptPlugin, [{ htmlMatchPattern: [/index\.html$/] }]);
        // And the entry's style sheet (21 KB, 4 KB brotli): as a file it costs its own round trip, and the inline
        // scripts wait for it before they run (0.15 s of a first visit on Slow 4G). The pages' own sheets stay files.
        chain
          .plugin('inlineEntryStyles')
          .use(HtmlInlineCssPlugin, [
            { filter: (name: string) => name === INLINED_INTO || ENTRY_STYLE_SHEET.test(name) },
          ]);
      },
      // Inline scripts run where they stand: at the end of the body, after the app's mount point.
      // The head script starts a logged-in person's first reads while the rest of the page arrives.
      htmlPluginOption: { inject: 'body', scriptLoading: 'blocking', firstReads: headReadsScript(apiBase('h5')) },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        // Root font size follows the screen (20px on a phone) but stops at 24px on a desktop office PC.
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, developmentConfig);
  return merge({}, baseConfig, productionConfig);
});
