import { contracts, dayOf } from '@linli/shared';
import { exportFileText, exportPersonalData } from '../../domain/identity/data-export';
import { gateways, stores } from '../../wiring';
import { httpRoute, jsonFile } from '../route';

/**
 * GET /v1/me/data-export — everything Linli holds about the caller, every community, as a JSON file
 * (`linli-data-YYYY-MM-DD.json`); 413 `export.too_large` past its bounds; 10 an hour per user.
 */
export const handler = httpRoute(contracts.getMyDataExport, { rateLimit: 'dataExport' }, async ({ userId }) => {
  const data = await exportPersonalData(userId, {
    records: stores.personalData(),
    communityName: async (communityId) => (await stores.communities().getCommunity(communityId))?.name,
    sealer: gateways.sealer(),
  });
  const fileName = `linli-data-${dayOf(data.exportedAt)}.json`;
  return jsonFile<typeof data>(exportFileText(data), fileName);
});
