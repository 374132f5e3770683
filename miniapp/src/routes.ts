import Taro from '@tarojs/taro';

export const ROUTES = {
  home: '/pages/home/index',
  activities: '/pages/activities/index',
  market: '/pages/market/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  communities: '/pages/communities/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.activities, ROUTES.market, ROUTES.me];

/** Opens a page the right way: tab pages need switchTab, others navigateTo. */
export function openPage(route: Route): Promise<unknown> {
  return TAB_ROUTES.includes(route) ? Taro.switchTab({ url: route }) : Taro.navigateTo({ url: route });
}

/** Replaces the whole page stack (after login, logout, or when a page needs what the user lacks). */
export function restartAt(route: Route): Promise<unknown> {
  return Taro.reLaunch({ url: route });
}
