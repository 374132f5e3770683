import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { setFundHolder } from '../../domain/fund/holder';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/fund/holder — admin: the charity the fund runs under (公开募捐资格). */
export const handler = httpRoute(contracts.setFundHolder, async ({ params, body, userId }) => {
  const communities = stores.communities();
  await requireAdmin(communities, params.cid, userId);
  return ok(await setFundHolder({ communityId: params.cid, holder: body }, communities));
});
