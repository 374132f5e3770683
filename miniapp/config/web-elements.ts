import path from 'node:path';
import webpack from 'webpack';

/** The app's sources; only their imports are pointed at the browser elements. */
const SOURCE = path.resolve(__dirname, '..', 'src');
/** `View`, `Text` and `Button` as `<div>`, `<span>`, `<button>`, the rest Taro's (src/components/web-elements). */
export const WEB_ELEMENTS = path.join(SOURCE, 'components', 'web-elements', 'index.tsx');

/**
 * The H5 build's plugin that points the app's `import … from '@tarojs/components'` at {@link WEB_ELEMENTS}
 * (issue 21: no Stencil element for a `View`). Imports from libraries (NutUI, Taro's own) and from the module
 * itself keep Taro's components.
 */
export class WebElementsPlugin extends webpack.NormalModuleReplacementPlugin {
  constructor() {
    super(/^@tarojs\/components$/, (resource) => {
      const issuer: string = resource.contextInfo?.issuer ?? '';
      if (issuer.startsWith(SOURCE + path.sep) && issuer !== WEB_ELEMENTS) resource.request = WEB_ELEMENTS;
    });
  }
}
