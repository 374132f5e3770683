import { contracts } from '@linli/shared';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

/** GET /v1/communities — public: the communities one can join. */
export const handler = httpRoute(contracts.listCommunities, async () =>
  ok({ items: await stores.communities().listCommunities() }),
);
