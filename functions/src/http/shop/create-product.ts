import { contracts } from '@linli/shared';
import { createProduct } from '../../domain/shop/products';
import { communityAndMember } from '../../domain/timebank/context';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/products — makers list handmade goods; staff approve before they are public. */
export const handler = httpRoute(contracts.createProduct, async ({ params, body, userId }) => {
  const { community, member } = await communityAndMember(stores.communities(), params.cid, userId, ['maker']);
  return created(await createProduct({ community, maker: member, request: body }, stores.shop()));
});
