import { addMonths, dayOf, endOfDay, monthOf, monthsBetween, startOfDay, startOfMonth } from './calendar';

describe('China-time calendar', () => {
  it('puts an instant in the Beijing month and day', () => {
    expect(monthOf('2026-11-30T15:59:59.999Z')).toBe('2026-11');
    expect(monthOf('2026-11-30T16:00:00.000Z')).toBe('2026-12');
    expect(dayOf('2026-11-22T16:00:00.000Z')).toBe('2026-11-23');
  });

  it('gives day and month bounds in UTC', () => {
    expect(startOfDay('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
    expect(endOfDay('2026-11-23')).toBe('2026-11-23T16:00:00.000Z');
    expect(startOfMonth('2027-01')).toBe('2026-12-31T16:00:00.000Z');
  });

  it('steps months across years', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2026-10')).toEqual([]);
  });
});
