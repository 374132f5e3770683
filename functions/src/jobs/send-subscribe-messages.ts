import { sendPendingPushes } from '../domain/office/push';
import { gateways, stores } from '../wiring';
import { logger } from '../lib/logger';
import type { NotificationKind } from '@linli/shared';

/** Every minute (serverless.yml): WeChat subscribe messages for new notifications, where configured. */
export async function handler() {
  const report = await sendPendingPushes({
    office: stores.office(),
    users: stores.users(),
    send: (message) => gateways.subscribeMessages().send({ ...message, kind: message.kind as NotificationKind }),
  });
  logger.info('subscribe messages', { ...report });
  return report;
}
