// ES modules of WebAssembly codecs (@jsquash/webp, Emscripten's output) read and write `import.meta.url`,
// which jest's CommonJS cannot hold: each module gets its own object instead, as esbuild gives the
// Lambda bundle one (serverless.yml: format cjs), then SWC compiles it as every other file.
const { pathToFileURL } = require('node:url');
const [, options] = require('./jest.swc');
const swc = require('@swc/jest').createTransformer(options);

module.exports = {
  process(source, filename, transformOptions) {
    const meta = `var __importMeta = { url: ${JSON.stringify(pathToFileURL(filename).href)} };\n`;
    return swc.process(meta + source.replace(/import\.meta/g, '__importMeta'), filename, transformOptions);
  },
  getCacheKey(source, filename, transformOptions) {
    return `import-meta:${swc.getCacheKey(source, filename, transformOptions)}`;
  },
};
