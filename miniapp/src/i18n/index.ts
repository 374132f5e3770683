import { DEFAULT_ACTIVITY_CATEGORIES } from '@linli/shared';
import { useCallback } from 'react';
import { languagePreference, type Language } from '../state/preferences';
import { useStoredValue } from '../state/stored-value';
import { ApiError } from '../api/api-error';
import { en, zhCN, type MessageKey, type Messages } from './messages';

export type { MessageKey } from './messages';
export type { Language } from '../state/preferences';

const CATALOGUES: Record<Language, Messages> = { 'zh-CN': zhCN, en };

export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `translate('en', 'me.balance', { currency: 'Points', balance: 3 })` → "Points 3". Unknown placeholders stay visible. */
export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  const template = CATALOGUES[language][key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    values[name] === undefined ? placeholder : String(values[name]),
  );
}

/** `t` for the current language; components re-render when the language changes. */
export function useI18n(): { t: Translate; language: Language; setLanguage: (language: Language) => void } {
  const language = useStoredValue(languagePreference);
  const t = useCallback<Translate>((key, values) => translate(language, key, values), [language]);
  return { t, language, setLanguage: languagePreference.set };
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
