import type { Effects } from '../effects';
import { randomInt } from 'node:crypto';
import { monthOf, type Good, type GoodRequest, type Redemption } from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { CommunityStore, MemberRecord } from '../identity/ports';
import { SYSTEM_ACCOUNTS, memberAccount } from '../ledger/accounts';
import type { Transfer } from '../ledger/transfer';
import type { SupermarketStore } from './ports';

export async function createGood(
  input: { communityId: string; request: GoodRequest; now?: Date },
  dependencies: { supermarket: SupermarketStore; communities: CommunityStore },
): Promise<Good> {
  let donorName: string | undefined;
  if (input.request.donorMemberId) {
    const donor = await dependencies.communities.getMember(input.communityId, input.request.donorMemberId);
    if (!donor) throw notFound('member');
    donorName = donor.displayName;
  }
  const now = input.now ?? new Date();
  const good: Good = {
    id: newId(now.getTime()),
    ...input.request,
    donorName,
    status: 'active',
    createdAt: now.toISOString(),
  };
  await dependencies.supermarket.createGood(input.communityId, good, {
    audit: {
      communityId: input.communityId,
      action: 'good.create',
      objectType: 'good',
      objectId: good.id,
      after: good,
    },
  });
  return good;
}

export async function restockGood(
  input: { communityId: string; goodId: string; quantity: number },
  supermarket: SupermarketStore,
): Promise<Good> {
  // One id per request (the same on every attempt with one Idempotency-Key): added once.
  const good = await supermarket.restock(input.communityId, input.goodId, input.quantity, newId(), {
    audit: {
      communityId: input.communityId,
      action: 'good.restock',
      objectType: 'good',
      objectId: input.goodId,
      after: { added: input.quantity },
    },
  });
  if (!good) throw notFound('good', 'market.good_not_found');
  return good;
}

/**
 * Redeem goods for points: the points transfer (member → community:redemption), the stock
 * decrement and the redemption with its pickup code are ONE transaction — never oversold,
 * never paid without goods. 409 market.sold_out / ledger.insufficient_funds otherwise.
 */
export async function redeem(
  input: { communityId: string; member: MemberRecord; goodId: string; quantity: number; now?: Date },
  supermarket: SupermarketStore,
): Promise<Redemption> {
  const good = await supermarket.getGood(input.communityId, input.goodId);
  if (!good || good.status !== 'active') throw notFound('good', 'market.good_not_found');
  const now = input.now ?? new Date();
  // The same id on every attempt with one Idempotency-Key: a retry finds what an attempt whose
  // reply was lost did (it may have taken the last of the stock) and answers with it.
  const id = newId(now.getTime());
  const done = async () => {
    const existing = await supermarket.getRedemption(input.communityId, id);
    return existing && existing.memberId === input.member.userId ? existing : null;
  };
  if (good.stock < input.quantity) {
    const existing = await done();
    if (existing) return existing;
    throw new AppError('market.sold_out', 'Not enough of this left');
  }
  const redemption: Redemption = {
    id,
    goodId: good.id,
    goodName: good.name,
    memberId: input.member.userId,
    memberName: input.member.displayName,
    quantity: input.quantity,
    pricePoints: good.pricePoints,
    totalPoints: good.pricePoints * input.quantity,
    valueFen: good.valueFen * input.quantity,
    pickupCode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    status: 'reserved',
    createdAt: now.toISOString(),
  };
  const transfer: Transfer = {
    communityId: input.communityId,
    transferId: `redemption:${redemption.id}`,
    kind: 'redemption',
    memo: `${good.name} × ${input.quantity}`,
    postings: [
      {
        source: memberAccount(input.member.userId),
        destination: SYSTEM_ACCOUNTS.redemption,
        amountPoints: redemption.totalPoints,
      },
    ],
    actorId: input.member.userId,
    createdAt: redemption.createdAt,
  };
  const outcome = await supermarket.redeem(input.communityId, redemption, transfer, {
    stats: [
      {
        communityId: input.communityId,
        month: monthOf(now),
        section: 'MARKET',
        add: { exchanges: 1, exchangeValueFen: redemption.valueFen },
      },
    ],
    notify: [
      {
        userId: redemption.memberId,
        communityId: input.communityId,
        kind: 'redemption_ready',
        title: `${good.name} 可以领取了`,
        body: `凭取货码 ${redemption.pickupCode} 到社区诚信超市领取`,
        objectType: 'redemption',
        objectId: redemption.id,
      },
    ],
  });
  if (outcome === 'duplicate') {
    const existing = await done();
    if (!existing) throw new AppError('market.redemption_exists', 'This redemption has been made already');
    return existing;
  }
  return redemption;
}

/** The resident changes their mind before pickup: points and stock come back, together. */
export async function cancelRedemption(
  input: { communityId: string; redemptionId: string; memberId: string; now?: Date },
  supermarket: SupermarketStore,
): Promise<Redemption> {
  const redemption = await supermarket.getRedemption(input.communityId, input.redemptionId);
  if (!redemption) throw notFound('redemption', 'market.redemption_not_found');
  if (redemption.memberId !== input.memberId) throw forbidden('Only the resident who redeemed may cancel');
  if (redemption.status !== 'reserved')
    throw new AppError('market.not_reserved', 'Only a redemption not yet picked up can be cancelled');
  const at = (input.now ?? new Date()).toISOString();
  const refund: Transfer = {
    communityId: input.communityId,
    transferId: `redemption-cancel:${redemption.id}`,
    kind: 'reversal',
    memo: `取消兑换 ${redemption.goodName}`,
    postings: [
      {
        source: SYSTEM_ACCOUNTS.redemption,
        destination: memberAccount(redemption.memberId),
        amountPoints: redemption.totalPoints,
      },
    ],
    actorId: input.memberId,
    createdAt: at,
    reversesTransferId: `redemption:${redemption.id}`,
  };
  const effects: Effects = {
    stats: [
      {
        communityId: input.communityId,
        month: monthOf(redemption.createdAt),
        section: 'MARKET',
        add: { exchanges: -1, exchangeValueFen: -redemption.valueFen },
      },
    ],
  };
  if (!(await supermarket.cancel(input.communityId, redemption, refund, at, effects))) {
    throw new AppError('market.not_reserved', 'Only a redemption not yet picked up can be cancelled');
  }
  return { ...redemption, status: 'cancelled', cancelledAt: at };
}

/** Staff hand the goods over against the resident's pickup code. */
export async function pickUpRedemption(
  input: { communityId: string; redemptionId: string; pickupCode: string; actorId: string },
  supermarket: SupermarketStore,
): Promise<Redemption> {
  const existing = await supermarket.getRedemption(input.communityId, input.redemptionId);
  if (!existing) throw notFound('redemption', 'market.redemption_not_found');
  if (existing.status !== 'reserved')
    throw new AppError('market.not_reserved', 'This redemption is not waiting for pickup');
  const picked = await supermarket.pickUp(
    input.communityId,
    input.redemptionId,
    input.pickupCode,
    { by: input.actorId, at: new Date().toISOString() },
    {
      audit: {
        communityId: input.communityId,
        action: 'redemption.hand_over',
        objectType: 'redemption',
        objectId: input.redemptionId,
        before: withoutPickupCode(existing),
        after: { ...withoutPickupCode(existing), status: 'picked_up', handedOverBy: input.actorId },
      },
    },
  );
  if (!picked) throw new AppError('market.wrong_pickup_code', 'The pickup code does not match');
  return picked;
}

/** Staff lists never show pickup codes: the resident shows theirs at the counter. */
export const withoutPickupCode = (redemption: Redemption): Redemption => ({ ...redemption, pickupCode: '******' });
