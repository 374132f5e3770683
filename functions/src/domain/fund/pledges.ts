import type { FundHolder, Pledge, PledgeRequest } from '@linli/shared';
import { FUND_MESSAGES, notificationText } from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { NotificationDraft } from '../effects';
import type { MemberRecord } from '../identity/ports';
import { chinaMonth } from '../market/contributions';
import { startOfChinaDay } from '../market/verification';
import { donationOrder } from '../shop/fulfilment';
import { chinaDate, holderValidOn } from './holder';
import type { PledgeStore } from './ports';

/** A pledge's monthly donation waits this long for the donor to pay. */
const PLEDGE_PAYMENT_DAYS = 3;

export async function createPledge(
  input: { communityId: string; donor: MemberRecord; request: PledgeRequest; now?: Date },
  pledges: PledgeStore,
): Promise<Pledge> {
  const now = input.now ?? new Date();
  const pledge: Pledge = {
    id: newId(now.getTime()),
    donorId: input.donor.userId,
    donorName: input.donor.displayName,
    amountFen: input.request.amountFen,
    dayOfMonth: input.request.dayOfMonth,
    anonymous: input.request.publishName !== true,
    status: 'active',
    createdAt: now.toISOString(),
  };
  await pledges.createPledge(input.communityId, pledge);
  return pledge;
}

const TRANSITIONS: Record<'pause' | 'resume' | 'cancel', { from: Pledge['status'][]; to: Pledge['status'] }> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  cancel: { from: ['active', 'paused'], to: 'cancelled' },
};

export async function changePledge(
  input: { communityId: string; pledgeId: string; donorId: string; action: keyof typeof TRANSITIONS },
  pledges: PledgeStore,
): Promise<Pledge> {
  const pledge = await pledges.getPledge(input.communityId, input.pledgeId);
  if (!pledge) throw notFound('pledge', 'fund.pledge_not_found');
  if (pledge.donorId !== input.donorId) throw forbidden('This is not your pledge');
  const { from, to } = TRANSITIONS[input.action];
  const changed = from.includes(pledge.status) ? await pledges.setPledgeStatus(input.communityId, pledge, to) : null;
  if (!changed) throw new AppError('fund.pledge_conflict', `A ${pledge.status} pledge cannot ${input.action}`);
  return changed;
}

/** The China-time day of the month. */
export function chinaDayOfMonth(now: Date): number {
  return new Date(startOfChinaDay(now).getTime() + 8 * 3600_000).getUTCDate();
}

/** A day the job missed is caught up within this many days (while still in the same China-time month). */
export const PLEDGE_CATCH_UP_DAYS = 7;

/**
 * Daily: every active pledge due today — or on one of the last {@link PLEDGE_CATCH_UP_DAYS} days of
 * this China-time month, if the job did not run that day — gets this month's donation order (paid
 * like any order) and a notification, at most once a month however often the job runs. A pledge made
 * after its day this month starts next month. A community whose fund has no legal holder valid today
 * (慈善法) gets none: its pledges wait, and are caught up once it has one. Returns how many orders were created.
 */
export async function createDuePledgeDonations(
  input: {
    now?: Date;
    getMember: (communityId: string, userId: string) => Promise<MemberRecord | null>;
    /** Whether the donor's `donor_name_public` consent stands (a pledge named publicly only while it does). */
    mayPublishName: (userId: string) => Promise<boolean>;
    /** The community's fund holder (`Community.fundHolder`), if any. */
    holderOf: (communityId: string) => Promise<FundHolder | undefined>;
  },
  pledges: PledgeStore,
): Promise<number> {
  const now = input.now ?? new Date();
  const month = chinaMonth(now);
  const today = chinaDayOfMonth(now);
  const holders = new Map<string, Promise<FundHolder | undefined>>();
  const validHolder = async (communityId: string) => {
    if (!holders.has(communityId)) holders.set(communityId, input.holderOf(communityId));
    const holder = await holders.get(communityId);
    return holder && holderValidOn(holder, chinaDate(now)) ? holder : undefined;
  };
  let created = 0;
  for (let day = Math.max(1, today - PLEDGE_CATCH_UP_DAYS + 1); day <= today; day += 1) {
    const dueDayEnds = startOfChinaDay(now).getTime() - (today - day - 1) * 24 * 3600_000;
    for (const { communityId, pledgeId } of await pledges.pledgesDueOn(day)) {
      const pledge = await pledges.getPledge(communityId, pledgeId);
      if (!pledge || pledge.status !== 'active' || pledge.lastDueMonth === month) continue;
      if (Date.parse(pledge.createdAt) >= dueDayEnds) continue;
      const holder = await validHolder(communityId);
      if (!holder) continue;
      const { getMember, mayPublishName } = input;
      if (
        await createMonthlyDonation({ communityId, pledge, month, now, holder, getMember, mayPublishName }, pledges)
      ) {
        created += 1;
      }
    }
  }
  return created;
}

/** This month's donation order and notification for one pledge; false when it already has one. */
async function createMonthlyDonation(
  input: {
    communityId: string;
    pledge: Pledge;
    month: string;
    now: Date;
    holder: FundHolder;
    getMember: (communityId: string, userId: string) => Promise<MemberRecord | null>;
    /** Whether the donor's `donor_name_public` consent stands. */
    mayPublishName: (userId: string) => Promise<boolean>;
  },
  pledges: PledgeStore,
): Promise<boolean> {
  const { communityId, pledge, month, now } = input;
  const donor = await input.getMember(communityId, pledge.donorId);
  if (!donor) return false;
  const order = donationOrder({
    donor,
    // Named only while the donor's choice stands: a withdrawn `donor_name_public` consent ends it.
    request: {
      amountFen: pledge.amountFen,
      publishName: !pledge.anonymous && (await input.mayPublishName(pledge.donorId)),
    },
    pledgeId: pledge.id,
    holder: input.holder,
    // An order id like any other (26 characters), so it is a valid WeChat out_trade_no (6–32
    // of 0-9A-Za-z_-|*); once a month is the pledge's `lastDueMonth` condition, not the id.
    id: newId(now.getTime()),
    now,
    paymentWindowMinutes: PLEDGE_PAYMENT_DAYS * 24 * 60,
  });
  const notification: NotificationDraft = {
    userId: pledge.donorId,
    communityId,
    kind: 'pledge_due',
    ...notificationText(FUND_MESSAGES, {
      key: 'pledge.due',
      values: { amountFen: pledge.amountFen, days: PLEDGE_PAYMENT_DAYS },
    }),
    objectType: 'order',
    objectId: order.id,
    orderId: order.id,
  };
  return pledges.createMonthlyDonation(communityId, pledge, order, month, notification);
}
