import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { listMySignups } from '../../domain/timebank/signups';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/signups?scope=upcoming|all — 我的报名. */
export const handler = httpRoute(contracts.listMySignups, async ({ params, query, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await listMySignups(
      { communityId: params.cid, memberId: member.userId, scope: query.scope },
      { activities: stores.activities(), signups: stores.signups(), attendances: stores.attendances() },
    ),
  );
});
