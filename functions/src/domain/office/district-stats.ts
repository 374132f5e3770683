import type { Community, DistrictStatsResponse, DistrictTotals, MonthlyStats, StatsResponse } from '@linli/shared';
import type { Column, RawValue } from './exports/datasets';
import { spreadsheetFile, type ExportFile } from './exports/exports';
import { statisticsRange } from './statistics';

const ZERO: DistrictTotals = {
  activities: 0,
  volunteerVisits: 0,
  volunteerMinutes: 0,
  pointsIssued: 0,
  pointsRedeemed: 0,
  certificatesIssued: 0,
  exchanges: 0,
  shopOrders: 0,
  shopSalesFen: 0,
  fundIncomeFen: 0,
  fundExpenseFen: 0,
  members: 0,
  pointsOutstanding: 0,
  activeCertificates: 0,
  fundBalanceFen: 0,
};

type Summed = Exclude<keyof DistrictTotals, 'members' | 'pointsOutstanding' | 'activeCertificates' | 'fundBalanceFen'>;
const SUMMED: Summed[] = [
  'activities',
  'volunteerVisits',
  'volunteerMinutes',
  'pointsIssued',
  'pointsRedeemed',
  'certificatesIssued',
  'exchanges',
  'shopOrders',
  'shopSalesFen',
  'fundIncomeFen',
  'fundExpenseFen',
];

/** One community's totals over its statistics' range: flows summed over the months, stocks as of now. */
export function communityTotals(stats: StatsResponse): DistrictTotals {
  const totals = { ...ZERO };
  for (const month of stats.months) for (const field of SUMMED) totals[field] += month[field];
  totals.members = stats.current.members;
  totals.pointsOutstanding = stats.current.pointsOutstanding;
  totals.activeCertificates = stats.current.activeCertificates;
  totals.fundBalanceFen = stats.current.fundBalanceFen;
  return totals;
}

/**
 * A district's dashboard: each of its communities' totals (from the same statistics a community's
 * office sees) and their sum. Points are summed across currencies as counts of points.
 */
export async function districtStatistics(
  input: { district: { id: string; name: string }; communities: Community[]; from?: string; to?: string },
  statisticsOf: (community: Community) => Promise<StatsResponse>,
): Promise<DistrictStatsResponse> {
  // Checked here too: a district without communities asks no community's statistics.
  const range = statisticsRange(input);
  const members = input.communities.filter((community) => community.districtId === input.district.id);
  const stats = await Promise.all(members.map(statisticsOf));
  const rows = members.map((community, index) => ({
    id: community.id,
    name: community.name,
    currencyName: community.currencyName,
    totals: communityTotals(stats[index]!),
    months: stats[index]!.months,
  }));
  const totals = { ...ZERO };
  for (const row of rows) {
    for (const field of Object.keys(totals) as (keyof DistrictTotals)[]) totals[field] += row.totals[field];
  }
  return {
    districtId: input.district.id,
    name: input.district.name,
    from: stats[0]?.from ?? range.from,
    to: stats[0]?.to ?? range.to,
    communities: rows,
    totals,
    months: sumMonths(stats.map((one) => one.months)),
  };
}

/**
 * Month by month across communities: every figure summed, month-end stocks (points outstanding,
 * fund balance) included. `distinctVolunteers` is then a sum of each community's distinct
 * volunteers: a person serving in two communities counts in both.
 */
export function sumMonths(perCommunity: readonly MonthlyStats[][]): MonthlyStats[] {
  const sums = new Map<string, MonthlyStats>();
  for (const months of perCommunity) {
    for (const month of months) {
      const sum = sums.get(month.month);
      if (!sum) {
        sums.set(month.month, { ...month });
        continue;
      }
      for (const field of Object.keys(month) as (keyof MonthlyStats)[]) {
        if (field !== 'month') sum[field] += month[field];
      }
    }
  }
  return [...sums.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** One row of the district export: a community's month, or the district's (`community` empty). */
interface DistrictRow {
  community?: { id: string; name: string; currencyName: string };
  month: MonthlyStats;
}

const figure = (
  header: string,
  kind: 'integer' | 'money',
  of: (month: MonthlyStats) => number,
): Column<DistrictRow> => ({
  header,
  kind,
  value: (row) => of(row.month),
});

/** The district export's columns: the figures of a community's dashboard, in its order. */
export const DISTRICT_COLUMNS: Column<DistrictRow>[] = [
  { header: '社区', kind: 'text', width: 16, value: (row) => row.community?.name ?? '全街道合计' },
  { header: '社区编号', kind: 'text', value: (row) => row.community?.id ?? '' },
  { header: '积分名称', kind: 'text', value: (row) => row.community?.currencyName ?? '' },
  { header: '月份', kind: 'text', width: 10, value: (row) => row.month.month },
  figure('活动数', 'integer', (month) => month.activities),
  figure('志愿服务人次', 'integer', (month) => month.volunteerVisits),
  figure('志愿者人数', 'integer', (month) => month.distinctVolunteers),
  figure('志愿服务分钟', 'integer', (month) => month.volunteerMinutes),
  figure('发放积分', 'integer', (month) => month.pointsIssued),
  figure('兑换积分', 'integer', (month) => month.pointsRedeemed),
  figure('过期积分', 'integer', (month) => month.pointsExpired),
  figure('月末流通积分', 'integer', (month) => month.pointsOutstanding),
  figure('发放志愿者证', 'integer', (month) => month.certificatesIssued),
  figure('商户优惠次数', 'integer', (month) => month.discountUses),
  figure('超市兑换次数', 'integer', (month) => month.exchanges),
  figure('超市兑换价值（元）', 'money', (month) => month.exchangeValueFen),
  figure('手作订单', 'integer', (month) => month.shopOrders),
  figure('手作销售（元）', 'money', (month) => month.shopSalesFen),
  figure('手作退款（元）', 'money', (month) => month.shopRefundsFen),
  figure('基金收入（元）', 'money', (month) => month.fundIncomeFen),
  figure('基金支出（元）', 'money', (month) => month.fundExpenseFen),
  figure('月末基金余额（元）', 'money', (month) => month.fundBalanceFen),
];

/**
 * The district's figures as a file (`GET /v1/districts/{did}/exports/stats`): each community's
 * months, then the district's months (`全街道合计`). Holds no person's data: officers see figures only.
 */
export function districtStatsFile(stats: DistrictStatsResponse, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  const rows: DistrictRow[] = [
    ...stats.communities.flatMap((community) => community.months.map((month) => ({ community, month }))),
    ...stats.months.map((month) => ({ month })),
  ];
  const values: RawValue[][] = rows.map((row) => DISTRICT_COLUMNS.map((column) => column.value(row, new Map())));
  return spreadsheetFile({
    title: '街道统计',
    columns: DISTRICT_COLUMNS,
    values,
    format,
    stem: `${stats.districtId}-stats-${stats.from}_${stats.to}`,
    displayStem: `街道统计-${stats.name}-${stats.from}至${stats.to}`,
  });
}
