import { budgetFor, buildFunctions, functionEntries, type Bundle } from '../../bench/bundles';

/** Issues 7 and 14: every deployed function (one per area), bundled as serverless.yml deploys it (esbuild, minified), stays within its budget: FUNCTION_BUDGET_BYTES (400 KB), or its own in FUNCTION_BUDGETS_BYTES (`documents`, the PDF certificate: 3.5 MiB). */
describe('function bundle sizes', () => {
  let bundles: Map<string, Bundle>;
  let missing: string[];

  beforeAll(async () => {
    const built = await buildFunctions();
    bundles = new Map(built.bundles.map((bundle) => [bundle.name, bundle]));
    missing = built.missing.map((fn) => `${fn.name} → ${fn.entry}`);
  }, 180_000);

  it('every deployed function has its handler file', () => {
    expect(missing).toEqual([]);
  });

  it.each(functionEntries().map((fn) => [fn.name, Math.round(budgetFor(fn.name) / 1024)]))(
    '%s is at most %i KB',
    (name) => {
      const bundle = bundles.get(name);
      if (!bundle) return; // reported by the test above
      expect(bundle.bytes).toBeLessThanOrEqual(budgetFor(name));
    },
  );
});
