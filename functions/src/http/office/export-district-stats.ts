import { contracts } from '@linli/shared';
import { districtStatsFile } from '../../domain/office/district-stats';
import { file, httpRoute } from '../route';
import { districtStatsFor } from './get-district-stats';

/** GET /v1/districts/{did}/exports/stats?from&to&format — the district's figures as CSV or XLSX. */
export const handler = httpRoute(contracts.exportDistrictStats, async ({ params, query, userId }) => {
  const stats = await districtStatsFor({ districtId: params.did, userId, from: query.from, to: query.to });
  const exported = await districtStatsFile(stats, query.format ?? 'xlsx');
  return file(exported.body, exported.contentType, exported.fileName, exported.displayName);
});
