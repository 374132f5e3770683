import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getMySignup } from '../../domain/timebank/signups';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities/{aid}/signups/mine — the caller's own sign-up, or null. */
export const handler = httpRoute(contracts.getMySignup, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await getMySignup(
      { communityId: params.cid, activityId: params.aid, memberId: member.userId },
      {
        activities: stores.activities(),
        signups: stores.signups(),
        attendances: stores.attendances(),
        profileOf: (communityId, memberId) => stores.volunteerProfiles().getProfile(communityId, memberId),
      },
    ),
  );
});
