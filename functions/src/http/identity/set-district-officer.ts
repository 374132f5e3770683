import { contracts } from '@linli/shared';
import { nameDistrictOfficer } from '../../domain/identity/districts';
import { requirePlatformOperator } from '../../domain/identity/platform';
import { env } from '../../lib/env';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/districts/{did}/officers — platform operators name a district officer by openid. */
export const handler = httpRoute(contracts.setDistrictOfficer, async ({ params, body, userId }) => {
  await requirePlatformOperator(stores.users(), userId, env.platformOperatorOpenids);
  return ok(
    await nameDistrictOfficer(
      { districtId: params.did, openid: body.openid, actorId: userId },
      { districts: stores.districts(), users: stores.users() },
    ),
  );
});
