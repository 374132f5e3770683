import { contracts } from '@linli/shared';
import { createDistrict } from '../../domain/identity/districts';
import { requirePlatformOperator } from '../../domain/identity/platform';
import { env } from '../../lib/env';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/districts — platform operators create a district (409 `district.exists`). */
export const handler = httpRoute(contracts.createDistrict, async ({ body, userId }) => {
  await requirePlatformOperator(stores.users(), userId, env.platformOperatorOpenids);
  return created(await createDistrict({ request: body, actorId: userId }, stores.districts()));
});
