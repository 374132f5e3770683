import { dayOf, startOfDay } from './calendar';

/**
 * Weekly activities (issue 17): the dates of a series in China time (UTC+8, no daylight saving), so
 * the server, the office form's preview and the tests expand a series the same way.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** At most this many occurrences in one series (they are written in one transaction). */
export const MAX_SERIES_OCCURRENCES = 40;
/** A series ends at most this many days after its first occurrence's day. */
export const MAX_SERIES_DAYS = 366;

/** ISO weekdays: Monday 1 … Sunday 7. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Is `day` (`2026-02-30`, `2026-13-01`…) a real calendar day? */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isFinite(parsed) && new Date(parsed).toISOString().slice(0, 10) === day;
}

/** `2026-11-24` (a Tuesday) → 2: the ISO weekday of a calendar day. */
export function weekdayOfDay(day: string): number {
  const sunday0 = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** The ISO weekday of an instant in China time (`2026-11-23T17:00:00Z` is already Tuesday 24th there). */
export function weekdayOf(instant: Date | string): number {
  return weekdayOfDay(dayOf(instant));
}

/** `2026-11-30` + 2 → `2026-12-02`; negative steps go back. */
export function addDays(day: string, steps: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + steps * DAY_MS).toISOString().slice(0, 10);
}

/** The China-time clock time of an instant: `2026-11-24T01:30:00Z` → `09:30`. */
export function clockTimeOf(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(11, 16);
}

/** A China-time day at a clock time, as an ISO instant in UTC: `2026-11-24` + `09:30` → `2026-11-24T01:30:00.000Z`. */
export function atClockTime(day: string, clockTime: string): string {
  const [hours = 0, minutes = 0] = clockTime.split(':').map(Number);
  return new Date(Date.parse(startOfDay(day)) + (hours * 60 + minutes) * 60_000).toISOString();
}

export interface OccurrenceTimes {
  startsAt: string;
  endsAt: string;
}

/**
 * The occurrences of a weekly series: every China-time day from the first occurrence's day to `until`
 * (inclusive) whose weekday is one of `weekdays`, each at the first occurrence's clock time and with its
 * duration (China time has no daylight saving, so that is the first start plus whole days). The first
 * occurrence is the first of them when its day is one of the weekdays (the request schema insists).
 * Stops after `limit` occurrences, so a caller can tell "too many" without expanding years.
 */
export function seriesOccurrences(
  first: OccurrenceTimes,
  weekdays: readonly number[],
  until: string,
  limit: number = MAX_SERIES_OCCURRENCES + 1,
): OccurrenceTimes[] {
  const start = Date.parse(first.startsAt);
  const durationMs = Date.parse(first.endsAt) - start;
  const firstDay = dayOf(first.startsAt);
  const wanted = new Set(weekdays.filter((day) => Number.isInteger(day) && day >= 1 && day <= 7));
  const occurrences: OccurrenceTimes[] = [];
  if (!Number.isFinite(start) || !Number.isFinite(durationMs) || wanted.size === 0) return occurrences;
  // Each week holds at least one of the weekdays: `limit` occurrences lie within `limit` weeks.
  for (let offset = 0; occurrences.length < limit && offset < 7 * limit; offset += 1) {
    const day = addDays(firstDay, offset);
    if (day > until) break;
    if (!wanted.has(weekdayOfDay(day))) continue;
    const startsAt = start + offset * DAY_MS;
    occurrences.push({
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + durationMs).toISOString(),
    });
  }
  return occurrences;
}

/** `[2, 5]` → `二、五` (zh-CN) or `Tue, Fri` (en): the days of a weekly series, Monday first. */
export function weekdaysLabel(weekdays: readonly number[], language: 'zh-CN' | 'en'): string {
  const sorted = [...new Set(weekdays)].filter((day) => day >= 1 && day <= 7).sort((left, right) => left - right);
  const names =
    language === 'en' ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] : ['一', '二', '三', '四', '五', '六', '日'];
  return sorted.map((day) => names[day - 1]).join(language === 'en' ? ', ' : '、');
}
