// `@jsquash/webp/codec/dec/webp_dec.wasm` as its bytes (esbuild's `binary` loader in the Lambda
// bundle): the file lives in an ES-module package, which jest will not hand to a transformer. Read by
// path (jest's require.resolve would map the name back to this module).
const path = require('node:path');

module.exports = new Uint8Array(
  require('node:fs').readFileSync(path.join(__dirname, 'node_modules/@jsquash/webp/codec/dec/webp_dec.wasm')),
);
