import { addMonths, dayOf, monthOf, residentIdCheckCharacter, startOfDay, startOfMonth } from '@linli/shared';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The first instant of the next China-time hour, day or month after `now` (UTC+8: hours are the same). */
export function nextChinaBoundary(unit: 'hour' | 'day' | 'month', now: Date = new Date()): Date {
  if (unit === 'hour') return new Date((Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS);
  if (unit === 'month') return new Date(startOfMonth(addMonths(monthOf(now), 1)));
  return new Date(Date.parse(startOfDay(dayOf(now))) + DAY_MS);
}

/**
 * For a test that makes data and then reads "this month" or "today" back (statistics, exports, the
 * audit log by day), or spends a rate limit's clock-hour window (gifts): when the China-time boundary is less than `marginMs` away, waits until just past
 * it, so the whole test runs inside one month or day whatever the clock says. Data that straddles a
 * boundary is a separate, explicit case; this keeps the others from failing at 23:59 (`npm run
 * test:clock` runs the suite across a month's and a year's end to prove it).
 */
export async function clearOfChinaBoundary(unit: 'hour' | 'day' | 'month', marginMs: number): Promise<void> {
  const waitMs = nextChinaBoundary(unit).getTime() - Date.now();
  if (waitMs < marginMs) await new Promise((resolve) => setTimeout(resolve, waitMs + 1_000));
}

/**
 * A birth date `years` years before today in China time (`YYYY-MM-DD`), moved to the 1st of its
 * month so that no 29 February is asked for: someone `years` old today (or `years` and a few weeks).
 */
export function birthDateYearsAgo(years: number, now: Date = new Date()): string {
  const [year, month] = dayOf(now).split('-') as [string, string];
  return `${Number(year) - years}-${month}-01`;
}

/**
 * A valid resident ID number (GB 11643-1999) of someone born on `day` (`YYYY-MM-DD`): area 110101,
 * the birth date, sequence 002, and its check character — for a test that needs a person of an age.
 */
export function idNumberBornOn(day: string): string {
  const body = `110101${day.replace(/-/g, '')}002`;
  return `${body}${residentIdCheckCharacter(body)}`;
}
