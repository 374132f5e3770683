import { contracts } from '@linli/shared';
import { nameCommunityAdmin, requirePlatformOperator } from '../../domain/identity/platform';
import { env } from '../../lib/env';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/admins — platform operators name a community's admin by WeChat openid. */
export const handler = httpRoute(contracts.setCommunityAdmin, async ({ params, body, userId }) => {
  await requirePlatformOperator(stores.users(), userId, env.platformOperatorOpenids);
  return ok(
    await nameCommunityAdmin(
      { communityId: params.cid, openid: body.openid, actorId: userId },
      { communities: stores.communities(), users: stores.users() },
    ),
  );
});
