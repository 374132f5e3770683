import { contracts } from '@linli/shared';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';
import { subscribeTemplateIds } from '../../lib/subscribe-templates';

/** GET /v1/me/subscriptions — the caller's subscribe-message credits and the configured template ids. */
export const handler = httpRoute(contracts.getSubscriptions, async ({ userId }) => {
  const templates = subscribeTemplateIds();
  return ok({ credits: await stores.office().getSubscriptionCredits(userId), templates });
});
