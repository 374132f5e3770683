import { contracts } from '@linli/shared';
import { listMyCommunities } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/me/communities — the communities the caller has joined. */
export const handler = httpRoute(contracts.listMyCommunities, async ({ userId }) =>
  ok(await listMyCommunities(userId, stores.communities())),
);
