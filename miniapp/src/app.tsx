import Taro from '@tarojs/taro';
import { useEffect, type PropsWithChildren } from 'react';
import { useI18n, type MessageKey } from './i18n';
import { checkPrivacyConsent, registerPrivacyAuthorization } from './state/privacy';
import { useSession } from './state/session';
import './app.scss';

// Once per app start: WeChat asks through this listener before a privacy API runs (weapp only).
registerPrivacyAuthorization();

const TAB_LABELS: readonly MessageKey[] = ['tab.home', 'tab.activities', 'tab.market', 'tab.me'];

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

  useEffect(() => {
    TAB_LABELS.forEach((key, index) => {
      Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
    });
  }, [t]);

  // The page's language for screen readers and the browser (WCAG 3.1.1), once its texts are shown.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.lang = language;
  }, [language]);

  return children;
}
