import type { Contracts } from './contracts';
import type { Role } from './schemas/identity';

/**
 * The routes a proxy may call for a resident (`X-Act-For: <residentId>`), by contract name.
 *
 * An allow-list: a route is not proxyable until it is named here, so a new route never lends
 * anyone's rights by default. A proxy (a family member, a neighbour) helps a resident without a
 * phone with the resident's own time bank and points — reading their record and spending their
 * points in the credit supermarket — and nothing else (issue 12, case 1):
 * - no office route, role change, approval, reversal or gift (points leave the resident only
 *   through the supermarket, where the audit log names the proxy);
 * - no certificate pass: the pass is personal, and using someone else's certificate is exactly what
 *   the alliance punishes (紫瑞 rule);
 * - no check-in: presence is in person, or an office entry approved by a second staff member;
 * - no shop order, payment, donation or pledge: money is paid from the payer's own WeChat account
 *   and given in the donor's own name (charity law: donors and receipts);
 * - no merchant, maker or proxy management, and no route outside a community.
 * Public routes take no identity, so the header lends them nothing either.
 */
export const PROXYABLE_ROUTES = [
  'getMe',
  'listActivities',
  'getActivity',
  'getMySignup',
  'listMySignups',
  'listMyClaims',
  'getMyLedger',
  'listGoods',
  'redeem',
  'listMyRedemptions',
  'cancelRedemption',
  'listPosts',
  'getLeaderboard',
  'getRecognition',
] as const satisfies readonly (keyof Contracts)[];

export type ProxyableRoute = (typeof PROXYABLE_ROUTES)[number];

/**
 * The routes a guardian may call for a child they added (`addChild`, `X-Act-For: <childId>`): a
 * proxy's, and the maker's own routes of a children's handicraft stall — the guardian is the
 * child's legal representative (Civil Code Art. 23) and lists the child's work for them. Still no
 * order, payment, donation or pledge (money is paid from the payer's own account), no check-in,
 * no certificate pass, and nothing of an office.
 */
export const GUARDIAN_ROUTES = [
  ...PROXYABLE_ROUTES,
  'createProduct',
  'listMyProducts',
] as const satisfies readonly (keyof Contracts)[];

/** May a guardian call the route named `routeName` for their child? */
export const isGuardianRoute = (routeName: string | undefined): boolean =>
  routeName !== undefined && (GUARDIAN_ROUTES as readonly string[]).includes(routeName);

/** May a proxy call the route named `routeName` (a key of `contracts`) for a resident? */
export const isProxyable = (routeName: string | undefined): boolean =>
  routeName !== undefined && (PROXYABLE_ROUTES as readonly string[]).includes(routeName);

/**
 * The roles a proxied request carries: the resident's *resident* rights only, whatever else the
 * resident holds (a maker's or merchant's powers are never lent).
 */
export const PROXIED_ROLES: readonly Role[] = ['resident'];

/** The roles a guardian's request for their child carries: the child's resident and maker rights. */
export const GUARDIAN_LENT_ROLES: readonly Role[] = ['resident', 'maker'];
