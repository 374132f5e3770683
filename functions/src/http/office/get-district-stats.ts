import { contracts } from '@linli/shared';
import { requireDistrictViewer } from '../../domain/identity/districts';
import { districtStatistics } from '../../domain/office/district-stats';
import { getStatistics } from '../../domain/office/statistics';
import { env } from '../../lib/env';
import { notFound } from '../../lib/errors';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/districts/{did}/stats?from=&to= — its officers and platform operators: every community's figures. */
export const handler = httpRoute(contracts.getDistrictStats, async ({ params, query, userId }) => {
  const districts = stores.districts();
  await requireDistrictViewer(
    { districtId: params.did, userId },
    { districts, users: stores.users(), operatorOpenids: env.platformOperatorOpenids },
  );
  const district = await districts.getDistrict(params.did);
  if (!district) throw notFound('district');
  return ok(
    await districtStatistics(
      { district, communities: await stores.communities().listCommunities(), from: query.from, to: query.to },
      (community) =>
        getStatistics(
          { community, from: query.from, to: query.to },
          stores.office(),
          async () => (await stores.fund().getHead(community.id)).balanceFen,
        ),
    ),
  );
});
