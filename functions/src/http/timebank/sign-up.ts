import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { signUp } from '../../domain/timebank/signups';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activities/{aid}/signups — a member signs up (confirmed or waitlisted). */
export const handler = httpRoute(contracts.signUp, async ({ params, body, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  const signup = await signUp(
    { communityId: params.cid, activityId: params.aid, member, request: body },
    {
      activities: stores.activities(),
      signups: stores.signups(),
      profileOf: (communityId, memberId) => stores.volunteerProfiles().getProfile(communityId, memberId),
    },
  );
  return created({ signup });
});
