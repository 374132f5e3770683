import { contracts } from '@linli/shared';
import { getMe } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me — the caller's membership, balance and certificate. */
export const handler = httpRoute(contracts.getMe, async ({ params, userId }) =>
  ok(await getMe(params.cid, userId, stores.communities())),
);
