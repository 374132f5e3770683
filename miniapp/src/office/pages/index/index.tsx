import { Text } from '@tarojs/components';
import NavRow from '../../../components/nav-row';
import OfficeLayout from '../../components/office-layout';
import { useI18n } from '../../../i18n';
import { ROUTES, openPage, type Route } from '../../../routes';
import type { MessageKey } from '../../../i18n';

/** The office's market and alliance work, one line each: [id, label, hint, page]. */
const MARKET_LINKS: readonly [string, MessageKey, MessageKey, Route][] = [
  ['office-pickups', 'office.pickups', 'office.pickupsHint', ROUTES.officePickups],
  ['office-goods', 'office.goods', 'office.goodsHint', ROUTES.officeGoods],
  ['office-contributions', 'office.contributions', 'office.contributionsHint', ROUTES.officeContributions],
  ['office-applications', 'office.applications', 'office.applicationsHint', ROUTES.officeApplications],
  ['office-merchants', 'office.merchants', 'office.merchantsHint', ROUTES.officeMerchants],
  ['office-complaints', 'office.complaints', 'office.complaintsHint', ROUTES.officeComplaints],
  ['office-flags', 'office.flags', 'office.flagsHint', ROUTES.officeFlags],
  ['office-posts', 'office.posts', 'office.postsHint', ROUTES.officePosts],
];

/** 微益坊 and the charity fund: listings, orders, makers' payouts, fund income and expenses. */
const SHOP_FUND_LINKS: readonly [string, MessageKey, MessageKey, Route][] = [
  ['office-products', 'office.products', 'office.productsHint', ROUTES.officeProducts],
  ['office-orders', 'office.orders', 'office.ordersHint', ROUTES.officeOrders],
  ['office-makers', 'office.makers', 'office.makersHint', ROUTES.officeMakers],
  ['office-fund-income', 'office.fundIncome', 'office.fundIncomeHint', ROUTES.officeFundIncome],
  ['office-expenses', 'office.expenses', 'office.expensesHint', ROUTES.officeExpenses],
  ['office-receipts', 'office.receipts', 'office.receiptsHint', ROUTES.officeReceipts],
  ['office-fund-disclosure', 'office.fundDisclosure', 'office.fundDisclosureHint', ROUTES.fundDisclosure],
];

/** Statistics, exports, the audit log and policies: the console's reporting side. */
const CONSOLE_LINKS: readonly [string, MessageKey, MessageKey, Route][] = [
  ['office-exports', 'office.exports', 'office.exportsHint', ROUTES.officeExports],
  ['office-audit', 'office.audit', 'office.auditHint', ROUTES.officeAudit],
  ['office-policies', 'office.policies', 'office.policiesHint', ROUTES.officePolicies],
  ['office-recognition', 'office.recognition', 'office.recognitionHint', ROUTES.officeRecognition],
  ['office-proxies', 'office.proxies', 'office.proxiesHint', ROUTES.officeProxies],
  ['office-invitations', 'office.invitations', 'office.invitationsHint', ROUTES.officeInvitations],
  ['office-setup', 'office.setup', 'office.setupHint', ROUTES.officeSetup],
];

/** The community office console: what staff do, one large line each. */
export default function OfficePage() {
  const { t } = useI18n();
  return (
    <OfficeLayout title="office.title">
      {() => (
        <>
          <NavRow
            id="office-dashboard"
            label={t('office.dashboard')}
            hint={t('office.dashboardHint')}
            onClick={() => openPage(ROUTES.officeDashboard)}
          />
          <NavRow
            id="office-new-activity"
            label={t('office.newActivity')}
            hint={t('office.newActivityHint')}
            onClick={() => openPage(ROUTES.officeNewActivity)}
          />
          <NavRow
            id="office-activities"
            label={t('office.activities')}
            hint={t('office.activitiesHint')}
            onClick={() => openPage(ROUTES.officeActivities)}
          />
          <NavRow
            id="office-claims"
            label={t('office.claims')}
            hint={t('office.claimsHint')}
            onClick={() => openPage(ROUTES.officeClaims)}
          />
          <NavRow
            id="office-service-records"
            label={t('officeRecord.title')}
            hint={t('officeRecord.hint')}
            onClick={() => openPage(ROUTES.officeServiceRecords)}
          />
          <NavRow
            id="office-teams"
            label={t('teams.officeLink')}
            hint={t('teams.officeLinkHint')}
            onClick={() => openPage(ROUTES.officeTeams)}
          />
          <NavRow
            id="office-certificates"
            label={t('office.certificates')}
            hint={t('office.certificatesHint')}
            onClick={() => openPage(ROUTES.officeCertificates)}
          />
          <Text className="section-title">{t('office.marketSection')}</Text>
          {MARKET_LINKS.map(([id, label, hint, route]) => (
            <NavRow key={id} id={id} label={t(label)} hint={t(hint)} onClick={() => openPage(route)} />
          ))}
          <Text className="section-title">{t('office.shopFundSection')}</Text>
          {SHOP_FUND_LINKS.map(([id, label, hint, route]) => (
            <NavRow key={id} id={id} label={t(label)} hint={t(hint)} onClick={() => openPage(route)} />
          ))}
          <Text className="section-title">{t('office.consoleSection')}</Text>
          {CONSOLE_LINKS.map(([id, label, hint, route]) => (
            <NavRow key={id} id={id} label={t(label)} hint={t(hint)} onClick={() => openPage(route)} />
          ))}
        </>
      )}
    </OfficeLayout>
  );
}
