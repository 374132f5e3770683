import { runExpiry, type ExpiryReport } from '../domain/ledger/expiry';
import { stores } from '../wiring';
import { logger } from '../lib/logger';

/**
 * Daily just after midnight China time (serverless.yml; `npm start` runs it every minute —
 * it is idempotent: one expiry transfer per member and cutoff, one notice per member and cutoff).
 */
export async function handler(event?: { now?: string }): Promise<{ reports: ExpiryReport[] }> {
  const now = event?.now ? new Date(event.now) : new Date();
  const office = stores.office();
  const ports = {
    ledger: stores.ledger(),
    memberIds: (communityId: string) => office.memberIds(communityId),
    memberMonths: (communityId: string, memberId: string) => office.memberMonths(communityId, memberId),
    noticeOnce: office.noticeOnce.bind(office),
  };
  const reports: ExpiryReport[] = [];
  for (const community of await stores.communities().listCommunities()) {
    reports.push(await runExpiry(community, ports, now));
  }
  logger.info('points expiry', { reports });
  return { reports };
}
