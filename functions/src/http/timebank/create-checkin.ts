import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { checkInOrOut } from '../../domain/timebank/attendance';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/checkins — a member checks in or out with the live QR or code. */
export const handler = httpRoute(contracts.checkin, { rateLimit: 'checkin' }, async ({ params, body, userId }) => {
  // One round trip for every read below; the writes and the rate window then go in one transaction.
  await stores.attendances().readAheadCheckin(params.cid, body.activityId, userId);
  const member = await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await checkInOrOut(
      {
        communityId: params.cid,
        loadCommunity: () => getCommunityOrThrow(stores.communities(), params.cid),
        member,
        request: body,
      },
      { activities: stores.activities(), attendances: stores.attendances() },
    ),
  );
});
