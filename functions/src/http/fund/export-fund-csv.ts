import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { fundCsv } from '../../domain/fund/fund';
import { stores } from '../../wiring';
import { file, httpRoute } from '../route';

/** GET /v1/communities/{cid}/fund/entries.csv — public: the whole ledger, oldest first. */
export const handler = httpRoute(contracts.exportFundCsv, async ({ params }) => {
  await getCommunityOrThrow(stores.communities(), params.cid);
  return file(await fundCsv(params.cid, stores.fund()), 'text/csv; charset=utf-8', `fund-${params.cid}.csv`);
});
