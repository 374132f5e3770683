import { contracts } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { getFundPage } from '../../domain/fund/fund';
import { chinaDate, holderValidOn } from '../../domain/fund/holder';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';

/** GET /v1/communities/{cid}/fund?cursor= — public: balance, monthly totals, every entry with its hash, the legal holder. */
export const handler = httpRoute(contracts.getFund, async ({ params, query }) => {
  const [community, page] = await Promise.all([
    getCommunityOrThrow(stores.communities(), params.cid),
    getFundPage({ communityId: params.cid, cursor: query.cursor }, stores.fund()),
  ]);
  const ids = page.entries.flatMap((entry) => (entry.receiptImageId ? [entry.receiptImageId] : []));
  const resolve = await resolveImages({ communityId: params.cid, idLists: [ids], reader: {} }, imageReading());
  const holder = community.fundHolder ?? null;
  return ok({
    ...page,
    holder,
    donationsOpen: holderValidOn(community.fundHolder, chinaDate(new Date())),
    receipts: Object.fromEntries(resolve(ids).map((view) => [view.id, view])),
  });
});
