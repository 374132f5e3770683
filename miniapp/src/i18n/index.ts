import { DEFAULT_ACTIVITY_CATEGORIES } from '@linli/shared';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ROUTES } from '../route-table';
import { reportChunkFailure } from '../state/app-page';
import { languagePreference, type Language } from '../state/preferences';
import { useStoredValue } from '../state/stored-value';
import { ApiError } from '../api/api-error';
import type { MessageKey, Messages } from './messages';

export type { MessageKey } from './messages';
export type { Language } from '../state/preferences';

/** The first screen's Chinese: on H5 all of it the entry holds; the mini-program's package has the whole catalogue. */
const FIRST_SCREEN_CHINESE: Partial<Messages> =
  process.env.TARO_ENV === 'h5'
    ? (require('./first-screen-texts') as typeof import('./first-screen-texts')).FIRST_SCREEN_CHINESE
    : {};

/** Screens waiting for a catalogue (the English, or the rest of the Chinese). */
const catalogueArrived = new Set<() => void>();

/**
 * A catalogue that may come later (on H5, a chunk of its own): `get()` is it once here; `load()` fetches it
 * (resolved at once where it is here; a failed fetch — the network — rejects and is tried again on the next
 * call) and runs `arrived` when it comes.
 */
function laterCatalogue(here: Messages | undefined, fetch: () => Promise<Messages>, arrived: () => void) {
  let messages = here;
  let request: Promise<void> | undefined;
  return {
    get: () => messages,
    load(): Promise<void> {
      if (messages) return Promise.resolve();
      request ??= fetch().then(
        (loaded) => {
          messages = loaded;
          arrived();
        },
        (error: unknown) => {
          request = undefined;
          throw error;
        },
      );
      return request;
    },
  };
}

const screensWait = () => catalogueArrived.forEach((listener) => listener());
/** Whether a screen has asked for a text the first screen's part did not hold (it renders again on arrival). */
let missedChinese = false;

/*
 * Build constants guard each `import()` and `require` below (webpack drops the branch a build does not
 * take): H5 makes a chunk of each catalogue, the mini-program packs them in the code that needs them.
 */

/**
 * The whole Chinese catalogue. On H5 the entry script carries only the first screen's texts
 * (first-screen-texts.ts: 首页, 登录, 我的, the app around them, every error) and the rest is a chunk of its
 * own, fetched when the person leaves the first screen (issue 21: ~20 KB less before the first screen on a
 * slow mobile network); a text not yet here shows empty, asks for the chunk, and the screens that asked for
 * one render again when the catalogue arrives. The mini-program's package (and the unit tests) hold it.
 */
const chinese = laterCatalogue(
  process.env.TARO_ENV === 'h5' ? undefined : (require('./messages') as typeof import('./messages')).zhCN,
  () =>
    process.env.TARO_ENV === 'h5'
      ? import(/* webpackChunkName: "chinese" */ './messages').then((module) => module.zhCN)
      : Promise.reject(new Error('the Chinese catalogue is part of the package')),
  () => {
    if (missedChinese) screensWait();
  },
);

/**
 * The English catalogue. On H5 a chunk of its own (english.ts), fetched when the reader has chosen English —
 * at start, before the first page renders, or on the switch (issue 21: the first screen of a Chinese reader,
 * most of them, does not carry it); until it arrives the screen stays in Chinese.
 */
const english = laterCatalogue(
  process.env.TARO_ENV === 'h5' ? undefined : (require('./english') as typeof import('./english')).en,
  () =>
    process.env.TARO_ENV === 'h5'
      ? import(/* webpackChunkName: "english" */ './english').then((module) => module.en)
      : Promise.reject(new Error('the English catalogue is part of the package')),
  screensWait,
);

/** Fetches the whole Chinese catalogue on H5 (see `chinese`). */
export const loadChinese = (): Promise<void> => chinese.load();

let chineseWanted = false;
/**
 * Fetches the rest of the Chinese until it is here: after a failed fetch (a slow mobile network drops one)
 * again in 1, 2, 4… s (at most 30 s apart), so the pages beyond the first screen do not stay without words.
 * The first failure also goes to state/app-page.ts: a chunk of a release since replaced (`ChunkLoadError`)
 * is what it reloads the tab for.
 */
function wantChinese(attempt = 0): void {
  if (chineseWanted && attempt === 0) return;
  chineseWanted = true;
  chinese.load().catch((error: unknown) => {
    if (attempt === 0) reportChunkFailure(error);
    setTimeout(() => wantChinese(attempt + 1), Math.min(30_000, 1_000 * 2 ** attempt));
  });
}

/** Fetches the English catalogue on H5 (see `english`). */
export const loadEnglish = (): Promise<void> => english.load();

if (languagePreference.get() === 'en') loadEnglish().catch(() => undefined);
/** The pages whose texts the entry carries (config/first-screen.ts builds the same pages into it). */
const FIRST_SCREEN_ROUTES: readonly string[] = [ROUTES.home, ROUTES.login, ROUTES.me];

/**
 * The rest of the Chinese leaves when the router opens any other page — beside that page's own code —
 * not during the first screen, whose network and main thread it would share (H5; Taro's router event).
 */
function loadChineseBeyondTheFirstScreen({ toLocation }: { toLocation?: { path?: string } }): void {
  if (chinese.get() || FIRST_SCREEN_ROUTES.includes(toLocation?.path ?? '')) return;
  Taro.eventCenter.off(ROUTER_CHANGE, loadChineseBeyondTheFirstScreen);
  wantChinese();
}
const ROUTER_CHANGE = '__taroRouterChange';
if (!chinese.get()) Taro.eventCenter.on(ROUTER_CHANGE, loadChineseBeyondTheFirstScreen);

export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `translate('en', 'me.balance', { currency: 'Points', balance: 3 })` → "Points 3". Unknown placeholders stay visible. */
export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  // Chinese while the English catalogue is on its way; nothing while a Chinese text is.
  const englishText = language === 'en' ? english.get()?.[key] : undefined;
  const template = englishText ?? chineseText(key);
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    values[name] === undefined ? placeholder : String(values[name]),
  );
}

/** The Chinese for `key`: the whole catalogue's, else the first screen's, else empty until the rest arrives. */
function chineseText(key: MessageKey): string {
  const text = chinese.get()?.[key] ?? FIRST_SCREEN_CHINESE[key];
  if (text !== undefined) return text;
  if (!missedChinese) {
    // A first-screen text left out of first-screen-texts.ts (the tests look for this line).
    console.warn(`[i18n] "${key}" waits for the rest of the Chinese catalogue`);
  }
  missedChinese = true;
  wantChinese();
  return '';
}

/**
 * `t` for the current language; components re-render when the language changes, and when the English
 * catalogue arrives. `language` is the one the screen is in (Chinese until the English has arrived).
 */
export function useI18n(): { t: Translate; language: Language; setLanguage: (language: Language) => void } {
  const chosen = useStoredValue(languagePreference);
  const englishHere = useSyncExternalStore(subscribeToCatalogues, hasEnglish);
  useSyncExternalStore(subscribeToCatalogues, hasChinese);
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

function subscribeToCatalogues(listener: () => void): () => void {
  catalogueArrived.add(listener);
  return () => catalogueArrived.delete(listener);
}

function hasChinese(): boolean {
  return chinese.get() !== undefined;
}

function hasEnglish(): boolean {
  return english.get() !== undefined;
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

/** Whether `key` is a text of the catalogue (on H5, before the rest of the Chinese arrives: of the first screen's part). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(chinese.get() ?? FIRST_SCREEN_CHINESE, key);
}
