import type { Language } from '../state/preferences';

const pad = (value: number) => String(value).padStart(2, '0');
const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** An ISO-8601 UTC instant shown in the device's time zone: `11月22日 周六 14:30` / `Sat 22/11 14:30`. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (language === 'en') {
    return `${WEEKDAYS_EN[date.getDay()]} ${pad(date.getDate())}/${pad(date.getMonth() + 1)} ${time}`;
  }
  return `${date.getMonth() + 1}月${date.getDate()}日 周${WEEKDAYS_ZH[date.getDay()]} ${time}`;
}

/** Start and end of an activity; the end shows only its time when both fall on the same day. */
export function formatTimeRange(startsAt: string, endsAt: string, language: Language): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const sameDay = start.toDateString() === end.toDateString();
  const endText = sameDay ? `${pad(end.getHours())}:${pad(end.getMinutes())}` : formatDateTime(endsAt, language);
  return `${formatDateTime(startsAt, language)} – ${endText}`;
}

/** The date and time inputs of a form, in the device's time zone: `{date: '2025-11-22', time: '14:30'}`. */
export function toDateTimeInputs(instant: Date): { date: string; time: string } {
  return {
    date: `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`,
    time: `${pad(instant.getHours())}:${pad(instant.getMinutes())}`,
  };
}

/** `'2025-11-22'` + `'14:30'` typed in the device's time zone → ISO-8601 UTC; null when either is not valid. */
export function fromDateTimeInputs(date: string, time: string): string | null {
  const dateMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  const timeMatch = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!dateMatch || !timeMatch) return null;
  const [year, month, day] = dateMatch.slice(1).map(Number) as [number, number, number];
  const [hours, minutes] = timeMatch.slice(1).map(Number) as [number, number];
  if (hours > 23 || minutes > 59) return null;
  const instant = new Date(year, month - 1, day, hours, minutes);
  if (instant.getFullYear() !== year || instant.getMonth() !== month - 1 || instant.getDate() !== day) return null;
  return instant.toISOString();
}

/** Whole seconds from now until `iso` (never negative). */
export function secondsUntil(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}
