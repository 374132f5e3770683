import { useCallback } from 'react';
import { languagePreference, type Language } from '../hooks/preferences';
import { useStoredValue } from '../hooks/stored-value';
import { en, zhCN, type MessageKey, type Messages } from './messages';

export type { MessageKey } from './messages';
export type { Language } from '../hooks/preferences';

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
