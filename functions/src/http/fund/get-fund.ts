import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getFundPage } from '../../domain/fund/fund';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/fund?cursor= — public: balance, monthly totals, every entry with its hash. */
export const handler = httpRoute(contracts.getFund, async ({ params, query }) => {
  const [, page] = await Promise.all([
    getCommunityOrThrow(stores.communities(), params.cid),
    getFundPage({ communityId: params.cid, cursor: query.cursor }, stores.fund()),
  ]);
  const ids = page.entries.flatMap((entry) => (entry.receiptImageId ? [entry.receiptImageId] : []));
  const resolve = await resolveImages({ communityId: params.cid, idLists: [ids], reader: {} }, imageReading());
  return ok({ ...page, receipts: Object.fromEntries(resolve(ids).map((view) => [view.id, view])) });
});
