import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { submitApplication } from '../../domain/market/merchants';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/merchant-applications — any member applies to join the alliance. */
export const handler = httpRoute(contracts.submitMerchantApplication, async ({ params, body, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return created(
    await submitApplication({ communityId: params.cid, applicantId: userId, request: body }, stores.merchants()),
  );
});
