import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getStatistics } from '../../domain/office/statistics';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/stats?from=2026-01&to=2026-11 — staff: monthly figures from the counters. */
export const handler = httpRoute(contracts.getStats, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const community = await getCommunityOrThrow(stores.communities(), params.cid);
  return ok(
    await getStatistics(
      { community, from: query.from, to: query.to },
      stores.office(),
      async () => (await stores.fund().getHead(params.cid)).balanceFen,
      stores.teams(),
    ),
  );
});
