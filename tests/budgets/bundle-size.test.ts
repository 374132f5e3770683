import { buildFunctions, functionEntries, FUNCTION_BUDGET_BYTES, type Bundle } from '../../bench/bundles';

/** Issue 7: every function, bundled as serverless.yml deploys it (esbuild, minified), stays ≤ 300 KB. */
describe('function bundle sizes', () => {
  let bundles: Map<string, Bundle>;
  let missing: string[];

  beforeAll(async () => {
    const built = await buildFunctions();
    bundles = new Map(built.bundles.map((bundle) => [bundle.name, bundle]));
    missing = built.missing.map((fn) => `${fn.name} → ${fn.entry}`);
  }, 180_000);

  it('every function in serverless.yml has its handler file', () => {
    expect(missing).toEqual([]);
  });

  it.each(functionEntries().map((fn) => [fn.name]))('%s is at most 300 KB', (name) => {
    const bundle = bundles.get(name);
    if (!bundle) return; // reported by the test above
    expect(bundle.bytes).toBeLessThanOrEqual(FUNCTION_BUDGET_BYTES);
  });
});
