/**
 * A WebAssembly module imported as its bytes: esbuild's `binary` loader (serverless.yml
 * `custom.esbuild.loader`) in the Lambda bundle, `jest.binary.js` under jest.
 */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
