import { contracts } from '@linli/shared';
import { stores } from '../../lib/dependencies';
import { httpRoute, ok } from '../../lib/http';

/** GET /v1/me/notifications — the caller's inbox, newest first. */
export const handler = httpRoute(contracts.listMyNotifications, async ({ userId }) =>
  ok({ items: await stores.users().listNotifications(userId) }),
);
