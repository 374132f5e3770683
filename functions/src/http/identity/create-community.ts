import { contracts } from '@linli/shared';
import { createCommunity, requirePlatformOperator } from '../../domain/identity/platform';
import { env } from '../../lib/env';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities — platform operators start a community (409 `community.exists`). */
export const handler = httpRoute(contracts.createCommunity, async ({ body, userId }) => {
  await requirePlatformOperator(stores.users(), userId, env.platformOperatorOpenids);
  return created(await createCommunity({ request: body, actorId: userId }, stores.communities(), stores.districts()));
});
