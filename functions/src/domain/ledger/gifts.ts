import {
  notificationText,
  LEDGER_MESSAGES,
  type Community,
  type GiftPointsRequest,
  type GiftPointsResponse,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { CommunityStore, MemberRecord } from '../identity/ports';
import { SYSTEM_ACCOUNTS, memberAccount } from './accounts';
import { postTransfer } from './ledger';
import type { LedgerStore } from './ports';
import type { Transfer } from './transfer';

/**
 * A member gives points to another member (by member id or by their short number, 编号) or to the community pool: one transfer, so the
 * giver's balance can never go below zero and a retry (same Idempotency-Key) gives once. 404 `member.not_found` for
 * nobody with that id or number here, or a closed account (its number retired).
 */
export async function giftPoints(
  input: { community: Community; giver: MemberRecord; request: GiftPointsRequest; now?: Date },
  dependencies: { ledger: LedgerStore; communities: CommunityStore },
): Promise<GiftPointsResponse> {
  const { community, giver, request } = input;
  const now = input.now ?? new Date();
  let recipient: MemberRecord | null = null;
  if (request.toMemberId !== undefined || request.toMemberNo !== undefined) {
    recipient =
      request.toMemberNo !== undefined
        ? await dependencies.communities.getMemberByNumber(community.id, request.toMemberNo)
        : await dependencies.communities.getMember(community.id, request.toMemberId ?? '');
    // A closed account's record keeps its number, retired: nobody would ever spend what it received.
    if (!recipient || recipient.closedAt !== undefined) throw notFound('member');
    if (recipient.userId === giver.userId)
      throw new AppError('ledger.gift_to_self', 'You cannot give points to yourself');
  }
  const destination = recipient ? memberAccount(recipient.userId) : SYSTEM_ACCOUNTS.pool;
  const memo = request.memo ?? (recipient ? `赠送给 ${recipient.displayName}` : '捐给社区公益积分池');
  const transfer: Transfer = {
    communityId: community.id,
    transferId: `gift:${newId(now.getTime())}`,
    kind: 'gift',
    memo,
    postings: [{ source: memberAccount(giver.userId), destination, amountPoints: request.points }],
    actorId: giver.userId,
    createdAt: now.toISOString(),
  };
  await postTransfer(dependencies.ledger, transfer, {
    notify: recipient
      ? [
          {
            userId: recipient.userId,
            communityId: community.id,
            kind: 'points_received',
            ...(request.memo === undefined
              ? notificationText(
                  LEDGER_MESSAGES,
                  {
                    key: 'gift.received_unsigned',
                    values: { points: request.points, giver: giver.displayName, recipient: recipient.displayName },
                  },
                  community.currencyName,
                )
              : notificationText(
                  LEDGER_MESSAGES,
                  { key: 'gift.received', values: { points: request.points, giver: giver.displayName, memo } },
                  community.currencyName,
                )),
            objectType: 'transfer',
            objectId: transfer.transferId,
          },
        ]
      : [],
  });
  const account = await dependencies.ledger.getAccount(community.id, memberAccount(giver.userId));
  return {
    transferId: transfer.transferId,
    points: request.points,
    to: recipient
      ? { kind: 'member', memberId: recipient.userId, displayName: recipient.displayName }
      : { kind: 'pool' },
    balancePoints: account.balancePoints,
  };
}
