import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { giftPoints } from '../../domain/ledger/gifts';
import { screenTexts } from '../../domain/office/content-screening';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/ledger/gifts — a member gives points to another member or the pool. */
export const handler = httpRoute(contracts.giftPoints, { rateLimit: 'gift' }, async ({ params, body, userId }) => {
  const giver = await requireMember(stores.communities(), params.cid, userId);
  const community = await getCommunityOrThrow(stores.communities(), params.cid);
  // The note reaches the recipient: WeChat's check first (risky → 422; one to review is left off).
  const screening = await screenTexts(gateways.textChecker(), { userId, scene: 'comment', texts: [body.memo] });
  const request = screening === 'pass' ? body : { ...body, memo: undefined };
  return created(
    await giftPoints({ community, giver, request }, { ledger: stores.ledger(), communities: stores.communities() }),
  );
});
