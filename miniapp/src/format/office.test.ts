import { auditActionName, auditChanges, daysOfMonth, formatHours, lastMonths, monthLabel } from './office';

describe('office formats', () => {
  it('names audit actions in Chinese, falling back to the code', () => {
    expect(auditActionName('claim.approve', 'zh-CN')).toBe('通过时长');
    expect(auditActionName('claim.approve', 'en')).toBe('Approved hours');
    expect(auditActionName('proxy.redeem', 'zh-CN')).toBe('代办：redeem');
    expect(auditActionName('mystery.thing', 'zh-CN')).toBe('mystery.thing');
  });

  it('lists only the fields that changed, before → after', () => {
    expect(
      auditChanges({ status: 'pending', minutes: 180, note: 'x' }, { status: 'approved', minutes: 180, points: 3 }),
    ).toEqual([
      { field: 'status', before: 'pending', after: 'approved' },
      { field: 'note', before: 'x', after: undefined },
      { field: 'points', before: undefined, after: '3' },
    ]);
    expect(auditChanges(undefined, { rules: { monthlyCapPoints: 20 } })).toEqual([
      { field: 'rules', before: undefined, after: '{"monthlyCapPoints":20}' },
    ]);
    expect(auditChanges(undefined, undefined)).toEqual([]);
  });

  it('works out month ranges, days and labels', () => {
    expect(lastMonths(12, new Date(2026, 10, 22))).toEqual({ from: '2025-12', to: '2026-11' });
    expect(daysOfMonth('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthLabel('2026-01', true, 'zh-CN')).toBe('1月\n2026');
    expect(monthLabel('2026-11', false, 'zh-CN')).toBe('11月');
    expect(formatHours(90)).toBe('1.5');
    expect(formatHours(20)).toBe('0.3');
    expect(formatHours(0)).toBe('0.0');
  });
});
