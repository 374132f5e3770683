import { addMonths, LEDGER_MESSAGES, monthOf, notificationText, startOfMonth, type Community } from '@linli/shared';
import type { Effects } from '../effects';
import type { EarnedMonth } from '../office/ports';
import { SYSTEM_ACCOUNTS, memberAccount } from './accounts';
import type { AccountBalance, LedgerStore } from './ports';
import type { Transfer } from './transfer';

/**
 * Points expiry. Points are lots by the month they were earned in; spending, giving and
 * earlier expiries consume the oldest lots first (FIFO), gifts received never expire.
 *  - `after_months` N: points earned in month M lapse when month M+N+1 begins;
 *  - `year_end`: points earned in a year lapse when the next year begins.
 * The amount lapsing at a cutoff is min(balance, earned before the cutoff − everything debited).
 */
export function cutoffMonth(community: Community, month: string): string | null {
  const policy = community.rules.pointsExpiry;
  if (!policy || policy.mode === 'none') return null;
  if (policy.mode === 'after_months') return addMonths(month, -policy.months);
  return `${month.slice(0, 4)}-01`;
}

export function lapsingPoints(account: AccountBalance, months: EarnedMonth[], cutoff: string): number {
  const earnedBefore = months.filter((lot) => lot.month < cutoff).reduce((sum, lot) => sum + lot.earnedPoints, 0);
  return Math.max(0, Math.min(account.balancePoints, earnedBefore - account.debitedPoints));
}

/** The next instant at which the cutoff moves, and the cutoff month it moves to. */
export function nextCutoff(community: Community, now: Date): { at: string; cutoff: string } | null {
  const policy = community.rules.pointsExpiry;
  if (!policy || policy.mode === 'none') return null;
  const month = monthOf(now);
  const nextMonth = policy.mode === 'after_months' ? addMonths(month, 1) : `${Number(month.slice(0, 4)) + 1}-01`;
  const cutoff = cutoffMonth(community, nextMonth);
  return cutoff ? { at: startOfMonth(nextMonth), cutoff } : null;
}

export interface ExpiryPorts {
  ledger: LedgerStore;
  memberIds(communityId: string): Promise<string[]>;
  memberMonths(communityId: string, memberId: string): Promise<EarnedMonth[]>;
  /** Writes the notice once per member and cutoff (false when it was sent before). */
  noticeOnce(communityId: string, memberId: string, cutoff: string, effects: Effects): Promise<boolean>;
}

export interface ExpiryReport {
  communityId: string;
  cutoff: string | null;
  expiredMembers: number;
  expiredPoints: number;
  noticesSent: number;
}

/** Posts one member's lapsing points to community:expiry (once per member and cut-off) and tells them. */
function expireLapsing(
  community: Community,
  ports: ExpiryPorts,
  input: { memberId: string; cutoff: string; lapsing: number; now: Date },
) {
  const { memberId, cutoff, lapsing } = input;
  const transfer: Transfer = {
    communityId: community.id,
    transferId: `expiry:${memberId}:${cutoff}`,
    kind: 'expiry',
    memo: `${cutoff} 之前获得的积分到期`,
    postings: [{ source: memberAccount(memberId), destination: SYSTEM_ACCOUNTS.expiry, amountPoints: lapsing }],
    actorId: 'system',
    createdAt: input.now.toISOString(),
  };
  return ports.ledger.post(transfer, {
    notify: [
      {
        userId: memberId,
        communityId: community.id,
        kind: 'points_expired',
        ...notificationText(
          LEDGER_MESSAGES,
          { key: 'points.expired', values: { points: lapsing, cutoff } },
          community.currencyName,
        ),
        objectType: 'transfer',
        objectId: transfer.transferId,
      },
    ],
  });
}

/** Runs the policy of one community: expires what lapsed, warns those whose points lapse soon. */
export async function runExpiry(
  community: Community,
  ports: ExpiryPorts,
  now: Date = new Date(),
): Promise<ExpiryReport> {
  const cutoff = cutoffMonth(community, monthOf(now));
  const report: ExpiryReport = {
    communityId: community.id,
    cutoff,
    expiredMembers: 0,
    expiredPoints: 0,
    noticesSent: 0,
  };
  if (!cutoff) return report;
  const upcoming = nextCutoff(community, now);
  const noticeDays = community.rules.expiryNoticeDays ?? 0;
  const warn = upcoming && noticeDays > 0 && Date.parse(upcoming.at) - now.getTime() <= noticeDays * 86_400_000;
  for (const memberId of await ports.memberIds(community.id)) {
    let account = await ports.ledger.getAccount(community.id, memberAccount(memberId));
    if (account.balancePoints === 0) continue;
    const months = await ports.memberMonths(community.id, memberId);
    const lapsing = lapsingPoints(account, months, cutoff);
    if (lapsing > 0) {
      const outcome = await expireLapsing(community, ports, { memberId, cutoff, lapsing, now });
      if (outcome === 'posted') {
        report.expiredMembers += 1;
        report.expiredPoints += lapsing;
        account = {
          ...account,
          balancePoints: account.balancePoints - lapsing,
          debitedPoints: account.debitedPoints + lapsing,
        };
      }
    }
    if (warn && upcoming) {
      const soon = lapsingPoints(account, months, upcoming.cutoff);
      if (soon > 0) {
        const sent = await ports.noticeOnce(community.id, memberId, upcoming.cutoff, {
          notify: [
            {
              userId: memberId,
              communityId: community.id,
              kind: 'points_expiring',
              ...notificationText(
                LEDGER_MESSAGES,
                { key: 'points.expiring', values: { points: soon, useBy: upcoming.at.slice(0, 10) } },
                community.currencyName,
              ),
            },
          ],
        });
        if (sent) report.noticesSent += 1;
      }
    }
  }
  return report;
}
