import { reconcileSource } from '../store/ledger/reconcile-store';
import type { ReconciliationReport } from '@linli/shared';
import { reconcileCommunity } from '../domain/ledger/reconcile';
import { stores } from '../wiring';
import { logger } from '../lib/logger';

/**
 * Daily (serverless.yml): every community's balances and counters rebuilt from their records.
 * Drift is logged at ERROR with the details, for an alarm on the log group.
 */
export async function handler(): Promise<{ communities: number; checks: number; drifts: number }> {
  const reports: ReconciliationReport[] = [];
  for (const community of await stores.communities().listCommunities()) {
    reports.push(await reconcileCommunity(community.id, reconcileSource()));
  }
  for (const report of reports.filter((candidate) => candidate.drifts.length > 0)) {
    logger.error('reconciliation found drift', { ...report });
  }
  const summary = {
    communities: reports.length,
    checks: reports.reduce((total, report) => total + report.checks, 0),
    drifts: reports.reduce((total, report) => total + report.drifts.length, 0),
  };
  logger.info('reconciliation', summary);
  return summary;
}
