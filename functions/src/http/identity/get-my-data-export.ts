import { contracts, dayOf } from '@linli/shared';
import { exportFileText, exportPersonalData } from '../../domain/identity/data-export';
import { env } from '../../lib/env';
import { getDocumentClient } from '../../store/client';
import { DynamoPersonalDataStore } from '../../store/identity/personal-data-store';
import { dataExportDependencies } from '../../wiring';
import { httpRoute, jsonFile } from '../route';

/**
 * GET /v1/me/data-export — everything Linli holds about the caller, every community, as a JSON file
 * (`linli-data-YYYY-MM-DD.json`); 413 `export.too_large` past its bounds; 10 an hour per user. Its
 * store is built here rather than in `wiring.ts`, which every function bundles: only identity carries it.
 */
export const handler = httpRoute(contracts.getMyDataExport, { rateLimit: 'dataExport' }, async ({ userId }) => {
  const records = new DynamoPersonalDataStore(getDocumentClient(), env.tableName());
  const data = await exportPersonalData(userId, dataExportDependencies(records));
  return jsonFile<typeof data>(exportFileText(data), `linli-data-${dayOf(data.exportedAt)}.json`);
});
