import { contracts } from '@linli/shared';
import { exportDataset } from '../../domain/office/exports/exports';
import { requireStaff } from '../../domain/identity/authorization';
import { stores } from '../../wiring';
import { file, httpRoute } from '../route';

/** GET /v1/communities/{cid}/exports/{dataset}?from&to&format — office staff: one dataset as CSV or XLSX. */
export const handler = httpRoute(contracts.exportData, async (request) => {
  const { params, query, userId } = request;
  await requireStaff(stores.communities(), params.cid, userId);
  const exported = await exportDataset({ communityId: params.cid, dataset: params.dataset, query }, stores.exports());
  return file(exported.body, exported.contentType, exported.fileName, exported.displayName);
});
