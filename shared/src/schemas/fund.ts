import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, positiveInt } from './common';
import { ImageId, type ImageView } from './media';
import { isValidCreditCode } from '../credit-code';
import { DISCLOSURE_PERIOD_PATTERN } from '../calendar';

/** The public charity fund: a money ledger in integer fen, separate from points. */
export const FUND_INCOME_KINDS = ['sale_share', 'donation', 'pledge', 'stall'] as const;
export type FundEntryKind = (typeof FUND_INCOME_KINDS)[number] | 'expense' | 'refund';

export interface FundEntry {
  id: string;
  /** 1, 2, 3… in the order the entries were written. */
  sequence: number;
  kind: FundEntryKind;
  /** Positive for income, negative for expense and refund. */
  amountFen: number;
  balanceAfterFen: number;
  description: string;
  /**
   * Only in entries written before donors' names left the hash (2026-12): a name now shows from the
   * page's `donors`, beside the entry, so that it can be taken off when its consent is withdrawn.
   */
  donorName?: string;
  category?: string;
  approvedBy?: string;
  /** An expense's receipt photo (its view is in the page's `receipts`): part of the hashed entry. */
  receiptImageId?: string;
  createdAt: string;
  /** SHA-256 of the previous entry (64 zeros for the first): the chain anyone can check. */
  previousHash: string;
  hash: string;
}

export interface FundMonth {
  month: string;
  incomeFen: number;
  expenseFen: number;
}

export interface FundPage {
  communityId: string;
  balanceFen: number;
  incomeFen: number;
  expenseFen: number;
  entryCount: number;
  latestHash: string;
  months: FundMonth[];
  entries: FundEntry[];
  /** The receipt photos of this page's expense entries that may be shown, by image id (`receiptImageId`). */
  receipts: Record<string, ImageView>;
  /**
   * Donors' messages the office released after WeChat's check held them, by entry id: shown beside
   * the entry, outside its hash (the entry's description is the default title).
   */
  messages: Record<string, string>;
  /**
   * Donors who chose to be named, by entry id (outside the hash: withdrawing the consent, or closing the
   * account, takes the name off). A donation without a name here is shown as 匿名.
   */
  donors: Record<string, string>;
  /** The charity the fund runs under (慈善法: it, not the community office, raises public donations). */
  holder: FundHolder | null;
  /** Online donations and new pledges are taken today: a holder whose qualification is valid (China time). */
  donationsOpen: boolean;
  nextCursor: string | null;
}

/** A calendar date `YYYY-MM-DD` (a day in China time). */
export const CalendarDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  z.refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), 'must be a real date'),
);

/** A 统一社会信用代码 (GB 32100-2015): 18 characters whose last is the check character (upper-cased first). */
export const CreditCode = z
  .string()
  .check(
    z.trim(),
    z.toUpperCase(),
    z.maxLength(18, 'must be 18 characters'),
    z.refine(isValidCreditCode, 'must be an 18-character 统一社会信用代码 whose check character holds'),
  );

/**
 * The fund's legal holder (issue 20): a charitable organisation with public-fundraising qualification
 * (公开募捐资格) under which the community's fund takes donations from the public.
 */
export const FundHolder = z.strictObject({
  name: humanText(60),
  creditCode: CreditCode,
  qualification: z
    .strictObject({
      /** The qualification certificate's number (公开募捐资格证书编号), if it has one. */
      certificateNo: z.optional(humanText(60)),
      validFrom: CalendarDate,
      validUntil: CalendarDate,
    })
    .check(z.refine((valid) => valid.validFrom <= valid.validUntil, 'validUntil must not be before validFrom')),
});
export type FundHolder = z.infer<typeof FundHolder>;

/**
 * A donor's request for a donation receipt (捐赠票据) for their own paid donation: `requested` in the
 * office's queue until issued (with the receipt's number) or rejected (with a reason); `void` when
 * the donation was refunded after the receipt was issued (the paper receipt is to be handed back).
 */
export interface ReceiptRequest {
  id: string;
  orderId: string;
  donorId: string;
  /** The name or unit the receipt is made out to. */
  payerName: string;
  /** A unit's 统一社会信用代码 (its taxpayer number). */
  taxId?: string;
  amountFen: number;
  /** When the donation was paid: the receipt's date. */
  donatedAt: string;
  /** The charity that issues the receipt (the fund's holder when the donation was made). */
  holderName: string;
  holderCreditCode: string;
  status: 'requested' | 'issued' | 'rejected' | 'void';
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  receiptNo?: string;
  reason?: string;
}

export const ReceiptRequestBody = z.strictObject({
  orderId: EntityId,
  payerName: humanText(60),
  taxId: z.optional(CreditCode),
});
export type ReceiptRequestBody = z.infer<typeof ReceiptRequestBody>;

export const ReceiptRequestPath = z.strictObject({ cid: CommunityId, requestId: EntityId });

export const ReceiptRequestsQuery = z.strictObject({
  status: z.optional(z.enum(['requested', 'issued', 'rejected', 'void'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

/** The receipt's number as printed on it (票据号码). */
export const IssueReceiptRequest = z.strictObject({
  receiptNo: z.string().check(z.trim(), z.regex(/^[0-9A-Za-z-]{1,40}$/, 'letters, digits and -, at most 40')),
});

/**
 * A donation's message held for a person's review (issue 19): `under_review` in the office's queue
 * from the donation's payment until a staff member (not the donor) releases it onto the public fund
 * page or removes it; a refund of the donation takes it away.
 */
export interface DonationMessage {
  /** The donation order's id. */
  id: string;
  /** The donation's fund entry, beside which a released message shows. */
  entryId: string;
  donorId: string;
  donorName: string;
  anonymous: boolean;
  amountFen: number;
  text: string;
  status: 'under_review' | 'released' | 'removed';
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** Why it was removed. */
  reason?: string;
}

export const DonationMessagePath = z.strictObject({ cid: CommunityId, messageId: EntityId });

/** The queue (`under_review`, the default) or the messages shown now (`released`). */
export const DonationMessagesQuery = z.strictObject({
  status: z.optional(z.enum(['under_review', 'released'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const EXPENSE_CATEGORIES = ['elderly_care', 'children', 'environment', 'emergency', 'events', 'other'] as const;

export const FundExpenseRequest = z.strictObject({
  amountFen: positiveInt(100_000_000),
  purpose: humanText(200),
  category: z.enum(EXPENSE_CATEGORIES),
  receiptUrl: z.optional(z.string().check(z.regex(/^https:\/\/[^\s]{1,300}$/, 'must be an https URL'))),
  /** A photo of the receipt, uploaded with `POST …/images` (purpose `fund_receipt`): shown on the public fund page. */
  receiptImageId: z.optional(ImageId),
});
export type FundExpenseRequest = z.infer<typeof FundExpenseRequest>;

export interface FundExpense extends FundExpenseRequest {
  id: string;
  receipt?: ImageView;
  status: 'pending' | 'approved' | 'rejected';
  submittedBy: string;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  entryId?: string;
}

/** Income the office receives in person (a charity stall, cash given at the office). */
export const FundIncomeRequest = z.strictObject({
  kind: z.enum(['donation', 'stall']),
  amountFen: positiveInt(100_000_000),
  description: humanText(200),
  donorName: z.optional(humanText(40)),
  /** The donor agreed, there and then, to be named on the public fund page: otherwise shown as 匿名. */
  publishName: z.optional(z.boolean()),
});
export type FundIncomeRequest = z.infer<typeof FundIncomeRequest>;

export const ExpensePath = z.strictObject({ cid: CommunityId, id: EntityId });

export const FundExpensesQuery = z.strictObject({
  status: z.optional(z.enum(['pending', 'approved', 'rejected'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const DonationRequest = z.strictObject({
  amountFen: positiveInt(10_000_000),
  /**
   * The donor chooses, with this donation, to be named on the public fund page (recorded as their
   * `donor_name_public` consent, withdrawable): without it the donation shows as 匿名.
   */
  publishName: z.optional(z.boolean()),
  message: z.optional(humanText(100)),
});

export type DonationRequest = z.infer<typeof DonationRequest>;

/** 月月捐: a monthly pledge, due on `dayOfMonth` (1-28, China time). */
export const PledgeRequest = z.strictObject({
  amountFen: positiveInt(10_000_000),
  dayOfMonth: z.int().check(z.minimum(1), z.maximum(28)),
  /** As a donation's: each month's donation is named on the public page only if chosen. */
  publishName: z.optional(z.boolean()),
});

export type PledgeRequest = z.infer<typeof PledgeRequest>;

export const PledgePath = z.strictObject({ cid: CommunityId, pledgeId: EntityId });

export const PledgeActionRequest = z.strictObject({ action: z.enum(['pause', 'resume', 'cancel']) });

export interface Pledge {
  id: string;
  donorId: string;
  donorName: string;
  amountFen: number;
  dayOfMonth: number;
  anonymous: boolean;
  status: 'active' | 'paused' | 'cancelled';
  createdAt: string;
  /** YYYY-MM of the last month a donation order was created for. */
  lastDueMonth?: string;
}

/** `GET …/fund/disclosures/{period}`: a China-time quarter `2026-Q4` or year `2026` (issue 20). */
export const FundDisclosurePath = z.strictObject({
  cid: CommunityId,
  period: z.string().check(z.regex(DISCLOSURE_PERIOD_PATTERN, 'must be a year (2026) or a quarter (2026-Q4)')),
});
export type FundDisclosurePath = z.infer<typeof FundDisclosurePath>;

/** JSON (the default) or the workbook. */
export const FundDisclosureQuery = z.strictObject({ format: z.optional(z.enum(['json', 'xlsx'])) });
export type FundDisclosureQuery = z.infer<typeof FundDisclosureQuery>;

/** One expense (or refund) of the period under its purpose. */
export interface DisclosedExpense {
  sequence: number;
  createdAt: string;
  description: string;
  /** Positive: what left the fund. */
  amountFen: number;
  approvedBy?: string;
  receiptImageId?: string;
}

/**
 * The fund's disclosure of a China-time quarter or year (慈善组织信息公开办法): what came in by source,
 * what went out by purpose with each expense and its receipt, the balances, and the chain's head at the
 * period's end. `openingBalanceFen + incomeFen − expenseFen = closingBalanceFen`, always.
 */
export interface FundDisclosure {
  communityId: string;
  period: string;
  /** First instant of the period and first instant after it (ISO UTC); `firstDay`…`lastDay` China time, inclusive. */
  from: string;
  to: string;
  firstDay: string;
  lastDay: string;
  /** False while the period is still running: its figures are so far. */
  complete: boolean;
  generatedAt: string;
  openingBalanceFen: number;
  incomeFen: number;
  expenseFen: number;
  closingBalanceFen: number;
  incomeBySource: { kind: FundEntryKind; amountFen: number; count: number }[];
  /** Expenses by their category; refunds of sale shares and donations under `refund`. */
  expensesByPurpose: { category: string; amountFen: number; count: number; entries: DisclosedExpense[] }[];
  /** The last entry at or before the period's end (the last within it when it has entries; 0 and 64 zeros before the first). */
  chainHead: { sequence: number; hash: string };
  /** Entries within the period. */
  entryCount: number;
  /** Receipt photos that may be shown, by image id (as on the fund page). */
  receipts: Record<string, ImageView>;
}
