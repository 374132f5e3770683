import type { Effects, NotificationDraft } from '../effects';
import type {
  DonationMessage,
  FundEntry,
  FundExpense,
  FundMonth,
  Order,
  Page,
  Pledge,
  ReceiptRequest,
} from '@linli/shared';
import type { FundHead, PublicDonor } from './chain';

export interface FundStore {
  getHead(communityId: string): Promise<FundHead>;
  /**
   * Appends the entry if the head is still at `expectedSequence` (optimistic, conditional):
   * the entry, the head and the month's totals change together. `expense`, when given, moves
   * from pending to approved in the same transaction. Once per entry id: 'duplicate' when an
   * entry with this id was appended already (a retry whose first attempt went through).
   */
  append(
    communityId: string,
    entry: FundEntry,
    expectedSequence: number,
    expense?: { id: string; decidedBy: string; decidedAt: string },
    effects?: Effects,
    /** A donor who chose to be named: beside the entry, outside its hash. */
    donor?: PublicDonor,
  ): Promise<'appended' | 'conflict' | 'expense_decided' | 'duplicate'>;
  /** An entry appended through `append`, by its id. */
  getEntry(communityId: string, entryId: string): Promise<FundEntry | null>;
  /** Newest first; `messages`: the released donors' messages of the page's entries, by entry id. */
  listEntries(
    communityId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<FundEntry> & { messages: Record<string, string>; donors: Record<string, string> }>;
  /**
   * Takes `userId`'s name off every fund entry that shows it, in every community (their
   * `donor_name_public` consent withdrawn, or their account closed); the entries and the chain stay.
   * Returns how many entries it changed.
   */
  hideDonorNames(userId: string): Promise<number>;
  /** The head and the newest 60 month totals in one Query (they share the community's partition). */
  headAndMonths(communityId: string): Promise<{ head: FundHead; months: FundMonth[] }>;
  putExpense(communityId: string, expense: FundExpense, effects?: Effects): Promise<void>;
  getExpense(communityId: string, expenseId: string): Promise<FundExpense | null>;
  listExpenses(
    communityId: string,
    status: FundExpense['status'],
    cursor: string | undefined,
  ): Promise<Page<FundExpense>>;
  rejectExpense(
    communityId: string,
    expenseId: string,
    decision: { by: string; at: string; reason: string },
    effects?: Effects,
  ): Promise<FundExpense | null>;
}

/** The fund's entries of a China-time period, for its disclosure (issue 20). */
export interface FundPeriodReader {
  /**
   * The entries written in [from, to), oldest first, and the entry just before them (its balance opens
   * the period; null before the first entry). Never a Scan: a binary search by sequence, then one range.
   */
  entriesBetween(
    communityId: string,
    range: { from: string; to: string; maxEntries: number },
  ): Promise<{ before: FundEntry | null; entries: FundEntry[] }>;
}

/** 月月捐: monthly pledges and the donation order each month brings. */
export interface PledgeStore {
  createPledge(communityId: string, pledge: Pledge): Promise<void>;
  getPledge(communityId: string, pledgeId: string): Promise<Pledge | null>;
  listMemberPledges(communityId: string, memberId: string): Promise<Pledge[]>;
  setPledgeStatus(communityId: string, pledge: Pledge, to: Pledge['status']): Promise<Pledge | null>;
  pledgesDueOn(dayOfMonth: number): Promise<{ communityId: string; pledgeId: string }[]>;
  /** This month's donation order, the pledge's `lastDueMonth` and the donor's notification, together; false if already done. */
  createMonthlyDonation(
    communityId: string,
    pledge: Pledge,
    order: Order,
    month: string,
    notification: NotificationDraft,
  ): Promise<boolean>;
}

/** Donors' messages WeChat's check held (pattern 74): the office's queue and its decisions. */
export interface DonationMessageStore {
  getMessage(communityId: string, messageId: string): Promise<DonationMessage | null>;
  /** Those under review (the queue) or released (shown now), oldest first. */
  list(
    communityId: string,
    status: 'under_review' | 'released',
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<DonationMessage>>;
  /**
   * Moves the message from `expected` to `to`, and its fund entry's shown message with it (set on
   * release, taken off on removal), with the effects, in one transaction; null if it was not `expected`.
   */
  decide(
    communityId: string,
    messageId: string,
    expected: DonationMessage['status'],
    to: 'released' | 'removed',
    decision: { by: string; at: string; reason?: string },
    effects?: Effects,
  ): Promise<DonationMessage | null>;
}

/** Donors' receipt requests (捐赠票据, pattern 77) and the open one on each donation's order (78). */
export interface ReceiptRequestStore {
  /**
   * The request and its marker on the order, together — only while the order is still the paid
   * donation of `request.donorId` read as `order` (no other request opened meanwhile); false if not.
   */
  create(communityId: string, request: ReceiptRequest, order: Order): Promise<boolean>;
  get(communityId: string, requestId: string): Promise<ReceiptRequest | null>;
  /** By status, oldest first (the queue). */
  list(
    communityId: string,
    status: ReceiptRequest['status'],
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<ReceiptRequest>>;
  /** A donor's requests, newest first (at most 100). */
  listMine(communityId: string, donorId: string): Promise<ReceiptRequest[]>;
  /**
   * `requested` → `to`, on the request and its order's marker, with the effects; null if not
   * `requested`; `number_used` if the receipt number was given out before (by the same charity).
   */
  decide(
    communityId: string,
    request: ReceiptRequest,
    to: 'issued' | 'rejected',
    decision: { by: string; at: string; receiptNo?: string; reason?: string },
    effects?: Effects,
  ): Promise<ReceiptRequest | null | 'number_used'>;
}
