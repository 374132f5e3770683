import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { recordIncome } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/fund/incomes — staff record money received in person (stall, cash gift). */
export const handler = httpRoute(contracts.recordFundIncome, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return created(await recordIncome({ communityId: params.cid, request: body }, stores.fund()));
});
