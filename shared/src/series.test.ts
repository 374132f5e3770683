import { ActivitySeriesPatch, CreateActivitySeriesRequest } from './schemas/timebank-series';
import { Day } from './schemas/office';
import {
  MAX_SERIES_OCCURRENCES,
  addDays,
  atClockTime,
  clockTimeOf,
  isCalendarDay,
  seriesOccurrences,
  weekdayOf,
  weekdayOfDay,
  weekdaysLabel,
} from './series';

/** Tuesday 30 September 2025, 09:00–11:00 in China (01:00–03:00 UTC). */
const TUESDAY_NINE = { startsAt: '2025-09-30T01:00:00.000Z', endsAt: '2025-09-30T03:00:00.000Z' };

describe('China-time weekdays', () => {
  it('names ISO weekdays of calendar days, Monday 1 to Sunday 7', () => {
    expect(['2025-01-06', '2025-01-07', '2025-01-11', '2025-01-12'].map(weekdayOfDay)).toEqual([1, 2, 6, 7]);
  });

  it('takes the weekday of an instant in China time, not UTC', () => {
    // 16:30 UTC on Monday the 29th is 00:30 on Tuesday the 30th in Beijing.
    expect(weekdayOf('2025-09-29T16:30:00.000Z')).toBe(2);
    expect(weekdayOf('2025-09-29T15:59:59.000Z')).toBe(1);
  });

  it('moves between days, clock times and instants', () => {
    expect(addDays('2025-02-27', 2)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(clockTimeOf('2025-09-29T16:30:00.000Z')).toBe('00:30');
    expect(atClockTime('2025-09-30', '00:30')).toBe('2025-09-29T16:30:00.000Z');
    expect(atClockTime('2025-09-30', '09:00')).toBe(TUESDAY_NINE.startsAt);
  });

  it('tells real calendar days from look-alikes', () => {
    expect(['2024-02-29', '2025-12-31'].map(isCalendarDay)).toEqual([true, true]);
    expect(['2025-02-29', '2025-02-30', '2025-13-01', '2025-1-1'].map(isCalendarDay)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('labels the days of a series Monday first', () => {
    expect(weekdaysLabel([5, 2], 'zh-CN')).toBe('二、五');
    expect(weekdaysLabel([7, 1, 6], 'en')).toBe('Mon, Sat, Sun');
  });
});

describe('seriesOccurrences', () => {
  it('repeats on each weekday up to and including `until`, across a month boundary, at the same clock time', () => {
    const occurrences = seriesOccurrences(TUESDAY_NINE, [2, 5], '2025-10-10');

    expect(occurrences).toEqual([
      TUESDAY_NINE,
      { startsAt: '2025-10-03T01:00:00.000Z', endsAt: '2025-10-03T03:00:00.000Z' },
      { startsAt: '2025-10-07T01:00:00.000Z', endsAt: '2025-10-07T03:00:00.000Z' },
      { startsAt: '2025-10-10T01:00:00.000Z', endsAt: '2025-10-10T03:00:00.000Z' },
    ]);
  });

  it('counts days in China time for an occurrence just after midnight there', () => {
    const first = { startsAt: '2025-09-29T16:30:00.000Z', endsAt: '2025-09-29T18:00:00.000Z' };

    const occurrences = seriesOccurrences(first, [2], '2025-10-07');

    expect(occurrences.map((occurrence) => occurrence.startsAt)).toEqual([
      '2025-09-29T16:30:00.000Z',
      '2025-10-06T16:30:00.000Z',
    ]);
    expect(occurrences.map((occurrence) => weekdayOf(occurrence.startsAt))).toEqual([2, 2]);
  });

  it('keeps an overnight occurrence’s duration', () => {
    const first = { startsAt: '2025-10-04T12:00:00.000Z', endsAt: '2025-10-05T00:00:00.000Z' };

    expect(seriesOccurrences(first, [6], '2025-10-11')[1]).toEqual({
      startsAt: '2025-10-11T12:00:00.000Z',
      endsAt: '2025-10-12T00:00:00.000Z',
    });
  });

  it('stops at the limit, so an endless series is never expanded', () => {
    const occurrences = seriesOccurrences(TUESDAY_NINE, [1, 2, 3, 4, 5, 6, 7], '2099-12-31');

    expect(occurrences).toHaveLength(MAX_SERIES_OCCURRENCES + 1);
    expect(occurrences.at(-1)!.startsAt).toBe('2025-11-09T01:00:00.000Z');
  });

  it('is empty when `until` is before the first day or no weekday is real', () => {
    expect(seriesOccurrences(TUESDAY_NINE, [2], '2025-09-29')).toEqual([]);
    expect(seriesOccurrences(TUESDAY_NINE, [0, 8], '2025-12-31')).toEqual([]);
  });
});

describe('the series request schemas', () => {
  const valid = {
    activity: { title: '助老洗澡', category: 'care', ...TUESDAY_NINE },
    weekdays: [2, 5],
    until: '2025-10-31',
  };
  const problems = (input: unknown) => {
    const parsed = CreateActivitySeriesRequest.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  };

  it('accepts a first occurrence on one of the weekdays', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('refuses weekdays that are missing, repeated or not 1–7, a first day off them, and bad ends', () => {
    expect(problems({ ...valid, weekdays: [] })).toContain('weekdays');
    expect(problems({ ...valid, weekdays: [2, 2] })).toContain('weekdays');
    expect(problems({ ...valid, weekdays: [2, 8] })).toContain('weekdays.1');
    expect(problems({ ...valid, weekdays: [5] })).toContain('activity.startsAt');
    expect(problems({ ...valid, until: '2025-02-30' })).toContain('until');
    expect(problems({ ...valid, until: '2025-09-29' })).toContain('until');
    expect(problems({ ...valid, activity: { ...valid.activity, endsAt: valid.activity.startsAt } })).toContain(
      'activity.endsAt',
    );
  });

  it('leaves the office’s lenient Day schema as it was', () => {
    expect(Day.safeParse('2025-02-30').success).toBe(true);
  });

  it('takes clock times in pairs, an earlier end as the next day’s, and at least one change', () => {
    expect(ActivitySeriesPatch.safeParse({ title: '新名字' }).success).toBe(true);
    expect(ActivitySeriesPatch.safeParse({ startTime: '14:00', endTime: '16:30' }).success).toBe(true);
    expect(ActivitySeriesPatch.safeParse({ startTime: '20:00', endTime: '02:00' }).success).toBe(true);
    expect(ActivitySeriesPatch.safeParse({ startTime: '14:00' }).success).toBe(false);
    expect(ActivitySeriesPatch.safeParse({ startTime: '14:00', endTime: '14:00' }).success).toBe(false);
    expect(ActivitySeriesPatch.safeParse({ startTime: '24:00', endTime: '25:00' }).success).toBe(false);
    expect(ActivitySeriesPatch.safeParse({}).success).toBe(false);
    expect(ActivitySeriesPatch.safeParse({ startsAt: TUESDAY_NINE.startsAt }).success).toBe(false);
  });
});
