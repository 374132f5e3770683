import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid} — public: name, currency and rules. */
export const handler = httpRoute(contracts.getCommunity, async ({ params }) =>
  ok(await getCommunityOrThrow(stores.communities(), params.cid)),
);
