import { formatFen, type MonthlyStats } from '@linli/shared';
import BarChart, { type ChartSeries } from '../bar-chart';
import { formatHours, monthLabel } from '../../../format/office';
import { useI18n, type MessageKey, type Translate } from '../../../i18n';

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

/**
 * The dashboard's charts, month by month (oldest first): a community's office sees its own months,
 * a district's officers the district's sums or one community's (`currencyName` names the points).
 */
export default function MonthlyCharts({ months, currencyName }: { months: MonthlyStats[]; currencyName: string }) {
  const { t, language } = useI18n();
  const monthKeys = months.map((month) => month.month);
  const categories = months.map((month, index) =>
    monthLabel(month.month, index === 0 || month.month.endsWith('-01'), language),
  );
  return (
    <>
      {CHARTS.map((chart) => (
        <BarChart
          key={chart.id}
          id={chart.id}
          title={t(chart.title, { currency: currencyName })}
          hint={chart.hint ? t(chart.hint) : undefined}
          series={series(t, chart.series)}
          categories={categories}
          categoryKeys={monthKeys}
          values={months.map(chart.values)}
          formatValue={chart.formatValue}
        />
      ))}
    </>
  );
}

function series(t: Translate, entries: readonly [string, MessageKey, ChartSeries['tone']][]): ChartSeries[] {
  return entries.map(([key, label, tone]) => ({ key, label: t(label), tone }));
}
