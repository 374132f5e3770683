import { activitySeriesStore } from '../../store/timebank/series-store';
import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { cancelActivitySeries } from '../../domain/timebank/series';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/activity-series/{sid}/cancel — staff; occurrence `from` and the rest. */
export const handler = httpRoute(contracts.cancelActivitySeries, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  return ok(
    await cancelActivitySeries(
      { communityId: params.cid, seriesId: params.sid, from: body.from, actorId: userId },
      {
        series: activitySeriesStore(),
        activities: stores.activities(),
        attendances: stores.attendances(),
        claims: stores.claims(),
        signups: stores.signups(),
      },
    ),
  );
});
