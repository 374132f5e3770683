import type { Effects } from '../effects';
import type {
  Complaint,
  Contribution,
  DiscountUse,
  Good,
  Leaderboard,
  MerchantDetail,
  MerchantPost,
  MerchantStatus,
  Offer,
  Page,
  ProxyFlag,
  Redemption,
} from '@linli/shared';
import type { TransferGuards } from '../ledger/ports';
import type { Transfer } from '../ledger/transfer';

export interface StaffDecision {
  by: string;
  at: string;
  reason?: string;
}

export interface MerchantStore {
  createMerchant(merchant: MerchantDetail): Promise<void>;
  getMerchant(communityId: string, merchantId: string): Promise<MerchantDetail | null>;
  listMerchantsByStatus(
    communityId: string,
    status: MerchantStatus,
    cursor: string | undefined,
  ): Promise<Page<MerchantDetail>>;
  /** Moves the merchant to `to` only from one of `from`; null when its status did not allow it. */
  transition(
    communityId: string,
    merchantId: string,
    from: readonly MerchantStatus[],
    to: MerchantStatus,
    decision: StaffDecision,
    effects?: Effects,
  ): Promise<MerchantDetail | null>;
  updateOffer(communityId: string, merchantId: string, offer: Offer): Promise<MerchantDetail | null>;
  updateStorefront(communityId: string, merchantId: string, imageId: string | null): Promise<MerchantDetail | null>;
  addStaff(communityId: string, merchantId: string, userId: string): Promise<void>;
  isStaff(communityId: string, merchantId: string, userId: string): Promise<boolean>;
  listMyMerchants(communityId: string, userId: string): Promise<MerchantDetail[]>;
}

export interface DiscountStore {
  usesOfMemberSince(communityId: string, memberId: string, sinceIso: string): Promise<DiscountUse[]>;
  /** The use, the merchant's use count and the flag (if any), in one transaction. */
  recordUse(
    communityId: string,
    use: DiscountUse,
    flag: ProxyFlag | null,
    effects?: Effects,
  ): Promise<'recorded' | 'duplicate'>;
  getUse(communityId: string, useId: string): Promise<DiscountUse | null>;
  listMerchantUses(communityId: string, merchantId: string, cursor: string | undefined): Promise<Page<DiscountUse>>;
  listFlags(communityId: string, status: ProxyFlag['status'], cursor: string | undefined): Promise<Page<ProxyFlag>>;
  getFlag(communityId: string, flagId: string): Promise<ProxyFlag | null>;
  resolveFlag(
    communityId: string,
    flagId: string,
    outcome: 'dismissed' | 'confirmed',
    decision: StaffDecision,
    effects?: Effects,
  ): Promise<ProxyFlag | null>;
}

export interface ComplaintStore {
  /** Files the complaint and counts it on the merchant, together. */
  fileComplaint(communityId: string, complaint: Complaint): Promise<void>;
  getComplaint(communityId: string, complaintId: string): Promise<Complaint | null>;
  listComplaints(
    communityId: string,
    status: Complaint['status'],
    cursor: string | undefined,
  ): Promise<Page<Complaint>>;
  /** Resolves the complaint and applies its outcome to the merchant in one transaction. */
  resolveComplaint(
    communityId: string,
    complaint: Complaint,
    merchantChange: { outcome: NonNullable<Complaint['outcome']>; to: MerchantStatus | null; upheld: boolean },
    decision: StaffDecision,
    effects?: Effects,
  ): Promise<'resolved' | 'already_resolved'>;
}

export interface PostStore {
  createPost(communityId: string, post: MerchantPost): Promise<void>;
  listActivePosts(communityId: string, nowIso: string, cursor: string | undefined): Promise<Page<MerchantPost>>;
  /** Posts held by the content check, oldest first. */
  listHeldPosts(communityId: string, cursor: string | undefined): Promise<Page<MerchantPost>>;
  /** Under review → active (with `effects`); null when it was not held. */
  release(communityId: string, postId: string, effects: Effects): Promise<MerchantPost | null>;
  /** Active or held → taken down. */
  takeDown(
    communityId: string,
    postId: string,
    decision: StaffDecision,
    effects?: Effects,
  ): Promise<MerchantPost | null>;
}

/** A contributor's points for a month and kind, before ranking. */
export interface LeaderboardEntry {
  memberId: string;
  memberName: string;
  points: number;
}

export interface ContributionStore {
  /** The contribution record, its points transfer and the leaderboard counters, in one transaction. */
  recordContribution(
    communityId: string,
    contribution: Contribution,
    transfer: Transfer,
    month: string,
    effects?: Effects,
  ): Promise<void>;
  /** Every contributor of the month and kind with their points, unranked (ranking is `getLeaderboard`'s). */
  leaderboardEntries(communityId: string, month: string, kind: Leaderboard['kind']): Promise<LeaderboardEntry[]>;
  getContribution(communityId: string, contributionId: string): Promise<Contribution | null>;
  /**
   * Marks the contribution reversed, posts the reversing transfer and takes its points off the
   * leaderboard of `month`, in one transaction (see ClaimStore.reverseClaim for the outcomes).
   */
  reverseContribution(
    contribution: Contribution,
    reversal: Transfer,
    month: string,
    input: { guards: TransferGuards; effects: Effects },
  ): Promise<'reversed' | 'already_reversed' | 'duplicate' | 'conflict'>;
}

export interface SupermarketStore {
  createGood(communityId: string, good: Good, effects?: Effects): Promise<void>;
  getGood(communityId: string, goodId: string): Promise<Good | null>;
  listGoods(communityId: string): Promise<Good[]>;
  /** Once per `restockId` (a retry with the same id adds nothing); null when the good is not active. */
  restock(
    communityId: string,
    goodId: string,
    quantity: number,
    restockId: string,
    effects?: Effects,
  ): Promise<Good | null>;
  /** Points, stock and the redemption in ONE transaction. */
  /** 'duplicate': a redemption with this id exists already (a retry of one that went through). */
  redeem(
    communityId: string,
    redemption: Redemption,
    transfer: Transfer,
    effects?: Effects,
  ): Promise<'redeemed' | 'duplicate'>;
  getRedemption(communityId: string, redemptionId: string): Promise<Redemption | null>;
  listRedemptions(
    communityId: string,
    status: Redemption['status'],
    cursor: string | undefined,
  ): Promise<Page<Redemption>>;
  listMemberRedemptions(communityId: string, memberId: string, cursor: string | undefined): Promise<Page<Redemption>>;
  /** Returns points and stock and cancels, in ONE transaction; false if no longer reserved. */
  cancel(
    communityId: string,
    redemption: Redemption,
    refund: Transfer,
    at: string,
    effects?: Effects,
  ): Promise<boolean>;
  pickUp(
    communityId: string,
    redemptionId: string,
    pickupCode: string,
    decision: StaffDecision,
    effects?: Effects,
  ): Promise<Redemption | null>;
}
