import { contracts } from '@linli/shared';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities — public: the communities one can join. */
export const handler = httpRoute(contracts.listCommunities, async () =>
  ok({ items: await stores.communities().listCommunities() }),
);
