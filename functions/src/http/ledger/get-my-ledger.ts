import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { memberAccount } from '../../domain/ledger/accounts';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/ledger?cursor= — the caller's postings, newest first. */
export const handler = httpRoute(contracts.getMyLedger, async ({ params, query, userId }) => {
  await requireMember(stores.communities(), params.cid, userId);
  return ok(await stores.ledger().history(params.cid, memberAccount(userId), query.cursor));
});
