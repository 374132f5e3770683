import { createDuePledgeDonations } from '../domain/fund/pledges';
import { pledgeStore } from '../store/fund/pledge-store';
import { consentStands } from '../domain/identity/consents';
import { stores } from '../wiring';
import { logger } from '../lib/logger';

/**
 * Scheduled daily (serverless.yml; `npm start` runs it every minute — it is idempotent): each
 * active 月月捐 pledge due today gets this month's donation order and a notification, once.
 */
export async function handler(event?: { now?: string }): Promise<{ created: number }> {
  const communities = stores.communities();
  const created = await createDuePledgeDonations(
    {
      now: event?.now ? new Date(event.now) : undefined,
      getMember: (communityId, userId) => communities.getMember(communityId, userId),
      mayPublishName: (userId) => consentStands(stores.consents(), userId, 'donor_name_public'),
      holderOf: async (communityId) => (await communities.getCommunity(communityId))?.fundHolder,
    },
    pledgeStore(),
  );
  logger.info('created pledge donations', { created });
  return { created };
}
