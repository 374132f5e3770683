import { contracts, type DistrictStatsResponse } from '@linli/shared';
import { requireDistrictViewer } from '../../domain/identity/districts';
import { districtStatistics } from '../../domain/office/district-stats';
import { getStatistics } from '../../domain/office/statistics';
import { env } from '../../lib/env';
import { notFound } from '../../lib/errors';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * A district's figures for the caller, once they are one of its officers or a platform operator
 * (403 `auth.forbidden` otherwise, 404 for an unknown district); months `from`..`to` as `2026-11`.
 */
export async function districtStatsFor(input: {
  districtId: string;
  userId: string;
  from?: string;
  to?: string;
}): Promise<DistrictStatsResponse> {
  const districts = stores.districts();
  await requireDistrictViewer(
    { districtId: input.districtId, userId: input.userId },
    { districts, users: stores.users(), operatorOpenids: env.platformOperatorOpenids },
  );
  const district = await districts.getDistrict(input.districtId);
  if (!district) throw notFound('district');
  return districtStatistics(
    { district, communities: await stores.communities().listCommunities(), from: input.from, to: input.to },
    (community) =>
      getStatistics(
        { community, from: input.from, to: input.to },
        stores.office(),
        async () => (await stores.fund().getHead(community.id)).balanceFen,
      ),
  );
}

/** GET /v1/districts/{did}/stats?from=&to= — its officers and platform operators: every community's figures. */
export const handler = httpRoute(contracts.getDistrictStats, async ({ params, query, userId }) =>
  ok(await districtStatsFor({ districtId: params.did, userId, from: query.from, to: query.to })),
);
