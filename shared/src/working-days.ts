import calendar2025 from './working-days/2025.json';
import calendar2026 from './working-days/2026.json';
import { dayOf } from './calendar';

/**
 * The mainland's working-day calendar: weekends and public holidays are not working days, and the
 * weekend days the State Council moves to make a holiday longer (调休) are. One data file per year
 * (`working-days/YYYY.json`, copied from the State Council's yearly notice, named in `source`); a
 * year without its file counts Monday to Friday only and is reported as not covered, so an office
 * sees that a deadline is an estimate until the year's file ships.
 */
export interface WorkingDayCalendar {
  year: number;
  source: string;
  /** Days off (放假), weekdays or not. */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
}

export const WORKING_DAY_CALENDARS: readonly WorkingDayCalendar[] = [calendar2025, calendar2026];

const holidays = new Set(WORKING_DAY_CALENDARS.flatMap((calendar) => calendar.holidays));
const workdays = new Set(WORKING_DAY_CALENDARS.flatMap((calendar) => calendar.workdays));
const coveredYears = new Set(WORKING_DAY_CALENDARS.map((calendar) => calendar.year));

const DAY_MS = 24 * 60 * 60 * 1000;
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Whether the calendar of `day`'s year ships with Linli (else only weekends are known). */
export const isCalendarCovered = (day: string): boolean => coveredYears.has(Number(day.slice(0, 4)));

/** `2026-10-10` (a Saturday made a working day) → true; `2026-10-05` (National Day) → false. */
export function isWorkingDay(day: string): boolean {
  if (workdays.has(day)) return true;
  if (holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The `count`-th working day after `day` (not counting `day` itself): `2026-09-30` + 10 → `2026-10-20`. */
export function addWorkingDays(day: string, count: number): string {
  let current = day;
  for (let found = 0; found < count;) {
    current = nextDay(current);
    if (isWorkingDay(current)) found += 1;
  }
  return current;
}

/** Working days the 办法 gives an office to record a service (志愿服务记录与证明出具办法（试行）, 民政部令第67号, 2020). */
export const RECORDING_DEADLINE_WORKING_DAYS = 10;

/**
 * When a service must be on the record: the last China-time day of the 10 working days after the
 * activity's end (`endsAt`, ISO), and whether that is already past on `now`'s China day. `estimated`
 * when a year on the way has no calendar file (weekends only).
 */
export function recordingDeadline(
  endsAt: string,
  now: Date | string,
): { deadline: string; overdue: boolean; estimated: boolean } {
  const ended = dayOf(endsAt);
  const deadline = addWorkingDays(ended, RECORDING_DEADLINE_WORKING_DAYS);
  return {
    deadline,
    overdue: dayOf(now) > deadline,
    estimated: !isCalendarCovered(ended) || !isCalendarCovered(deadline),
  };
}
