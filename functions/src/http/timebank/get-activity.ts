import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { notFound } from '../../lib/errors';
import { toActivity } from '../../domain/timebank/activities';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activities/{aid} — members; the attendee count as of now. */
export const handler = httpRoute(contracts.getActivity, async ({ params, userId }) => {
  const [, activity] = await alongside(
    requireMember(stores.communities(), params.cid, userId),
    stores.activities().getActivityWithLiveCount(params.cid, params.aid),
  );
  if (!activity) throw notFound('activity');
  return ok(toActivity(activity));
});
