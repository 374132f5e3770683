import { contracts } from '@linli/shared';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { subscribeTemplateIds } from '../../lib/subscribe-templates';

/**
 * POST /v1/me/subscriptions {kinds} — the kinds the resident accepted in wx.requestSubscribeMessage.
 * WeChat allows one message per acceptance, so each acceptance is one credit.
 */
export const handler = httpRoute(contracts.subscribe, async ({ body, userId }) => {
  const office = stores.office();
  await office.addSubscriptionCredits(userId, body.kinds);
  const templates = subscribeTemplateIds();
  return ok({ credits: await office.getSubscriptionCredits(userId), templates });
});
