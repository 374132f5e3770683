// A binary asset (the PDF fonts) imported by a module under test: its bytes, as esbuild's `binary`
// loader gives them in the Lambda bundle (serverless.yml custom.esbuild.loader).
const path = require('node:path');

module.exports = {
  process(_source, filename) {
    return { code: `module.exports = new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(filename)}));` };
  },
  getCacheKey(_source, filename) {
    return `binary-asset:${path.resolve(filename)}`;
  },
};
