import { contracts, OFFICE_ROLES } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { listActivities, visibleTo } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities?cursor= — members: from a week ago on, soonest first. */
export const handler = httpRoute(contracts.listActivities, async ({ params, query, userId }) => {
  const [member, page] = await alongside(
    requireMember(stores.communities(), params.cid, userId),
    listActivities({ communityId: params.cid, cursor: query.cursor }, stores.activities()),
  );
  // An activity held for review shows only to staff and its creator.
  const reader = { userId, isStaff: member.roles.some((role) => OFFICE_ROLES.includes(role)) };
  return ok({ ...page, items: page.items.filter((activity) => visibleTo(activity, reader)) });
});
