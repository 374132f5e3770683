import { contracts } from '@linli/shared';
import { checkInOrOut } from '../../domain/timebank/attendance';
import { communityAndMember } from '../../domain/timebank/context';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

/** POST /v1/communities/{cid}/checkins — a member checks in or out with the live QR or code. */
export const handler = httpRoute(
  contracts.checkin,
  { auth: 'user', rateLimit: 'checkin' },
  async ({ params, body, userId }) => {
    const { community, member } = await communityAndMember(stores.communities(), params.cid, userId);
    return ok(
      await checkInOrOut(
        { community, member, request: body },
        { activities: stores.activities(), attendances: stores.attendances() },
      ),
    );
  },
);
