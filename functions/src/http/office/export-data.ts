import { contracts } from '@linli/shared';
import { exportDataset } from '../../domain/office/exports/exports';
import { requireStaff } from '../../domain/identity/authorization';
import { roster } from '../../domain/timebank/signups';
import { stores } from '../../wiring';
import { file, httpRoute } from '../route';

/** GET /v1/communities/{cid}/exports/{dataset}?from&to&format — office staff: one dataset as CSV or XLSX. */
export const handler = httpRoute(contracts.exportData, async (request) => {
  const { params, query, userId } = request;
  await requireStaff(stores.communities(), params.cid, userId);
  const exported = await exportDataset(
    { communityId: params.cid, dataset: params.dataset, query },
    stores.exports(),
    (communityId, activityId) =>
      roster(
        { communityId, activityId },
        {
          activities: stores.activities(),
          signups: stores.signups(),
          attendances: stores.attendances(),
          membersById: (ids) => stores.communities().getMembers(communityId, ids),
        },
      ),
  );
  return file(exported.body, exported.contentType, exported.fileName, exported.displayName);
});
