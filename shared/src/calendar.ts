/**
 * Communities live in China time (UTC+8, no daylight saving): a month or a day of the
 * statistics, exports and policies is a China-time month or day, whatever the server's zone.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const chinaDate = (instant: Date | string): Date =>
  new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + CHINA_OFFSET_MS);

/** `2026-11-22T17:00:00Z` → `2026-11` (it is already the 23rd in Beijing only after 16:00Z). */
export function monthOf(instant: Date | string): string {
  return chinaDate(instant).toISOString().slice(0, 7);
}

/** `2026-11-22T17:00:00Z` → `2026-11-23`. */
export function dayOf(instant: Date | string): string {
  return chinaDate(instant).toISOString().slice(0, 10);
}

/** The first instant of a China-time day, as an ISO string in UTC. */
export function startOfDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS).toISOString();
}

/** The first instant after a China-time day. */
export function endOfDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS + 24 * 60 * 60 * 1000).toISOString();
}

/** The first instant of a China-time month. */
export function startOfMonth(month: string): string {
  return startOfDay(`${month}-01`);
}

/** `2026-11` + 2 → `2027-01`; negative steps go back. */
export function addMonths(month: string, steps: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + steps;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < 240; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * A disclosure period of the charity fund (issue 20): a China-time year `2026` or quarter `2026-Q4`.
 * Years 2000–2099 only: nothing older can hold entries, nothing later is worth a request.
 */
export const DISCLOSURE_PERIOD_PATTERN = /^20\d{2}(-Q[1-4])?$/;

export interface PeriodRange {
  /** The first China-time day (`2026-10-01`) and the last (`2026-12-31`), inclusive. */
  firstDay: string;
  lastDay: string;
  /** The first instant of the period and the first instant after it, ISO UTC (`to` is not in it). */
  from: string;
  to: string;
}

/** `2026-Q4` → 2026-10-01 … 2026-12-31 China time; `2026` → the whole China-time year. */
export function periodRange(period: string): PeriodRange {
  if (!DISCLOSURE_PERIOD_PATTERN.test(period)) throw new Error(`not a disclosure period: ${JSON.stringify(period)}`);
  const year = period.slice(0, 4);
  const quarter = period.length > 4 ? Number(period.slice(6)) : undefined;
  const firstMonth = quarter ? `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}` : `${year}-01`;
  const afterMonth = addMonths(firstMonth, quarter ? 3 : 12);
  const to = startOfMonth(afterMonth);
  return {
    firstDay: `${firstMonth}-01`,
    lastDay: dayOf(new Date(Date.parse(to) - 1)),
    from: startOfMonth(firstMonth),
    to,
  };
}

/** The China-time quarter an instant falls in: `2026-Q4`. */
export function quarterOf(instant: Date | string): string {
  const month = monthOf(instant);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}
