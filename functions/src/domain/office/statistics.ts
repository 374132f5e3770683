import {
  addMonths,
  monthOf,
  monthsBetween,
  recordingDeadline,
  type MonthlyStats,
  type StatsResponse,
} from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { TeamStore } from '../timebank/ports';
import { teamFiguresOf } from '../timebank/team-figures';
import type { OfficeStore, StatsItem } from './ports';

const MAX_MONTHS = 36;

const emptyMonth = (month: string): MonthlyStats => ({
  month,
  activities: 0,
  volunteerVisits: 0,
  distinctVolunteers: 0,
  volunteerMinutes: 0,
  pointsIssued: 0,
  pointsRedeemed: 0,
  pointsExpired: 0,
  pointsGifted: 0,
  pointsOutstanding: 0,
  certificatesIssued: 0,
  discountUses: 0,
  merchantsGivingDiscounts: 0,
  exchanges: 0,
  exchangeValueFen: 0,
  shopOrders: 0,
  shopSalesFen: 0,
  shopRefundsFen: 0,
  fundIncomeFen: 0,
  fundExpenseFen: 0,
  fundBalanceFen: 0,
});

/** Stored counter name → the figure it feeds (sets are stored as `<name>Count`). */
const FIELDS: Record<string, keyof MonthlyStats> = {
  activities: 'activities',
  volunteerVisits: 'volunteerVisits',
  volunteersCount: 'distinctVolunteers',
  volunteerMinutes: 'volunteerMinutes',
  pointsIssued: 'pointsIssued',
  pointsRedeemed: 'pointsRedeemed',
  pointsExpired: 'pointsExpired',
  pointsGifted: 'pointsGifted',
  certificatesIssued: 'certificatesIssued',
  discountUses: 'discountUses',
  merchantsCount: 'merchantsGivingDiscounts',
  exchanges: 'exchanges',
  exchangeValueFen: 'exchangeValueFen',
  shopOrders: 'shopOrders',
  shopSalesFen: 'shopSalesFen',
  shopRefundsFen: 'shopRefundsFen',
  fundIncomeFen: 'fundIncomeFen',
  fundExpenseFen: 'fundExpenseFen',
};

/** Folds the stored counters into one row per month; balances are running sums from the first month. */
export function foldStatistics(items: StatsItem[], from: string, to: string): MonthlyStats[] {
  const byMonth = new Map<string, MonthlyStats>();
  const running = new Map<string, { memberNet: number; fund: number }>();
  for (const item of items) {
    const row = byMonth.get(item.month) ?? emptyMonth(item.month);
    const sums = running.get(item.month) ?? { memberNet: 0, fund: 0 };
    for (const [name, value] of Object.entries(item.values)) {
      const field = FIELDS[name];
      if (field && field !== 'month') (row[field] as number) += value;
      if (name === 'memberNet') sums.memberNet += value;
    }
    sums.fund += (item.values.fundIncomeFen ?? 0) - (item.values.fundExpenseFen ?? 0);
    byMonth.set(item.month, row);
    running.set(item.month, sums);
  }
  const allMonths = [...new Set([...byMonth.keys(), ...monthsBetween(from, to)])].sort();
  let outstanding = 0;
  let fund = 0;
  const rows: MonthlyStats[] = [];
  for (const month of allMonths) {
    outstanding += running.get(month)?.memberNet ?? 0;
    fund += running.get(month)?.fund ?? 0;
    if (month < from || month > to) continue;
    rows.push({ ...(byMonth.get(month) ?? emptyMonth(month)), pointsOutstanding: outstanding, fundBalanceFen: fund });
  }
  return rows;
}

/**
 * The months a statistics request covers (`YYYY-MM`, China time): `to` defaults to this month and
 * `from` to eleven months before it; 400 `stats.range_invalid` when `from` is after `to` or the
 * range is longer than {@link MAX_MONTHS} months.
 */
export function statisticsRange(input: { from?: string; to?: string; now?: Date }): { from: string; to: string } {
  const to = input.to ?? monthOf(input.now ?? new Date());
  const from = input.from ?? addMonths(to, -11);
  if (from > to) throw new AppError('stats.range_invalid', '`from` must not be after `to`');
  if (monthsBetween(from, to).length > MAX_MONTHS) {
    throw new AppError('stats.range_invalid', `Ask for at most ${MAX_MONTHS} months at a time`);
  }
  return { from, to };
}

/**
 * The community's monthly figures over a range (the last 12 months by default); with `teams` (the
 * office dashboard, not a district's), each volunteer team's minutes and visits over the range too.
 */
export async function getStatistics(
  input: { community: { id: string; currencyName: string }; from?: string; to?: string; now?: Date },
  office: OfficeStore,
  fundBalance: () => Promise<number>,
  teams?: Pick<TeamStore, 'listTeams'>,
): Promise<StatsResponse> {
  const { from, to } = statisticsRange(input);
  const currentMonth = monthOf(input.now ?? new Date());
  const [items, gauges, activeMerchants, fundBalanceFen, teamRecords, pendingEnds] = await Promise.all([
    office.statsItems(input.community.id, currentMonth > to ? currentMonth : to),
    office.gauges(input.community.id),
    office.countActiveMerchants(input.community.id),
    fundBalance(),
    teams?.listTeams(input.community.id),
    // The office's own dashboard (with its teams) counts the recording queue too.
    teams ? office.pendingClaimEnds(input.community.id) : undefined,
  ]);
  const now = input.now ?? new Date();
  const everything = foldStatistics(items, '0000-00', '9999-99');
  const months = foldStatistics(items, from, to);
  return {
    communityId: input.community.id,
    currencyName: input.community.currencyName,
    from,
    to,
    months,
    current: {
      members: gauges.members ?? 0,
      pointsOutstanding: everything.at(-1)?.pointsOutstanding ?? 0,
      activeCertificates: gauges.activeCertificates ?? 0,
      activeMerchants,
      fundBalanceFen,
      ...(pendingEnds
        ? {
            pendingClaims: pendingEnds.length,
            overdueClaims: pendingEnds.filter((endsAt) => recordingDeadline(endsAt, now).overdue).length,
          }
        : {}),
    },
    ...(teamRecords ? { teams: teamFiguresOf(teamRecords, items, from, to) } : {}),
  };
}
