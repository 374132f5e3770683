import type { Effects } from '../effects';
import { randomInt } from 'node:crypto';
import {
  monthOf,
  notificationText,
  MARKET_MESSAGES,
  type Good,
  type GoodRequest,
  type Redemption,
} from '@linli/shared';
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

/** The points a redemption costs: the member's account → community:redemption, one posting. */
function redemptionTransfer(communityId: string, redemption: Redemption): Transfer {
  return {
    communityId,
    transferId: `redemption:${redemption.id}`,
    kind: 'redemption',
    memo: `${redemption.goodName} × ${redemption.quantity}`,
    postings: [
      {
        source: memberAccount(redemption.memberId),
        destination: SYSTEM_ACCOUNTS.redemption,
        amountPoints: redemption.totalPoints,
      },
    ],
    actorId: redemption.memberId,
    createdAt: redemption.createdAt,
  };
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
  const transfer = redemptionTransfer(input.communityId, redemption);
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
        ...notificationText(MARKET_MESSAGES, {
          key: 'redemption.ready',
          values: { good: good.name, pickupCode: redemption.pickupCode },
        }),
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
  const redemption = await reservedRedemption(input.communityId, input.redemptionId, supermarket, input.memberId);
  const at = (input.now ?? new Date()).toISOString();
  const change = {
    communityId: input.communityId,
    actorId: input.memberId,
    memo: `取消兑换 ${redemption.goodName}`,
    at,
  };
  await cancelReserved(redemption, change, supermarket);
  return { ...redemption, status: 'cancelled', cancelledAt: at };
}

/**
 * An admin reverses a redemption's transfer (`redemption:{id}`): the redemption is cancelled
 * as if its resident had — points, stock and the month's exchange counters back in one
 * transaction, under the same refund id (`redemption-cancel:{id}`), so a redemption is
 * refunded at most once whichever way it is asked. Only before pickup (409 `market.not_reserved`).
 */
export async function reverseRedemption(
  input: {
    communityId: string;
    redemptionId: string;
    actorId: string;
    reason: string;
    currencyName: string;
    now?: Date;
  },
  supermarket: SupermarketStore,
): Promise<{ transferId: string }> {
  const redemption = await reservedRedemption(input.communityId, input.redemptionId, supermarket);
  const at = (input.now ?? new Date()).toISOString();
  const change = { communityId: input.communityId, actorId: input.actorId, memo: input.reason, at };
  const transferId = await cancelReserved(redemption, change, supermarket, {
    audit: {
      communityId: input.communityId,
      action: 'transfer.reverse',
      objectType: 'transfer',
      objectId: `redemption:${redemption.id}`,
      before: withoutPickupCode(redemption),
      after: { ...withoutPickupCode(redemption), status: 'cancelled', cancelledAt: at },
    },
    notify: [
      {
        userId: redemption.memberId,
        communityId: input.communityId,
        kind: 'points_received',
        ...notificationText(
          MARKET_MESSAGES,
          {
            key: 'redemption.reversed',
            values: { points: redemption.totalPoints, good: redemption.goodName, reason: input.reason },
          },
          input.currencyName,
        ),
        objectType: 'redemption',
        objectId: redemption.id,
      },
    ],
  });
  return { transferId };
}

const notReserved = () => new AppError('market.not_reserved', 'Only a redemption not yet picked up can be cancelled');

async function reservedRedemption(
  communityId: string,
  redemptionId: string,
  supermarket: SupermarketStore,
  ownerId?: string,
): Promise<Redemption> {
  const redemption = await supermarket.getRedemption(communityId, redemptionId);
  if (!redemption) throw notFound('redemption', 'market.redemption_not_found');
  if (ownerId !== undefined && redemption.memberId !== ownerId) {
    throw forbidden('Only the resident who redeemed may cancel');
  }
  if (redemption.status !== 'reserved') throw notReserved();
  return redemption;
}

/** Points and stock back and the exchange uncounted (in its own month), in one transaction; the refund's id. */
async function cancelReserved(
  redemption: Redemption,
  change: { communityId: string; actorId: string; memo: string; at: string },
  supermarket: SupermarketStore,
  extra: Effects = {},
): Promise<string> {
  const { communityId } = change;
  const refund: Transfer = {
    communityId,
    transferId: `redemption-cancel:${redemption.id}`,
    kind: 'reversal',
    memo: change.memo,
    postings: [
      {
        source: SYSTEM_ACCOUNTS.redemption,
        destination: memberAccount(redemption.memberId),
        amountPoints: redemption.totalPoints,
      },
    ],
    actorId: change.actorId,
    createdAt: change.at,
    reversesTransferId: `redemption:${redemption.id}`,
    reversesKind: 'redemption',
    statsMonth: monthOf(redemption.createdAt),
  };
  const effects: Effects = {
    ...extra,
    stats: [
      {
        communityId,
        month: monthOf(redemption.createdAt),
        section: 'MARKET',
        add: { exchanges: -1, exchangeValueFen: -redemption.valueFen },
      },
    ],
  };
  if (!(await supermarket.cancel(communityId, redemption, refund, change.at, effects))) throw notReserved();
  return refund.transferId;
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
