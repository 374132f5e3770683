import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/makers — staff: every maker's sales, earnings and payouts. */
export const handler = httpRoute(contracts.listMakers, async ({ params, userId }) => {
  const communities = stores.communities();
  await requireStaff(communities, params.cid, userId);
  const makers = await stores.shop().listMakers(params.cid);
  const items = await Promise.all(
    makers.map(async (maker) => ({
      ...maker,
      makerName: (await communities.getMember(params.cid, maker.makerId))?.displayName ?? maker.makerId,
    })),
  );
  return ok({ items });
});
