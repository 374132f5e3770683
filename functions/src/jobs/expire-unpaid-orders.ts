import { stores } from '../lib/dependencies';
import { logger } from '../lib/logger';

/**
 * Scheduled (serverless.yml, every minute; `npm start` runs it too): orders still unpaid after
 * their 15 minutes expire and their stock returns, in one transaction per order.
 */
export async function handler(): Promise<{ expired: number }> {
  const shop = stores.shop();
  let expired = 0;
  for (const { communityId, orderId } of await shop.ordersDueForExpiry(new Date().toISOString())) {
    const order = await shop.getOrder(communityId, orderId);
    if (order && (await shop.expireOrder(communityId, order))) expired += 1;
  }
  logger.info('expired unpaid orders', { expired });
  return { expired };
}
