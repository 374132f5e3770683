import { contracts, endOfDay, startOfDay } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { AppError } from '../../lib/errors';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/audit?actorId=&action=&objectType=&objectId=&from=&to=&cursor= — admin. */
export const handler = httpRoute(contracts.listAudit, async ({ params, query, userId }) => {
  await requireAdmin(stores.communities(), params.cid, userId);
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('audit.range_invalid', '`from` must not be after `to`');
  }
  if (query.objectId && !query.objectType) {
    throw new AppError('audit.range_invalid', 'Give objectType together with objectId');
  }
  const office = stores.office();
  const page = await office.listAudit(
    params.cid,
    {
      actorId: query.actorId,
      action: query.action,
      objectType: query.objectType,
      objectId: query.objectId,
      fromIso: query.from ? startOfDay(query.from) : undefined,
      toIso: query.to ? endOfDay(query.to) : undefined,
    },
    query.cursor,
  );
  // Names as they are now, for people reading the log; the ids stay the record.
  const names = await office.memberNames(
    params.cid,
    page.items.flatMap((entry) => [entry.actorId, ...(entry.onBehalfOf ? [entry.onBehalfOf] : [])]),
  );
  return ok({
    ...page,
    items: page.items.map((entry) => ({
      ...entry,
      actorName: names.get(entry.actorId) ?? (entry.actorId === 'system' ? '系统' : undefined),
      ...(entry.onBehalfOf ? { onBehalfOfName: names.get(entry.onBehalfOf) } : {}),
    })),
  });
});
