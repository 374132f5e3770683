import type { Community, DistrictStatsResponse, DistrictTotals, StatsResponse } from '@linli/shared';

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
  const members = input.communities.filter((community) => community.districtId === input.district.id);
  const stats = await Promise.all(members.map(statisticsOf));
  const rows = members.map((community, index) => ({
    id: community.id,
    name: community.name,
    currencyName: community.currencyName,
    totals: communityTotals(stats[index]!),
  }));
  const totals = { ...ZERO };
  for (const row of rows) {
    for (const field of Object.keys(totals) as (keyof DistrictTotals)[]) totals[field] += row.totals[field];
  }
  return {
    districtId: input.district.id,
    name: input.district.name,
    from: stats[0]?.from ?? input.from ?? '',
    to: stats[0]?.to ?? input.to ?? '',
    communities: rows,
    totals,
  };
}
