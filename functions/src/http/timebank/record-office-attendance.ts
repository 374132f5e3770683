import { contracts, OFFICE_ROLES } from '@linli/shared';
import { recordOfficeAttendance } from '../../domain/timebank/attendance';
import { communityAndMember } from '../../domain/timebank/context';
import { stores } from '../../wiring';
import { notFound } from '../../lib/errors';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/activities/{aid}/attendances — staff, for residents who cannot scan. */
export const handler = httpRoute(contracts.recordOfficeAttendance, async ({ params, body, userId }) => {
  const communities = stores.communities();
  const { community } = await communityAndMember(communities, params.cid, userId, OFFICE_ROLES);
  const member = await communities.getMember(params.cid, body.memberId);
  if (!member) throw notFound('member');
  const claim = await recordOfficeAttendance(
    { community, activityId: params.aid, member, minutes: body.minutes, note: body.note, actorId: userId },
    { activities: stores.activities(), attendances: stores.attendances(), claims: stores.claims() },
  );
  return created({ claim });
});
