import { formatFen } from '../money';
import { FUND_MESSAGES } from './fund';
import { LEDGER_MESSAGES } from './ledger';
import { MARKET_MESSAGES } from './market';
import { OFFICE_MESSAGES } from './office';
import { SHOP_MESSAGES } from './shop';
import { TIMEBANK_MESSAGES } from './timebank';

/**
 * Inbox texts in the reader's language (issue 21). Each notification the system writes carries a
 * message — a key of {@link NOTIFICATION_MESSAGES} and its values — besides its Chinese `title` and
 * `body`: the mini-program writes the text from the key in the language the reader chose (its
 * catalogue `notices`), falling back to the stored title and body for a notification without a key
 * it knows (one written before keys, or by a newer backend). The backend builds the stored title and
 * body from the Chinese templates here (`notificationText`), and the app's Chinese catalogue is these
 * same templates, so the two cannot drift. The templates live by area (`./timebank.ts`, `./ledger.ts`…,
 * as the domain folders that write them): a function bundles only the tables of the areas it writes.
 *
 * A template's `{name}` is filled with the value `name`, formatted by its declared kind; `{currency}`
 * (where `currency: true`) is the community's currency as the reader's language names it — never a
 * value, so an English reader sees the community's English name when it has one.
 */

/**
 * How a value is written into a text:
 * - `text`: as written — people's words (a reason, a citation, a note) and names (an activity, a team, a person);
 * - `count`: a whole number (points, minutes, days);
 * - `fen`: an amount of money in fen, written as yuan (`3000` → `30.00`; the template says 元 or ¥);
 * - `hours`: a number of hours, with one decimal (`12.5`);
 * - `date`: a day or month as stored (`2026-11-23`, `2026-11`);
 * - `instant`: an ISO-8601 instant, shown in China time (`12月2日 09:30`, `Tue 2/12 09:30`);
 * - `list`: several texts as written, joined (`，` in Chinese, `, ` in English).
 */
export type NotificationValueKind = 'text' | 'count' | 'fen' | 'hours' | 'date' | 'instant' | 'list';

/** One message: the kinds of its values and its Chinese title and body templates. */
export interface NotificationMessageSpec {
  values: Readonly<Record<string, NotificationValueKind>>;
  /** The text names the community's currency: `{currency}`, filled in by whoever writes it out. */
  currency?: true;
  title: string;
  body: string;
}

export type NotificationMessageTable = Readonly<Record<string, NotificationMessageSpec>>;

type Messages = typeof TIMEBANK_MESSAGES &
  typeof LEDGER_MESSAGES &
  typeof MARKET_MESSAGES &
  typeof SHOP_MESSAGES &
  typeof FUND_MESSAGES &
  typeof OFFICE_MESSAGES;

/**
 * Every message the backend writes to an inbox, by key (the areas' tables together); its Chinese
 * templates are what the backend stores. Pure, so a bundle that only writes notices leaves it out.
 */
export const NOTIFICATION_MESSAGES: Messages = /* @__PURE__ */ Object.assign(
  {},
  TIMEBANK_MESSAGES,
  LEDGER_MESSAGES,
  MARKET_MESSAGES,
  SHOP_MESSAGES,
  FUND_MESSAGES,
  OFFICE_MESSAGES,
);

export type NotificationMessageKey = keyof Messages;

/** The value a kind takes: numbers for `count`, `fen` and `hours`, texts for `list`, a string otherwise. */
type ValueOf<Kind> = Kind extends 'count' | 'fen' | 'hours' ? number : Kind extends 'list' ? string[] : string;

/** The message of one key (of each, for a union of keys): exactly its declared values, each of its kind's type. */
export type NotificationMessageOf<Key extends NotificationMessageKey> = Key extends NotificationMessageKey
  ? { key: Key; values: { -readonly [Name in keyof Messages[Key]['values']]: ValueOf<Messages[Key]['values'][Name]> } }
  : never;

/** `{ key: 'gift.received', values: { points: 5, giver: '王阿姨', memo: '谢谢' } }` — one per key. */
export type NotificationMessage = NotificationMessageOf<NotificationMessageKey>;

/** The keys whose text names the community's currency. */
type CurrencyKey = {
  [Key in NotificationMessageKey]: Messages[Key] extends { currency: true } ? Key : never;
}[NotificationMessageKey];

export function isNotificationMessageKey(key: unknown): key is NotificationMessageKey {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(NOTIFICATION_MESSAGES, key);
}

/** The placeholders of a template: `'收到 {points} {currency}'` → `['points', 'currency']`. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}

const pad = (value: number) => String(value).padStart(2, '0');
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** An instant in China time (UTC+8): `2026-12-02T01:30:00Z` → `12月2日 09:30` / `Wed 02/12 09:30`. */
export function chinaDayAndTime(iso: string, language: 'zh-CN' | 'en'): string {
  const china = new Date(Date.parse(iso) + 8 * 3600_000);
  const time = `${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
  if (language === 'en') {
    return `${WEEKDAYS_EN[china.getUTCDay()]} ${pad(china.getUTCDate())}/${pad(china.getUTCMonth() + 1)} ${time}`;
  }
  return `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${time}`;
}

function formatValue(kind: NotificationValueKind, value: unknown, language: 'zh-CN' | 'en'): string {
  if (kind === 'fen') return formatFen(Number(value));
  if (kind === 'hours') return Number(value).toFixed(1);
  if (kind === 'instant') return chinaDayAndTime(String(value), language);
  if (kind === 'list')
    return (Array.isArray(value) ? value.map(String) : [String(value)]).join(language === 'en' ? ', ' : '，');
  return String(value);
}

/** The values as `spec`'s text shows them in `language`; null when a declared value is missing. */
function formatValues(
  spec: NotificationMessageSpec,
  values: Readonly<Record<string, unknown>>,
  language: 'zh-CN' | 'en',
): Record<string, string> | null {
  const formatted: Record<string, string> = {};
  for (const [name, kind] of Object.entries(spec.values)) {
    const value = values[name];
    if (value === undefined || value === null) return null;
    formatted[name] = formatValue(kind, value, language);
  }
  return formatted;
}

/**
 * A message's values as its text shows them in `language` (each by its declared kind): `{ amountFen:
 * 3000 }` → `{ amountFen: '30.00' }`; null when a declared value is missing (a message whose shape this
 * code does not know: show the stored text).
 */
export function formattedNotificationValues(
  message: { key: NotificationMessageKey; values: Readonly<Record<string, unknown>> },
  language: 'zh-CN' | 'en',
): Record<string, string> | null {
  return formatValues(NOTIFICATION_MESSAGES[message.key], message.values ?? {}, language);
}

/** `fillTemplate('收到 {points} {currency}', { points: '5', currency: '时间币' })` → `收到 5 时间币`. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/**
 * What a notification draft carries of its text: the message, and the Chinese title and body the
 * backend stores (for the WeChat subscribe message and older app versions) — built from the message
 * and the same templates as the app's, never written by hand. `table` is the area's (`TIMEBANK_MESSAGES`…,
 * so a function bundles only its own). A message that names the currency takes the community's
 * `currencyName`: `notificationText(LEDGER_MESSAGES, { key: 'gift.received', values }, community.currencyName)`.
 */
export function notificationText<
  Table extends NotificationMessageTable,
  Key extends keyof Table & NotificationMessageKey,
>(
  table: Table,
  message: NotificationMessageOf<Key>,
  ...currency: [Extract<Key, CurrencyKey>] extends [never] ? [] : [currencyName: string]
): { message: NotificationMessageOf<Key>; title: string; body: string } {
  const spec: NotificationMessageSpec = table[message.key]!;
  const values = { ...formatValues(spec, message.values, 'zh-CN'), ...(currency[0] ? { currency: currency[0] } : {}) };
  return { message, title: fillTemplate(spec.title, values), body: fillTemplate(spec.body, values) };
}

export { TIMEBANK_MESSAGES } from './timebank';
export { LEDGER_MESSAGES } from './ledger';
export { MARKET_MESSAGES } from './market';
export { SHOP_MESSAGES } from './shop';
export { FUND_MESSAGES } from './fund';
export { OFFICE_MESSAGES } from './office';
