// The ledger: the heart of the system — transfers of points between accounts, their reversal,
// gifts, and the reconciliation that rebuilds every balance from the postings.
import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, positiveInt } from './common';
import { MAX_MEMBER_NO } from '../member-number';

export const TransferPath = z.strictObject({
  cid: CommunityId,
  transferId: z.string().check(z.regex(/^[A-Za-z0-9_:.-]{1,128}$/, 'must be a transfer id')),
});

export type TransferKind = 'claim' | 'reversal' | 'redemption' | 'contribution' | 'adjustment' | 'gift' | 'expiry';

export interface LedgerEntry {
  transferId: string;
  amountPoints: number;
  kind: TransferKind;
  memo: string;
  createdAt: string;
}

export const ReverseTransferRequest = z.strictObject({ reason: humanText(200) });

/** What a reversal did: its transfer, and the members whose certificate it sent to staff review. */
export interface ReverseTransferResponse {
  transferId: string;
  certificatesUnderReview: string[];
}

export const GiftPointsRequest = z
  .strictObject({
    /** Another member of the community, or omit and set toPool to give to the community pool. */
    toMemberId: z.optional(EntityId),
    /** Or the other member's short number (编号, as read out on 我的: 1024). */
    toMemberNo: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_MEMBER_NO))),
    toPool: z.optional(z.boolean()),
    points: positiveInt(100_000),
    memo: z.optional(humanText(60)),
  })
  .check(
    z.refine(
      (gift) =>
        [gift.toMemberId !== undefined, gift.toMemberNo !== undefined, gift.toPool === true].filter(Boolean).length ===
        1,
      'give to exactly one of toMemberId, toMemberNo or toPool',
    ),
  );

export type GiftPointsRequest = z.infer<typeof GiftPointsRequest>;

export interface GiftPointsResponse {
  transferId: string;
  points: number;
  to: { kind: 'member'; memberId: string; displayName: string } | { kind: 'pool' };
  balancePoints: number;
}

/** A stored balance or counter that does not match what it summarises. */
export interface Drift {
  check: string;
  subject: string;
  stored: number | string;
  expected: number | string;
}

export interface ReconciliationReport {
  communityId: string;
  checkedAt: string;
  /** How many balances and counters were rebuilt and compared. */
  checks: number;
  drifts: Drift[];
}
