import { contracts } from '@linli/shared';
import { changeDisplayName } from '../../domain/identity/profile';
import { gateways, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/me/display-name — the member corrects the name shown for them (content-checked). */
export const handler = httpRoute(contracts.updateMyDisplayName, async ({ params, body, userId }) =>
  ok(
    await changeDisplayName(
      { communityId: params.cid, userId, displayName: body.displayName },
      { communities: stores.communities(), checker: gateways.textChecker() },
    ),
  ),
);
