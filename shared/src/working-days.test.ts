import { addWorkingDays, isWorkingDay, recordingDeadline, WORKING_DAY_CALENDARS } from './working-days';

describe('the mainland working-day calendar', () => {
  it('knows holidays, weekends and the weekend days moved to working days', () => {
    expect(isWorkingDay('2026-10-05')).toBe(false); // National Day, a Monday
    expect(isWorkingDay('2026-10-10')).toBe(true); // a Saturday made a working day
    expect(isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2026-10-12')).toBe(true);
    expect(isWorkingDay('2025-01-26')).toBe(true); // a Sunday before the Spring Festival
    expect(isWorkingDay('2025-01-28')).toBe(false);
  });

  it('counts ten working days across the National Day week', () => {
    // 10-01…07 off; 08 Thu, 09 Fri, 10 Sat (调休), 12–16, 19, 20.
    expect(addWorkingDays('2026-09-30', 10)).toBe('2026-10-20');
    // An ordinary fortnight: two weekends skipped.
    expect(addWorkingDays('2026-11-02', 10)).toBe('2026-11-16');
  });

  it('flags a deadline past on the China day, and estimates a year without its file', () => {
    // The activity ended 2026-09-30 22:00 China time.
    const ended = '2026-09-30T14:00:00.000Z';
    expect(recordingDeadline(ended, '2026-10-20T15:59:59.000Z')).toEqual({
      deadline: '2026-10-20',
      overdue: false,
      estimated: false,
    });
    expect(recordingDeadline(ended, '2026-10-20T16:00:00.000Z').overdue).toBe(true);
    expect(recordingDeadline('2031-05-06T08:00:00.000Z', '2031-05-06T09:00:00.000Z').estimated).toBe(true);
  });

  it('ships whole years whose moved working days are weekends and holidays are dated in the year', () => {
    for (const calendar of WORKING_DAY_CALENDARS) {
      for (const day of calendar.workdays) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
      for (const day of [...calendar.holidays, ...calendar.workdays])
        expect(day.startsWith(`${calendar.year}-`)).toBe(true);
    }
  });
});
