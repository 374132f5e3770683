import { contracts } from '@linli/shared';
import { pledgeStore } from '../../store/fund/pledge-store';
import { requireMember } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/pledges — the caller's pledges. */
export const handler = httpRoute(contracts.listMyPledges, async ({ params, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok({ items: await pledgeStore().listMemberPledges(params.cid, userId) });
});
