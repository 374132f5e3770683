import { applyRetention, backfillNotificationKeys, type RetentionReport } from '../domain/office/retention';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { getDocumentClient } from '../store/client';
import { DynamoRetentionStore } from '../store/retention-store';

/**
 * Daily at 04:00 China time (infra/functions.ts; `npm start` runs it every minute — it is idempotent):
 * removes what has outlived its retention (README, "Retention schedule (issue 20)"): expired login
 * codes, rate windows, idempotency records and upload counters, and notifications past 180 days —
 * first giving notifications sent before they had removal keys theirs (`backfillNotificationKeys`,
 * until it has been through the table once). Bounded per run; logs what it removed by kind.
 */
export async function handler(event?: {
  now?: string;
}): Promise<RetentionReport & { backfill: Awaited<ReturnType<typeof backfillNotificationKeys>> }> {
  const now = event?.now ? new Date(event.now) : new Date();
  const store = new DynamoRetentionStore(getDocumentClient(), env.tableName());
  const backfill = await backfillNotificationKeys(store, { now });
  const report = await applyRetention(store, { now });
  logger.info('retention applied', { report, backfill });
  return { ...report, backfill };
}
