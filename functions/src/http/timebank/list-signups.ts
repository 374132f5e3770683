import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { roster } from '../../domain/timebank/signups';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities/{aid}/signups — staff: the roster with check-in status and no-shows. */
export const handler = httpRoute(contracts.listSignups, async ({ params, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await roster(
      { communityId: params.cid, activityId: params.aid },
      {
        activities: stores.activities(),
        signups: stores.signups(),
        attendances: stores.attendances(),
        membersById: (ids) => stores.communities().getMembers(params.cid, ids),
      },
    ),
  );
});
