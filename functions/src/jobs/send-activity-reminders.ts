import { sendActivityReminders } from '../domain/timebank/signups';
import { logger } from '../lib/logger';
import { stores } from '../wiring';

/**
 * Every 5 minutes (serverless.yml; `npm start` runs it too): members with a confirmed sign-up
 * are reminded a day before their activity and an hour before, once each — in the inbox, and by
 * WeChat subscribe message through `sendSubscribeMessages` where they subscribed.
 */
export async function handler(event?: { now?: string }): Promise<{ reminders: number }> {
  const now = event?.now ? new Date(event.now) : new Date();
  const communities = await stores.communities().listCommunities();
  const reminders = await sendActivityReminders(
    { communityIds: communities.map((community) => community.id), now },
    { activities: stores.activities(), signups: stores.signups() },
  );
  logger.info('activity reminders', { communities: communities.length, reminders });
  return { reminders };
}
