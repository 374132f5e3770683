import Taro from '@tarojs/taro';
import { ROUTES, type Route } from '../route-table';
import { currentCommunityId, sessionToken } from '../state/session';
import { startEarlyRead } from './client';
import { FIRST_READS_ALWAYS, FIRST_READS_BY_ROUTE } from '../../config/first-reads';

/**
 * The route the app opens on: in a browser the address's `#/pages/…` (the router's hash mode), in the
 * mini-program its launch path; 首页 when there is none. `/pages/me/index`.
 */
export function landingRoute(): Route {
  let path = '';
  try {
    path =
      process.env.TARO_ENV === 'h5'
        ? window.location.hash.replace(/^#/, '')
        : (Taro.getLaunchOptionsSync()?.path ?? '');
  } catch {
    path = '';
  }
  path = path.split('?')[0] ?? '';
  if (path === '' || path === '/') return ROUTES.home;
  return (path.startsWith('/') ? path : `/${path}`) as Route;
}

/**
 * At app start, for a logged-in person: starts the reads the first screen will make (the privacy check's
 * consents, and the landing page's own — config/first-reads.ts) while the app is still starting, so
 * their answers are there when the page asks (issue 21: ~0.6 s each on a slow mobile network). On H5 the
 * page's head script has started them earlier still; what it started is not asked twice. A visitor, or a
 * page not in the table, starts nothing.
 */
export function startFirstReads(route: Route = landingRoute()): void {
  if (!sessionToken.get()) return;
  const communityId = currentCommunityId.get();
  const own = communityId ? (FIRST_READS_BY_ROUTE[route] ?? []) : [];
  for (const { path } of [...FIRST_READS_ALWAYS, ...own]) {
    startEarlyRead(path.replace('{cid}', encodeURIComponent(communityId ?? '')));
  }
}
