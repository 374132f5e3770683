import { EXPORT_LIMITS, exportBudget, exportFileText } from './data-export';

/** The export's bounds: a history past them is 413 `export.too_large`, never a timeout or a 6 MB answer. */
describe('the data export’s bounds', () => {
  const codeOf = (run: () => unknown) => {
    try {
      run();
      return undefined;
    } catch (error) {
      return (error as { code?: string; details?: unknown }).code;
    }
  };

  it('stops once more items are read than an export holds', () => {
    const budget = exportBudget(() => 0);
    budget.take(EXPORT_LIMITS.items);
    expect(codeOf(() => budget.take(1))).toBe('export.too_large');
  });

  it('stops once the reading has taken its time', () => {
    let now = 0;
    const budget = exportBudget(() => now);
    budget.take(1);
    now = EXPORT_LIMITS.milliseconds + 1;
    expect(codeOf(() => budget.take(1))).toBe('export.too_large');
  });

  it('refuses a file larger than a Lambda answer can carry', () => {
    const huge = { notifications: [{ text: 'x'.repeat(EXPORT_LIMITS.bytes) }] } as never;
    expect(codeOf(() => exportFileText(huge))).toBe('export.too_large');
    expect(JSON.parse(exportFileText({ userId: 'u' } as never))).toEqual({ userId: 'u' });
  });
});
