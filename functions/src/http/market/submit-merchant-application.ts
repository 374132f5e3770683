import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { submitApplication } from '../../domain/market/merchants';
import { screenTexts } from '../../domain/office/content-screening';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/merchant-applications — any member applies to join the alliance. */
export const handler = httpRoute(contracts.submitMerchantApplication, async ({ params, body, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  // Its name, address and offer become public once approved: a risky text is refused now (422); one to
  // review goes on, since staff read every application in full before approving it.
  await screenTexts(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.name, body.address, body.offer.description],
  });
  return created(
    await submitApplication({ communityId: params.cid, applicantId: userId, request: body }, stores.merchants()),
  );
});
