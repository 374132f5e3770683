import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Tab pages stay mounted when the user switches tabs: load again each time the page shows
 * (after the first time, which the page's own first load covers), so 我的 and 活动 stay current.
 */
export function useReloadOnShow(reload: () => void): void {
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) reload();
    shownBefore.current = true;
  });
}
