import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { fileComplaint } from '../../domain/market/complaints';
import { screenTexts } from '../../domain/office/content-screening';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/merchants/{mid}/complaints — a member reports a merchant. */
export const handler = httpRoute(contracts.fileComplaint, async ({ params, body, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  const merchants = stores.merchants();
  const screening = await screenTexts(gateways.textChecker(), { userId, scene: 'comment', texts: [body.description] });
  return created(
    await fileComplaint(
      { communityId: params.cid, merchantId: params.mid, memberId: userId, description: body.description, screening },
      { merchants, complaints: merchants },
    ),
  );
});
