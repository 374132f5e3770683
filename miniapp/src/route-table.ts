/**
 * Every page of the mini-program, once, by name. No Taro here: app.config.ts (evaluated by Taro's
 * build, in node) derives its `pages` and `subPackages` from this table; routes.ts opens them at run time.
 */
export const ROUTES = {
  home: '/pages/home/index',
  activities: '/pages/activities/index',
  market: '/pages/market/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  communities: '/pages/communities/index',
  invite: '/pages/invite/index',
  platform: '/pages/platform/index',
  /** Public: a 志愿服务记录证明's check page (its QR code leads here; no login). */
  certificateCheck: '/pages/certificate-check/index',
  /** Public: 用户隐私保护指引 (no login; linked from the login page, 我的 and the agreement prompt). */
  privacy: '/pages/privacy/index',

  // Subpackage `volunteer`: a resident's time bank.
  activity: '/volunteer/pages/activity/index',
  myHours: '/volunteer/pages/hours/index',
  mySignups: '/volunteer/pages/signups/index',
  volunteerProfile: '/volunteer/pages/profile/index',
  myServiceRecord: '/volunteer/pages/service-record/index',
  leaderRoster: '/volunteer/pages/roster/index',
  myLedger: '/volunteer/pages/ledger/index',
  myCertificate: '/volunteer/pages/certificate/index',
  gift: '/volunteer/pages/gift/index',
  myProxies: '/volunteer/pages/proxies/index',
  honor: '/volunteer/pages/honor/index',
  teams: '/volunteer/pages/teams/index',
  team: '/volunteer/pages/team/index',
  teamActivity: '/volunteer/pages/team-activity/index',
  /** 我的数据: the person's data export and their own corrections (issue 20). */
  myData: '/volunteer/pages/my-data/index',

  // Subpackage `office`: community office staff (the H5 build is their web console).
  office: '/office/pages/index/index',
  officeNewActivity: '/office/pages/new-activity/index',
  officeActivities: '/office/pages/activities/index',
  officeActivity: '/office/pages/activity/index',
  officeCheckinCode: '/office/pages/checkin-code/index',
  officeAttendance: '/office/pages/attendance/index',
  officeRoster: '/office/pages/roster/index',
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
  officeReceipts: '/office/pages/receipts/index',
  officeDashboard: '/office/pages/dashboard/index',
  district: '/office/pages/district/index',
  officeExports: '/office/pages/exports/index',
  officeAudit: '/office/pages/audit/index',
  officePolicies: '/office/pages/policies/index',
  officeRecognition: '/office/pages/recognition/index',
  officeTeams: '/office/pages/teams/index',
  officeProxies: '/office/pages/proxies/index',
  officeInvitations: '/office/pages/invitations/index',
  officeSetup: '/office/pages/setup/index',
  officeServiceRecords: '/office/pages/service-records/index',

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
  fundDisclosure: '/fund/pages/disclosure/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** The tab bar's pages, in bar order: opened with switchTab, never with a query. */
export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.activities, ROUTES.market, ROUTES.me];

/** The part of app.config.ts that says which page is in which package. */
export interface PackageLayout {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
}

/**
 * app.config's `pages` and `subPackages`, in the routes' order: `/pages/<page>/index` is in the main
 * package (the first one opens the app), `/<root>/pages/<page>/index` in subpackage `<root>`.
 */
export function packageLayout(routes: readonly string[]): PackageLayout {
  const layout: PackageLayout = { pages: [], subPackages: [] };
  for (const route of routes) {
    const [root = '', ...rest] = route.slice(1).split('/');
    if (root === 'pages') {
      layout.pages.push(route.slice(1));
      continue;
    }
    let subPackage = layout.subPackages.find((candidate) => candidate.root === root);
    if (!subPackage) {
      subPackage = { root, pages: [] };
      layout.subPackages.push(subPackage);
    }
    subPackage.pages.push(rest.join('/'));
  }
  return layout;
}

/** `/pages/home/index` → `pages/home/index`, as app.config.ts names a page. */
export function configPath(route: Route): string {
  return route.slice(1);
}
