import Taro from '@tarojs/taro';

export const ROUTES = {
  home: '/pages/home/index',
  activities: '/pages/activities/index',
  market: '/pages/market/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  communities: '/pages/communities/index',

  // Subpackage `volunteer`: a resident's time bank.
  activity: '/volunteer/pages/activity/index',
  myHours: '/volunteer/pages/hours/index',
  myLedger: '/volunteer/pages/ledger/index',
  myCertificate: '/volunteer/pages/certificate/index',
  gift: '/volunteer/pages/gift/index',
  myProxies: '/volunteer/pages/proxies/index',
  honor: '/volunteer/pages/honor/index',

  // Subpackage `office`: community office staff (the H5 build is their web console).
  office: '/office/pages/index/index',
  officeNewActivity: '/office/pages/new-activity/index',
  officeActivities: '/office/pages/activities/index',
  officeCheckinCode: '/office/pages/checkin-code/index',
  officeAttendance: '/office/pages/attendance/index',
  officeClaims: '/office/pages/claims/index',
  officeCertificates: '/office/pages/certificates/index',
  officeApplications: '/office/pages/applications/index',
  officeMerchants: '/office/pages/merchants/index',
  officeComplaints: '/office/pages/complaints/index',
  officeFlags: '/office/pages/flags/index',
  officeGoods: '/office/pages/goods/index',
  officePickups: '/office/pages/pickups/index',
  officeContributions: '/office/pages/contributions/index',
  officePosts: '/office/pages/posts/index',
  officeProducts: '/office/pages/products/index',
  officeOrders: '/office/pages/orders/index',
  officeMakers: '/office/pages/makers/index',
  officeFundIncome: '/office/pages/fund-income/index',
  officeExpenses: '/office/pages/expenses/index',
  officeDashboard: '/office/pages/dashboard/index',
  officeExports: '/office/pages/exports/index',
  officeAudit: '/office/pages/audit/index',
  officePolicies: '/office/pages/policies/index',
  officeRecognition: '/office/pages/recognition/index',
  officeProxies: '/office/pages/proxies/index',

  // Subpackage `market`: the credit supermarket, the alliance and the board, for residents.
  good: '/market/pages/good/index',
  myRedemptions: '/market/pages/redemptions/index',
  merchant: '/market/pages/merchant/index',
  merchantApply: '/market/pages/apply/index',
  leaderboard: '/market/pages/leaderboard/index',
  posts: '/market/pages/posts/index',

  // Subpackage `merchant`: the console of an alliance merchant's owner and staff.
  merchantConsole: '/merchant/pages/index/index',
  merchantVerify: '/merchant/pages/verify/index',
  merchantUses: '/merchant/pages/uses/index',
  merchantOffer: '/merchant/pages/offer/index',
  merchantNewPost: '/merchant/pages/new-post/index',
  merchantStaff: '/merchant/pages/staff/index',

  // Subpackage `shop`: 微益坊, residents' handmade goods paid in money; the maker's console.
  shop: '/shop/pages/index/index',
  product: '/shop/pages/product/index',
  myOrders: '/shop/pages/orders/index',
  makerConsole: '/shop/pages/maker/index',
  cart: '/shop/pages/cart/index',
  inbox: '/shop/pages/inbox/index',

  // Subpackage `fund`: the public charity fund ledger (no login), donations and 月月捐.
  fund: '/fund/pages/index/index',
  donate: '/fund/pages/donate/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** The tab bar's pages (app.config.ts `tabBar`): opened with switchTab, never with a query. */
export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.activities, ROUTES.market, ROUTES.me];

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
