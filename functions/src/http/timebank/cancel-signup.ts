import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { cancelSignup } from '../../domain/timebank/signups';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/activities/{aid}/signups/cancel — the member gives up their sign-up. */
export const handler = httpRoute(contracts.cancelSignup, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await cancelSignup(
      { communityId: params.cid, activityId: params.aid, memberId: member.userId },
      { activities: stores.activities(), signups: stores.signups(), attendances: stores.attendances() },
    ),
  );
});
