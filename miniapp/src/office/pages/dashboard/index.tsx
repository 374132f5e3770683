import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { contracts, formatFen, type MonthlyStats, type StatsResponse } from '@linli/shared';
import { request, useApi } from '../../../api';
import BarChart, { type ChartSeries } from '../../components/bar-chart';
import EmptyState from '../../../components/empty-state';
import MonthField from '../../../components/month-field';
import NavRow from '../../../components/nav-row';
import OfficeLayout from '../../components/office-layout';
import { formatHours, lastMonths, monthLabel } from '../../../format/office';
import { describeError, useI18n, type MessageKey, type Translate } from '../../../i18n';
import { ROUTES, openPage, type Route } from '../../../routes';
import './index.scss';

/** The console's other statistics pages, one line each: [id, label, hint, page]. */
const CONSOLE_LINKS: readonly [string, MessageKey, MessageKey, Route][] = [
  ['dashboard-exports', 'office.exports', 'office.exportsHint', ROUTES.officeExports],
  ['dashboard-audit', 'office.audit', 'office.auditHint', ROUTES.officeAudit],
  ['dashboard-policies', 'office.policies', 'office.policiesHint', ROUTES.officePolicies],
  ['dashboard-recognition', 'office.recognition', 'office.recognitionHint', ROUTES.officeRecognition],
  ['dashboard-proxies', 'office.proxies', 'office.proxiesHint', ROUTES.officeProxies],
];

/** 数据看板: the community at a glance (headline figures) and month by month (charts with tables). */
export default function OfficeDashboardPage() {
  return (
    <OfficeLayout title="office.dashboard">{({ communityId }) => <Dashboard communityId={communityId} />}</OfficeLayout>
  );
}

function Dashboard({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState(() => lastMonths(12));
  const stats = useApi(`stats:${communityId}:${range.from}:${range.to}`, () =>
    request(contracts.getStats, { params: { cid: communityId }, query: { from: range.from, to: range.to } }),
  );

  return (
    <>
      <View className="card range-grid" id="dashboard-range">
        <View className="range-grid__end">
          <Text className="card__label">{t('dashboard.from')}</Text>
          <MonthField
            idPrefix="range-from"
            value={range.from}
            latest={range.to}
            onChange={(from) => setRange({ ...range, from })}
          />
        </View>
        <View className="range-grid__end">
          <Text className="card__label">{t('dashboard.to')}</Text>
          <MonthField
            idPrefix="range-to"
            value={range.to}
            earliest={range.from}
            onChange={(to) => setRange({ ...range, to })}
          />
        </View>
      </View>
      {stats.loading ? <EmptyState id="dashboard-loading" title={t('common.loading')} /> : null}
      {stats.error ? (
        <View className="card" id="dashboard-error">
          <Text className="form-error">{describeError(t, stats.error)}</Text>
        </View>
      ) : null}
      {stats.data ? <StatsView stats={stats.data} /> : null}
      <Text className="section-title">{t('dashboard.more')}</Text>
      <View className="card card--links">
        {CONSOLE_LINKS.map(([id, label, hint, route]) => (
          <NavRow key={id} id={id} label={t(label)} hint={t(hint)} onClick={() => openPage(route)} />
        ))}
      </View>
    </>
  );
}

/** One chart of the dashboard: what each month contributes to it and how its values read. */
interface ChartSpec {
  id: string;
  title: MessageKey;
  hint?: MessageKey;
  series: readonly [string, MessageKey, ChartSeries['tone']][];
  values: (month: MonthlyStats) => number[];
  formatValue: (value: number) => string;
}

const yuan = (fen: number) => `¥${formatFen(fen)}`;
const count = (value: number) => String(value);

/** The charts, top to bottom (a title may name the community's currency). */
const CHARTS: readonly ChartSpec[] = [
  {
    id: 'chart-hours',
    title: 'dashboard.hoursChart',
    hint: 'dashboard.hoursHint',
    series: [['hours', 'dashboard.hours', 'green']],
    values: (month) => [month.volunteerMinutes],
    formatValue: formatHours,
  },
  {
    id: 'chart-points',
    title: 'dashboard.pointsChart',
    series: [
      ['issued', 'dashboard.pointsIssued', 'green'],
      ['redeemed', 'dashboard.pointsRedeemed', 'amber'],
      ['expired', 'dashboard.pointsExpired', 'grey'],
    ],
    values: (month) => [month.pointsIssued, month.pointsRedeemed, month.pointsExpired],
    formatValue: count,
  },
  {
    id: 'chart-fund',
    title: 'dashboard.fundChart',
    hint: 'dashboard.yuanHint',
    series: [
      ['income', 'dashboard.fundIncome', 'green'],
      ['expense', 'dashboard.fundExpense', 'red'],
    ],
    values: (month) => [month.fundIncomeFen, month.fundExpenseFen],
    formatValue: yuan,
  },
  {
    id: 'chart-fund-balance',
    title: 'dashboard.fundBalanceChart',
    hint: 'dashboard.fundBalanceHint',
    series: [['balance', 'dashboard.fundBalance', 'blue']],
    values: (month) => [month.fundBalanceFen],
    formatValue: yuan,
  },
  {
    id: 'chart-exchange',
    title: 'dashboard.exchangeChart',
    hint: 'dashboard.yuanHint',
    series: [
      ['exchange', 'dashboard.exchangeValue', 'amber'],
      ['shop', 'dashboard.shopSales', 'blue'],
    ],
    values: (month) => [month.exchangeValueFen, month.shopSalesFen],
    formatValue: yuan,
  },
  {
    id: 'chart-counts',
    title: 'dashboard.countsChart',
    series: [
      ['exchanges', 'dashboard.exchanges', 'amber'],
      ['orders', 'dashboard.shopOrders', 'blue'],
      ['discounts', 'dashboard.discountUses', 'green'],
    ],
    values: (month) => [month.exchanges, month.shopOrders, month.discountUses],
    formatValue: count,
  },
];

function StatsView({ stats }: { stats: StatsResponse }) {
  const { t, language } = useI18n();
  const monthKeys = stats.months.map((month) => month.month);
  const categories = stats.months.map((month, index) =>
    monthLabel(month.month, index === 0 || month.month.endsWith('-01'), language),
  );
  return (
    <>
      <Headlines stats={stats} t={t} />
      {CHARTS.map((chart) => (
        <BarChart
          key={chart.id}
          id={chart.id}
          title={t(chart.title, { currency: stats.currencyName })}
          hint={chart.hint ? t(chart.hint) : undefined}
          series={series(t, chart.series)}
          categories={categories}
          categoryKeys={monthKeys}
          values={stats.months.map(chart.values)}
          formatValue={chart.formatValue}
        />
      ))}
    </>
  );
}

function series(t: Translate, entries: readonly [string, MessageKey, ChartSeries['tone']][]): ChartSeries[] {
  return entries.map(([key, label, tone]) => ({ key, label: t(label), tone }));
}

/** The five figures the office is asked for most, as they stand today. */
function Headlines({ stats, t }: { stats: StatsResponse; t: Translate }) {
  const { current } = stats;
  const figures: [string, string, string][] = [
    ['members', t('dashboard.members'), String(current.members)],
    ['points', t('dashboard.pointsOutstanding', { currency: stats.currencyName }), String(current.pointsOutstanding)],
    ['certificates', t('dashboard.activeCertificates'), String(current.activeCertificates)],
    ['merchants', t('dashboard.activeMerchants'), String(current.activeMerchants)],
    ['fund', t('dashboard.fundBalance'), `¥${formatFen(current.fundBalanceFen)}`],
  ];
  return (
    <View className="headlines" id="dashboard-headlines">
      {figures.map(([key, label, value]) => (
        <View className="card headline" id={`headline-${key}`} key={key}>
          <Text className="card__label">{label}</Text>
          <Text className="headline__value">{value}</Text>
        </View>
      ))}
    </View>
  );
}
