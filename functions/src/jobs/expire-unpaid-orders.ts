import { expireDueOrders } from '../domain/shop/fulfilment';
import { stores } from '../wiring';
import { logger } from '../lib/logger';
import { paymentGateway } from '../wiring-payments';

/**
 * Scheduled (serverless.yml, every minute; `npm start` runs it too): orders still unpaid after
 * their 15 minutes expire and their stock returns, in one transaction per order — each after its
 * WeChat order is closed; one that cannot be closed yet waits for the next run.
 */
export async function handler(): Promise<{ expired: number; deferred: number }> {
  const result = await expireDueOrders(
    {},
    { shop: stores.shop(), fund: stores.fund(), consents: stores.consents(), payments: await paymentGateway() },
  );
  if (result.deferred.length > 0) logger.warn('unpaid orders not expired yet', { deferred: result.deferred });
  logger.info('expired unpaid orders', { expired: result.expired });
  return { expired: result.expired, deferred: result.deferred.length };
}
