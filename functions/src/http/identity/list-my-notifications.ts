import { contracts } from '@linli/shared';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/me/notifications — the caller's inbox, newest first. */
export const handler = httpRoute(contracts.listMyNotifications, async ({ userId }) =>
  ok({ items: await stores.users().listNotifications(userId) }),
);
