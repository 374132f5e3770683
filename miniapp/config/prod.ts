import type { UserConfigExport } from '@tarojs/cli';

/** Production builds: minified, no source maps (keeps `npm test` builds quick). */
export default {
  mini: { enableSourceMap: false },
  h5: { enableSourceMap: false },
} satisfies UserConfigExport<'webpack5'>;
