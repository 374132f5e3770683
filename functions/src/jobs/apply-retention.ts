import { applyRetention, type RetentionReport } from '../domain/office/retention';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { getDocumentClient } from '../store/client';
import { DynamoRetentionStore } from '../store/retention-store';

/**
 * Daily at 04:00 China time (infra/functions.ts; `npm start` runs it every minute — it is idempotent):
 * removes what has outlived its retention (README, "Retention schedule (issue 20)"): expired login
 * codes, rate windows, idempotency records and upload counters, and notifications past 180 days.
 * Bounded per run; logs what it removed by kind.
 */
export async function handler(event?: { now?: string }): Promise<RetentionReport> {
  const now = event?.now ? new Date(event.now) : new Date();
  const report = await applyRetention(new DynamoRetentionStore(getDocumentClient(), env.tableName()), { now });
  logger.info('retention applied', { report });
  return report;
}
