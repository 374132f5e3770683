import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { imageReading, stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { resolveImages } from '../../domain/media/images';
import type { FundExpense } from '@linli/shared';

/** GET /v1/communities/{cid}/fund/expenses?status=pending — staff. */
export const handler = httpRoute(contracts.listFundExpenses, async ({ params, query, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const page = await stores.fund().listExpenses(params.cid, query.status ?? 'pending', query.cursor);
  const idsOf = (expense: FundExpense) => (expense.receiptImageId ? [expense.receiptImageId] : []);
  const resolve = await resolveImages(
    { communityId: params.cid, idLists: page.items.map(idsOf), reader: { userId, isStaff: true } },
    imageReading(),
  );
  return ok({
    ...page,
    items: page.items.map((expense) => {
      const [receipt] = resolve(idsOf(expense));
      return receipt ? { ...expense, receipt } : expense;
    }),
  });
});
