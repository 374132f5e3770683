import { reconcileSource } from '../../store/ledger/reconcile-store';
import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { reconcileCommunity } from '../../domain/ledger/reconcile';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { logger } from '../../lib/logger';

/** POST /v1/communities/{cid}/reconciliation — admin: rebuild balances and counters, report drift. */
export const handler = httpRoute(contracts.runReconciliation, { idempotent: false }, async ({ params, userId }) => {
  await requireAdmin(stores.communities(), params.cid, userId);
  const report = await reconcileCommunity(params.cid, reconcileSource());
  if (report.drifts.length > 0) logger.error('reconciliation found drift', { ...report });
  return ok(report);
});
