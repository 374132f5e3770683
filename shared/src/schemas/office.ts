import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText } from './common';
import type { TeamFigures, TeamRecognition } from './teams';

/** A calendar month in China time, `2026-11`. */
export const Month = z.string().check(z.regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'must be a month like 2026-11'));
/** A calendar day in China time, `2026-11-22`. */
export const Day = z
  .string()
  .check(z.regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day like 2026-11-22'));

// ---------------------------------------------------------------- statistics

export const StatsQuery = z.strictObject({ from: z.optional(Month), to: z.optional(Month) });
export type StatsQuery = z.infer<typeof StatsQuery>;

/** One community's figures for one month. Points are integers, money integer fen. */
export interface MonthlyStats {
  month: string;
  activities: number;
  volunteerVisits: number;
  distinctVolunteers: number;
  volunteerMinutes: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsGifted: number;
  /** Member balances at the end of the month (issued − redeemed − expired, cumulative). */
  pointsOutstanding: number;
  certificatesIssued: number;
  discountUses: number;
  merchantsGivingDiscounts: number;
  exchanges: number;
  exchangeValueFen: number;
  shopOrders: number;
  shopSalesFen: number;
  shopRefundsFen: number;
  fundIncomeFen: number;
  fundExpenseFen: number;
  /** Fund balance at the end of the month. */
  fundBalanceFen: number;
}

export interface StatsResponse {
  communityId: string;
  currencyName: string;
  from: string;
  to: string;
  /** Oldest first, one entry per month of the range (zeros where nothing happened). */
  months: MonthlyStats[];
  current: {
    members: number;
    pointsOutstanding: number;
    activeCertificates: number;
    activeMerchants: number;
    fundBalanceFen: number;
    /** The office dashboard only: claims waiting to be recorded, and those past their 10-working-day deadline. */
    pendingClaims?: number;
    overdueClaims?: number;
  };
  /** Each volunteer team's minutes and visits over the range, most minutes first (the community's statistics). */
  teams?: TeamFigures[];
}

/** A district's (街道) figures: per community and in total, over a range of months. */
export interface DistrictTotals {
  /** Sums over the range. */
  activities: number;
  volunteerVisits: number;
  volunteerMinutes: number;
  pointsIssued: number;
  pointsRedeemed: number;
  certificatesIssued: number;
  exchanges: number;
  shopOrders: number;
  shopSalesFen: number;
  fundIncomeFen: number;
  fundExpenseFen: number;
  /** As of now. */
  members: number;
  pointsOutstanding: number;
  activeCertificates: number;
  fundBalanceFen: number;
}

export interface DistrictStatsResponse {
  districtId: string;
  name: string;
  from: string;
  to: string;
  communities: {
    id: string;
    name: string;
    currencyName: string;
    totals: DistrictTotals;
    /** This community's months, as its office's dashboard shows them. */
    months: MonthlyStats[];
  }[];
  totals: DistrictTotals;
  /** The district's months: each month's flows summed over its communities (stocks at month end, summed). */
  months: MonthlyStats[];
}

/** `GET /v1/districts/{did}/exports/stats`: months of the range, one row per community and month. */
export const DistrictExportQuery = z.strictObject({
  from: z.optional(Month),
  to: z.optional(Month),
  format: z.optional(z.enum(['csv', 'xlsx'])),
});
export type DistrictExportQuery = z.infer<typeof DistrictExportQuery>;

// ---------------------------------------------------------------- exports

export const EXPORT_DATASETS = [
  'members',
  'hours',
  'ledger',
  'redemptions',
  'merchant-uses',
  'orders',
  'fund',
  'signups',
  'service-records',
] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const ExportPath = z.strictObject({ cid: CommunityId, dataset: z.enum(EXPORT_DATASETS) });
export const ExportQuery = z.strictObject({
  /** Inclusive, China time. */
  from: Day,
  /** Inclusive, China time. */
  to: Day,
  format: z.optional(z.enum(['csv', 'xlsx'])),
  /** `signups` only: the roster of this one activity (its days need not match `from`..`to`). */
  activityId: z.optional(EntityId),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

// ---------------------------------------------------------------- audit log

export const AuditQuery = z.strictObject({
  actorId: z.optional(EntityId),
  action: z.optional(z.string().check(z.regex(/^[a-z_]{2,30}\.[a-z_]{2,30}$/, 'must be an action like claim.approve'))),
  objectType: z.optional(z.string().check(z.regex(/^[a-z_]{2,30}$/, 'must be an object type like claim'))),
  objectId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_:#.-]{1,128}$/, 'must be an object id'))),
  from: z.optional(Day),
  to: z.optional(Day),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Who did what, when, to which object: written in the same transaction as the action. */
export interface AuditEntry {
  id: string;
  communityId: string;
  at: string;
  /** The person who pressed the button (`system` for scheduled jobs). */
  actorId: string;
  actorName?: string;
  /** `claim.approve`, `certificate.revoke`, `proxy.redeem`… */
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  /** Set when the actor acted for a resident through a proxy relation. */
  onBehalfOf?: string;
  onBehalfOfName?: string;
  requestId?: string;
}

// ---------------------------------------------------------------- notifications

// ---------------------------------------------------------------- points policies

export const RecognitionQuery = z.strictObject({ month: z.optional(Month) });
export const RecognizeRequest = z.strictObject({
  month: Month,
  memberIds: z.array(EntityId).check(z.minLength(1), z.maxLength(10)),
  citation: humanText(60),
});
export type RecognizeRequest = z.infer<typeof RecognizeRequest>;
export interface RecognitionCandidate {
  /** Standard competition ranking by minutes served: equal minutes share a rank (1, 2, 2, 4). */
  rank: number;
  memberId: string;
  displayName: string;
  volunteerMinutes: number;
  pointsEarned: number;
}
export interface Recognition {
  month: string;
  memberId: string;
  displayName: string;
  citation: string;
  volunteerMinutes: number;
  recognizedBy: string;
  recognizedAt: string;
}
export interface RecognitionPage {
  month: string;
  /** The month's volunteers by minutes served, most first: everyone ranked 1-20 (a tie at 20 is kept whole). */
  candidates: RecognitionCandidate[];
  recognized: Recognition[];
  /** The volunteer teams with their minutes in the month and in its year so far, most this month first. */
  teams: TeamRecognition[];
}

// ---------------------------------------------------------------- proxies (elderly residents)

// ---------------------------------------------------------------- reconciliation
