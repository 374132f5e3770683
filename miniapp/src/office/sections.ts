import { ROUTES, type Route } from '../route-table';
import type { MessageKey } from '../i18n';

/** One place of the office console: its element id, label, hint and page. */
export interface OfficeLink {
  id: string;
  label: MessageKey;
  hint: MessageKey;
  route: Route;
  /** Pages opened from this one (an activity's code, roster…): the sidebar highlights this link on them. */
  within?: readonly Route[];
}

/** A group of places, as the office home and the desk sidebar show them. */
export interface OfficeSection {
  id: string;
  title: MessageKey;
  links: readonly OfficeLink[];
}

const link = (id: string, label: MessageKey, hint: MessageKey, route: Route, within?: readonly Route[]): OfficeLink =>
  within ? { id, label, hint, route, within } : { id, label, hint, route };

/**
 * Everything staff do, grouped: the one list the office home (rows on a phone, tiles at a desk) and the
 * desk sidebar are drawn from. Ids are the office home's element ids (`#office-claims`).
 */
export const OFFICE_SECTIONS: readonly OfficeSection[] = [
  {
    id: 'timebank',
    title: 'desk.group.timebank',
    links: [
      link('office-dashboard', 'office.dashboard', 'office.dashboardHint', ROUTES.officeDashboard, [ROUTES.district]),
      link('office-new-activity', 'office.newActivity', 'office.newActivityHint', ROUTES.officeNewActivity),
      link('office-activities', 'office.activities', 'office.activitiesHint', ROUTES.officeActivities, [
        ROUTES.officeActivity,
        ROUTES.officeCheckinCode,
        ROUTES.officeAttendance,
        ROUTES.officeRoster,
      ]),
      link('office-claims', 'office.claims', 'office.claimsHint', ROUTES.officeClaims),
      link('office-service-records', 'officeRecord.title', 'officeRecord.hint', ROUTES.officeServiceRecords),
      link('office-teams', 'teams.officeLink', 'teams.officeLinkHint', ROUTES.officeTeams),
      link('office-certificates', 'office.certificates', 'office.certificatesHint', ROUTES.officeCertificates),
    ],
  },
  {
    id: 'market',
    title: 'desk.group.market',
    links: [
      link('office-pickups', 'office.pickups', 'office.pickupsHint', ROUTES.officePickups),
      link('office-goods', 'office.goods', 'office.goodsHint', ROUTES.officeGoods),
      link('office-contributions', 'office.contributions', 'office.contributionsHint', ROUTES.officeContributions),
    ],
  },
  {
    id: 'alliance',
    title: 'desk.group.alliance',
    links: [
      link('office-applications', 'office.applications', 'office.applicationsHint', ROUTES.officeApplications),
      link('office-merchants', 'office.merchants', 'office.merchantsHint', ROUTES.officeMerchants),
      link('office-complaints', 'office.complaints', 'office.complaintsHint', ROUTES.officeComplaints),
      link('office-flags', 'office.flags', 'office.flagsHint', ROUTES.officeFlags),
      link('office-posts', 'office.posts', 'office.postsHint', ROUTES.officePosts),
    ],
  },
  {
    id: 'shop',
    title: 'desk.group.shop',
    links: [
      link('office-products', 'office.products', 'office.productsHint', ROUTES.officeProducts),
      link('office-orders', 'office.orders', 'office.ordersHint', ROUTES.officeOrders),
      link('office-makers', 'office.makers', 'office.makersHint', ROUTES.officeMakers),
    ],
  },
  {
    id: 'fund',
    title: 'desk.group.fund',
    links: [
      link('office-fund-income', 'office.fundIncome', 'office.fundIncomeHint', ROUTES.officeFundIncome),
      link('office-expenses', 'office.expenses', 'office.expensesHint', ROUTES.officeExpenses),
      link('office-receipts', 'office.receipts', 'office.receiptsHint', ROUTES.officeReceipts),
      link('office-fund-disclosure', 'office.fundDisclosure', 'office.fundDisclosureHint', ROUTES.fundDisclosure),
    ],
  },
  {
    id: 'admin',
    title: 'desk.group.admin',
    links: [
      link('office-exports', 'office.exports', 'office.exportsHint', ROUTES.officeExports),
      link('office-audit', 'office.audit', 'office.auditHint', ROUTES.officeAudit),
      link('office-policies', 'office.policies', 'office.policiesHint', ROUTES.officePolicies),
      link('office-recognition', 'office.recognition', 'office.recognitionHint', ROUTES.officeRecognition),
      link('office-proxies', 'office.proxies', 'office.proxiesHint', ROUTES.officeProxies),
      link('office-invitations', 'office.invitations', 'office.invitationsHint', ROUTES.officeInvitations),
      link('office-setup', 'office.setup', 'office.setupHint', ROUTES.officeSetup),
    ],
  },
];

/** The link a page belongs to (`/office/pages/checkin-code/index` → 活动管理), if any. */
export function officeLinkOf(path: string): OfficeLink | undefined {
  const route = (path.startsWith('/') ? path : `/${path}`).split('?')[0];
  const links = OFFICE_SECTIONS.flatMap((section) => section.links);
  return (
    links.find((candidate) => candidate.route === route) ??
    links.find((candidate) => candidate.within?.some((page) => page === route))
  );
}
