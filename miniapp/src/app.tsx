import Taro from '@tarojs/taro';
import { useEffect, type PropsWithChildren } from 'react';
import { useI18n, type MessageKey } from './i18n';
import './app.scss';

const TAB_LABELS: readonly MessageKey[] = ['tab.home', 'tab.activities', 'tab.market', 'tab.me'];

/** The app shell: pages render as children; the tab bar follows the chosen language. */
export default function App({ children }: PropsWithChildren) {
  const { t } = useI18n();

  useEffect(() => {
    TAB_LABELS.forEach((key, index) => {
      Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
    });
  }, [t]);

  return children;
}
