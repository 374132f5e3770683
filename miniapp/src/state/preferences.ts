import { createStoredValue, isBoolean, useStoredValue } from './stored-value';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (raw: unknown): raw is Language => LANGUAGES.includes(raw as Language);

export const languagePreference = createStoredValue<Language>('linli.preferences.language', 'zh-CN', isLanguage, {
  followOtherTabs: true,
});

/** Large text for elderly users: bigger fonts and touch targets on every page. */
export const largeTextPreference = createStoredValue<boolean>('linli.preferences.largeText', false, isBoolean, {
  followOtherTabs: true,
});

export function useLargeText(): [boolean, (enabled: boolean) => void] {
  return [useStoredValue(largeTextPreference), largeTextPreference.set];
}
