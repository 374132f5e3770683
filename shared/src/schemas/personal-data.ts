import * as z from 'zod/mini';
import { personName } from './common';

/**
 * "My data" (PIPL Art. 44–45): everything Linli holds about one person, as `GET /v1/me/data-export`
 * answers it — the person's own records as the table keeps them (table keys removed), across every
 * community they belong to. Every section is an array (a one-of record such as the volunteer
 * profile: zero or one element), so a reader never has to tell "none" from "absent".
 *
 * Left out on purpose (README "Personal data (issue 20)"): the WeChat openid and unionid and the
 * WeChat session key (identifiers of the login, not information about the person — on the dev stage
 * the openid alone logs in), and the sealed form of the ID number (the ID number itself is there, in
 * full: it is the person's). Others' records that merely mention the person (an activity's roster, the
 * office's audit log) are the community's, not in the export.
 */
export interface DataExport {
  /** ISO-8601 UTC time the export was read. */
  exportedAt: string;
  userId: string;
  /** The user record: id, nickname, createdAt (no openid). */
  profile: ExportRecord;
  /** The privacy-guide consents, every version ever accepted or withdrawn. */
  consents: ExportRecord[];
  /**
   * The in-app inbox, every notification kept, newest first: each its Chinese title and body and (since
   * issue 21) its `message`, the text's key and values.
   */
  notifications: ExportRecord[];
  /** WeChat subscribe-message permissions (credits per kind), zero or one record. */
  subscriptions: ExportRecord[];
  /** Districts (街道) the person is an officer of. */
  districts: ExportRecord[];
  communities: CommunityDataExport[];
}

/** One stored record, without its table keys (fields as in the API's own types). */
export type ExportRecord = Record<string, unknown>;

/** What one community holds about the person. */
export interface CommunityDataExport {
  communityId: string;
  name: string;
  /** The member record: member number (`memberNo`), roles, display name, joinedAt, phone if the office recorded one. */
  membership: ExportRecord;
  /** The points account (balance, earned, debited): zero or one. */
  accounts: ExportRecord[];
  /** The alliance certificate (达标证书) and its status: zero or one. */
  certificates: ExportRecord[];
  /** 志愿者资料 with the ID number in full (`idNumber`): zero or one. */
  volunteerProfile: ExportRecord[];
  /** Volunteer-hour claims, every status (the service record is the approved ones). */
  claims: ExportRecord[];
  /** Points and minutes per month (monthly caps, expiry lots). */
  earnedMonths: ExportRecord[];
  signups: ExportRecord[];
  teams: ExportRecord[];
  /** The points account's postings, newest first. */
  ledger: ExportRecord[];
  redemptions: ExportRecord[];
  /** Artisan-shop orders (not donations). */
  orders: ExportRecord[];
  /** One-off and monthly-pledge donations (orders of kind `donation`). */
  donations: ExportRecord[];
  pledges: ExportRecord[];
  /** Donation receipts (捐赠票据) asked for: the payer name and tax id given, the status and number. */
  receiptRequests: ExportRecord[];
  /** Corrections of the service record and certificate requests. */
  recordRequests: ExportRecord[];
  /** 志愿服务记录证明 issued to the person. */
  serviceCertificates: ExportRecord[];
  /** Who acts for the person (they are the resident). */
  proxiesActingForMe: ExportRecord[];
  /** Whom the person acts for (they are the proxy). */
  proxiesIActFor: ExportRecord[];
  /** The merchants the person is staff of. */
  merchantRoles: ExportRecord[];
  /** Alliance discounts the person used. */
  discountUses: ExportRecord[];
  complaints: ExportRecord[];
  contributions: ExportRecord[];
  /** Handmade goods the person listed, and their maker account (sales, earnings). */
  products: ExportRecord[];
  makerAccounts: ExportRecord[];
  /** Photos the person uploaded (the record; the files are at their URLs in the app). */
  photos: ExportRecord[];
  /**
   * The children under 14 the person added here as guardian (`addChild`): what is held about each,
   * as for the person — the guardian exercises the child's right to a copy (PIPL Art. 31, 45).
   */
  children: ChildDataExport[];
}

/** What one community holds about a child the person is guardian of (their own record has no children). */
export type ChildDataExport = Omit<CommunityDataExport, 'children'>;

/** The display name a member corrects (others read it: it goes through the content check). */
export const DisplayNameRequest = z.strictObject({ displayName: personName(32) });
export type DisplayNameRequest = z.infer<typeof DisplayNameRequest>;

/** `POST /v1/me/close-account`: the person confirms, after the app's confirmation step. */
export const CloseAccountRequest = z.strictObject({ confirm: z.literal(true) });
export type CloseAccountRequest = z.infer<typeof CloseAccountRequest>;

/** What closing did: when, and the points moved to each community's pool. */
export interface CloseAccountResponse {
  closedAt: string;
  pointsToPool: { communityId: string; points: number }[];
}

/** One reason an account cannot close yet (409 `account.open_obligations`, in `details.obligations`). */
export interface OpenObligation {
  /**
   * `maker_owed`: the shop still owes the maker their share of sales (a payout first);
   * `maker_order_open`: a buyer's order of the maker's goods is unpaid or not handed over yet.
   */
  kind: 'order_unpaid' | 'order_unfulfilled' | 'pledge_active' | 'maker_owed' | 'maker_order_open';
  communityId: string;
  /** The order's or the pledge's id (the maker's user id for `maker_owed`). */
  id: string;
}

/** The name shown wherever a closed account's name stood (rosters, the office's lists). */
export const CLOSED_ACCOUNT_NAME = '已注销用户';
