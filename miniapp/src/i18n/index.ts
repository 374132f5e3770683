import { DEFAULT_ACTIVITY_CATEGORIES } from '@linli/shared';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { languagePreference, type Language } from '../state/preferences';
import { useStoredValue } from '../state/stored-value';
import { ApiError } from '../api/api-error';
import { zhCN, type MessageKey, type Messages } from './messages';

export type { MessageKey } from './messages';
export type { Language } from '../state/preferences';

/**
 * The English catalogue once it is here. On H5 it is a chunk of its own (english.ts), fetched when the
 * reader has chosen English — at start, before the first page renders, or on the switch (issue 21: the
 * first screen of a Chinese reader, most of them, does not carry it); until it arrives the screen stays
 * in Chinese. The mini-program's package (and the unit tests) hold it from the start.
 */
let english: Messages | undefined =
  process.env.TARO_ENV === 'h5' ? undefined : (require('./english') as typeof import('./english')).en;
let englishRequest: Promise<void> | undefined;
const englishArrived = new Set<() => void>();

/**
 * Fetches the English catalogue on H5 (resolves at once where it is already here). A failed fetch
 * (the network) rejects and is tried again on the next call.
 */
export function loadEnglish(): Promise<void> {
  if (english) return Promise.resolve();
  englishRequest ??= fetchEnglish().then(
    (messages) => {
      english = messages;
      englishArrived.forEach((listener) => listener());
    },
    (error: unknown) => {
      englishRequest = undefined;
      throw error;
    },
  );
  return englishRequest;
}

/**
 * Build constants guard the `import()` and the `require` above (webpack drops the branch a build does
 * not take): H5 makes a chunk of english.ts, the mini-program packs it in the code that needs it.
 */
function fetchEnglish(): Promise<Messages> {
  return process.env.TARO_ENV === 'h5'
    ? import(/* webpackChunkName: "english" */ './english').then((module) => module.en)
    : Promise.resolve(english as Messages);
}

if (languagePreference.get() === 'en') loadEnglish().catch(() => undefined);

export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `translate('en', 'me.balance', { currency: 'Points', balance: 3 })` → "Points 3". Unknown placeholders stay visible. */
export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  // Chinese while the English catalogue is on its way.
  const template = (language === 'en' && english ? english : zhCN)[key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    values[name] === undefined ? placeholder : String(values[name]),
  );
}

/**
 * `t` for the current language; components re-render when the language changes, and when the English
 * catalogue arrives. `language` is the one the screen is in (Chinese until the English has arrived).
 */
export function useI18n(): { t: Translate; language: Language; setLanguage: (language: Language) => void } {
  const chosen = useStoredValue(languagePreference);
  const englishHere = useSyncExternalStore(subscribeToEnglish, hasEnglish);
  useEffect(() => {
    if (chosen === 'en' && !englishHere) loadEnglish().catch(() => undefined);
  }, [chosen, englishHere]);
  const language = englishHere ? chosen : 'zh-CN';
  const t = useCallback<Translate>((key, values) => translate(language, key, values), [language]);
  return { t, language, setLanguage: chooseLanguage };
}

/**
 * The reader's choice, remembered; choosing English fetches it now — again after a failed fetch, when the
 * choice stays what it was and nothing else would ask (the switch offers English while Chinese shows).
 */
function chooseLanguage(language: Language): void {
  languagePreference.set(language);
  if (language === 'en') loadEnglish().catch(() => undefined);
}

function subscribeToEnglish(listener: () => void): () => void {
  englishArrived.add(listener);
  return () => englishArrived.delete(listener);
}

function hasEnglish(): boolean {
  return english !== undefined;
}

/**
 * What to tell a person about a failed call: the translated text for the error's dotted code
 * (`error.checkin.invalid_code`) when there is one; else a word for its status. Never the server's
 * own message (English, and for a failure of ours or of a gateway — `internal.error`, `http.502` —
 * no help to anyone).
 */
export function describeError(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  const key = `error.${error.code}`;
  if (isMessageKey(key)) return t(key);
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 404) return t('error.notFound');
  if (error.status === 429) return t('error.rate.limited');
  return t('error.unknown');
}

/**
 * An activity category's name: the label the community gave it (`rules.activityCategories`) when
 * it renamed or added one, else the app's translation of a default category, else the id.
 */
export function categoryLabel(
  t: Translate,
  id: string,
  categories: readonly { id: string; label: string }[] = [],
): string {
  const own = categories.find((category) => category.id === id)?.label;
  const standard = DEFAULT_ACTIVITY_CATEGORIES.find((category) => category.id === id)?.label;
  if (own && own !== standard) return own;
  const key = `category.${id}`;
  if (isMessageKey(key)) return t(key);
  return own ?? id;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}
