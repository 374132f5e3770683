import { contracts } from '@linli/shared';
import { isOffice, requireMember } from '../../domain/identity/authorization';
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
  const reader = { userId, isStaff: isOffice(member) };
  return ok({ ...page, items: page.items.filter((activity) => visibleTo(activity, reader)) });
});
