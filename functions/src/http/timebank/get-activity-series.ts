import { activitySeriesStore } from '../../store/timebank/series-store';
import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { getActivitySeries } from '../../domain/timebank/series';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/activity-series/{sid} — members; the series and its occurrences. */
export const handler = httpRoute(contracts.getActivitySeries, async ({ params, userId }) => {
  const [, view] = await alongside(
    requireMember(stores.communities(), params.cid, userId),
    getActivitySeries({ communityId: params.cid, seriesId: params.sid }, activitySeriesStore()),
  );
  return ok(view);
});
