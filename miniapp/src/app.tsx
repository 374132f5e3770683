import Taro from '@tarojs/taro';
import { useEffect, type PropsWithChildren } from 'react';
import { startFirstReads } from './api/first-reads';
import { useI18n, type MessageKey } from './i18n';
import { keepAppPage } from './state/app-page';
import { checkPrivacyConsent, registerPrivacyAuthorization } from './state/privacy';
import { useSession } from './state/session';
import './app.scss';

// Once per app start: WeChat asks through this listener before a privacy API runs (weapp only).
registerPrivacyAuthorization();
// The first screen's reads leave now, not once its page has rendered; the browser keeps the page (H5).
startFirstReads();
keepAppPage();

const TAB_LABELS: readonly MessageKey[] = ['tab.home', 'tab.activities', 'tab.market', 'tab.me'];

/** How often, and how many times, the tab labels are offered to a tab bar that is not listening yet. */
const TAB_LABEL_RETRY_MS = 250;
const TAB_LABEL_ATTEMPTS = 40;

/**
 * Gives the tab bar its labels in the language shown. On H5 Taro's tab bar hears `setTabBarItem` only
 * once it has loaded, and a call made before is lost without an answer (the English catalogue can arrive
 * that early): the labels are offered again until the tab bar answers. Returns the way to stop.
 */
function labelTabs(labels: string[]): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const offer = (attempt: number) => {
    let answered = false;
    const answers = labels.map((text, index) => Taro.setTabBarItem({ index, text }).catch(() => undefined));
    void Promise.all(answers).then(() => (answered = true));
    timer = setTimeout(() => {
      if (!answered && !stopped && attempt < TAB_LABEL_ATTEMPTS) offer(attempt + 1);
    }, TAB_LABEL_RETRY_MS);
  };
  offer(1);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * The app shell: pages render as children; the tab bar follows the chosen language; once per login the
 * user's consent to the current privacy guide is checked (the prompt opens on the page when it is not).
 */
export default function App({ children }: PropsWithChildren) {
  const { t, language } = useI18n();
  const { token } = useSession();

  useEffect(() => {
    if (token) void checkPrivacyConsent();
  }, [token]);

  useEffect(() => labelTabs(TAB_LABELS.map((key) => t(key))), [t]);

  // The page's language for screen readers and the browser (WCAG 3.1.1), once its texts are shown.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.lang = language;
  }, [language]);

  return children;
}
