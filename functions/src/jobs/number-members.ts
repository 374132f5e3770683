import { backfillMemberNumbers } from '../domain/identity/member-numbers';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { getDocumentClient } from '../store/client';
import { DynamoMemberNumberBackfillStore } from '../store/identity/member-number-backfill-store';

/**
 * Scheduled (infra/functions.ts, every 10 minutes; `npm start` runs it every minute): gives the members
 * added before member numbers theirs (`backfillMemberNumbers`), a bounded part each run, until it has
 * been through every community — after that a run costs one read.
 */
export async function handler(): Promise<{ numbered: number; done: boolean }> {
  const result = await backfillMemberNumbers(new DynamoMemberNumberBackfillStore(getDocumentClient(), env.tableName()));
  if (result.numbered > 0) logger.info('member numbers given to earlier members', result);
  return result;
}
