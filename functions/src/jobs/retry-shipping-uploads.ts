import { retryDueShippingUploads } from '../domain/shop/shipping';
import { logger } from '../lib/logger';
import { shippingDependencies } from '../wiring';

/**
 * Scheduled (infra/functions.ts, every minute; `npm start` runs it too): every shipping upload to
 * WeChat that is due — owed and not yet accepted — is tried again, with back-off between tries
 * (1, 2, 4 … minutes, at most 6 hours); after 12 tries it is flagged `failed` for staff.
 */
export async function handler(
  input: { now?: string } = {},
): Promise<{ uploaded: number; pending: number; failed: number }> {
  const result = await retryDueShippingUploads(
    { now: input.now ? new Date(input.now) : undefined },
    shippingDependencies(),
  );
  if (result.failed > 0) logger.warn('shipping uploads failed for good', { failed: result.failed });
  logger.info('retried shipping uploads', result);
  return result;
}
