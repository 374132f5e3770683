import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageLayout, ROUTES } from '../../miniapp/src/route-table';
import { MAIN_PACKAGE_BUDGET_BYTES, MINIAPP_DIST, SUBPACKAGE_BUDGET_BYTES, weappSizes } from '../../bench/miniapp-size';

/** Issue 7: the weapp build (`npm test` builds it first) fits WeChat's package limits with room to spare. */
describe('weapp package sizes', () => {
  const weapp = path.join(MINIAPP_DIST, 'weapp');

  it('has a weapp build to measure', () => {
    expect(existsSync(path.join(weapp, 'app.json'))).toBe(true);
  });

  it('measures every subpackage declared in app.config.ts', () => {
    // app.config.ts takes its subpackages from the route table.
    const declared = packageLayout(Object.values(ROUTES)).subPackages.map((subPackage) => subPackage.root);

    expect(weappSizes(weapp).subpackages.map((entry) => entry.name)).toEqual(declared);
  });

  it('keeps the main package at most 1.5 MB', () => {
    expect(weappSizes(weapp).main.bytes).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET_BYTES);
  });

  it('keeps each subpackage at most 2 MB', () => {
    const oversized = weappSizes(weapp).subpackages.filter((entry) => entry.bytes > SUBPACKAGE_BUDGET_BYTES);

    expect(oversized).toEqual([]);
  });
});
