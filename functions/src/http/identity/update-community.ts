import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { updateCommunity } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PATCH /v1/communities/{cid} — admin: name, currency name and rules. */
export const handler = httpRoute(contracts.updateCommunity, async ({ params, body, userId }) => {
  const communities = stores.communities();
  await requireAdmin(communities, params.cid, userId);
  return ok(await updateCommunity({ communityId: params.cid, patch: body }, communities));
});
