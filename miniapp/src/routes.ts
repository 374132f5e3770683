import Taro from '@tarojs/taro';
import { ROUTES, TAB_ROUTES, type Route } from './route-table';

export { ROUTES, TAB_ROUTES, type Route };

/** `/volunteer/pages/activity/index` + `{id: 'a1'}` → `/volunteer/pages/activity/index?id=a1`. */
export function pageUrl(route: Route, query?: Record<string, string>): string {
  const pairs = Object.entries(query ?? {}).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  return pairs.length > 0 ? `${route}?${pairs.join('&')}` : route;
}

/** Opens a page the right way: tab pages need switchTab (no query), others navigateTo. */
export function openPage(route: Route, query?: Record<string, string>): Promise<unknown> {
  return TAB_ROUTES.includes(route) ? Taro.switchTab({ url: route }) : Taro.navigateTo({ url: pageUrl(route, query) });
}

/** Replaces the current page (after a form is done, so "back" does not return to it). */
export function replacePage(route: Route, query?: Record<string, string>): Promise<unknown> {
  return TAB_ROUTES.includes(route) ? Taro.switchTab({ url: route }) : Taro.redirectTo({ url: pageUrl(route, query) });
}

/** Replaces the whole page stack (after login, logout, or when a page needs what the user lacks). */
export function restartAt(route: Route): Promise<unknown> {
  return Taro.reLaunch({ url: route });
}

/** The route of the page shown now (`/pages/home/index`), or null before any page is shown. */
export function currentRoute(): Route | null {
  const path = Taro.getCurrentInstance()?.router?.path?.split('?')[0];
  if (!path) return null;
  return (path.startsWith('/') ? path : `/${path}`) as Route;
}

/** The page shown now, with its query (`/volunteer/pages/activity/index?id=a1`); the home tab if none. */
export function currentPageUrl(): string {
  const route = currentRoute();
  if (!route) return ROUTES.home;
  const query = Object.fromEntries(
    Object.entries(Taro.getCurrentInstance()?.router?.params ?? {}).filter(
      (entry): entry is [string, string] => !entry[0].startsWith('$') && typeof entry[1] === 'string',
    ),
  );
  return pageUrl(route, query);
}

/** Back to a page by its full url (a tab page or any other), as the whole page stack. */
export function restartAtUrl(url: string): Promise<unknown> {
  return Taro.reLaunch({ url });
}
