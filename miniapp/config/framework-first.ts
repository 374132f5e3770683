import type { Compiler, EntryNormalized } from 'webpack';

/**
 * The libraries evaluated before the app's code arrives, in the order Taro's generated H5 entry
 * (`@tarojs/taro-loader/lib/h5.js`) evaluates them: first the four it imports before the app's own code
 * (platform runtime, API, router, the components' global styles), then the React adapter, React (Preact
 * here) and the web components with their React wrappers, which the entry and the app import next. The
 * app's modules only import these; none of them runs anything of the app's, so evaluating them first
 * changes no side effect's order.
 */
export const FRAMEWORK_MODULES = [
  '@tarojs/plugin-platform-h5/dist/runtime',
  '@tarojs/taro',
  '@tarojs/router',
  '@tarojs/components/global.css',
  '@tarojs/plugin-framework-react/dist/runtime',
  'react',
  'react-dom',
  '@tarojs/components/dist/components',
  '@tarojs/components/lib/react',
];

/** The entry that holds {@link FRAMEWORK_MODULES} and webpack's runtime; `app` depends on it. */
export const FRAMEWORK_ENTRY = 'framework';
const APP_ENTRY = 'app';

/**
 * Issue 21, a first visit on a slow network: the entry scripts are inline in index.html and arrive over
 * ~0.6 s. With one entry nothing runs until its last byte is in, then every module is evaluated in one task
 * (~0.38 s at 4× CPU) before the first frame. With the framework as an entry of its own, first in the page,
 * its modules are evaluated as soon as its script is in — while the app's own code is still on its way —
 * and the last task only evaluates the app's modules and renders (bench: ~0.15 s less work after the page
 * is in, for the login page and 我的). Webpack's `dependOn`: the app's chunks reuse the framework's modules
 * and runtime instead of holding copies (the page is the same size).
 *
 * Throws at build time when Taro's entries are not the one static `app` entry this expects.
 */
export class FrameworkEntryFirst {
  apply(compiler: Compiler): void {
    const entry = compiler.options.entry;
    if (typeof entry === 'function' || !(APP_ENTRY in entry)) {
      throw new Error(`framework-first: expected a static '${APP_ENTRY}' entry from Taro`);
    }
    const app = entry[APP_ENTRY]!;
    const entries: EntryNormalized = {
      [FRAMEWORK_ENTRY]: { import: [...FRAMEWORK_MODULES] },
      ...entry,
      [APP_ENTRY]: { ...app, dependOn: [...(app.dependOn ?? []), FRAMEWORK_ENTRY] },
    };
    compiler.options.entry = entries;
  }
}
