import { contracts } from '@linli/shared';
import { listMyChildren } from '../../domain/identity/children';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/children — the children the caller added here as guardian. */
export const handler = httpRoute(contracts.listMyChildren, async ({ params, userId }) =>
  ok(
    await listMyChildren(
      { communityId: params.cid, guardianId: userId },
      { communities: stores.communities(), proxies: stores.proxies() },
    ),
  ),
);
