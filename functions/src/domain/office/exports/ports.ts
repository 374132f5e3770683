import type { Claim, DiscountUse, FundEntry, Order, Redemption, RosterResponse } from '@linli/shared';
import type { MemberRecord } from '../../identity/ports';
import type { Transfer } from '../../ledger/transfer';

/** An export's window: `fromIso` ≤ t < `toIso`, ISO instants in UTC. */
export interface TimeRange {
  fromIso: string;
  toIso: string;
}

/**
 * Read-only queries for exports. Each returns the records of the range, oldest first,
 * and stops reading once it holds `limit` records (the caller asks for one more than it
 * allows, to know the export is too large without reading everything).
 */
export interface ExportSource {
  members(communityId: string, range: TimeRange, limit: number): Promise<MemberRecord[]>;
  /** Every member's display name, for approvers, actors and ledger accounts. */
  memberNames(communityId: string): Promise<Map<string, string>>;
  approvedClaims(communityId: string, range: TimeRange, limit: number): Promise<Claim[]>;
  transfers(communityId: string, range: TimeRange, limit: number): Promise<Transfer[]>;
  redemptions(communityId: string, range: TimeRange, limit: number): Promise<Redemption[]>;
  merchantUses(communityId: string, range: TimeRange, limit: number): Promise<DiscountUse[]>;
  orders(communityId: string, range: TimeRange, limit: number): Promise<Order[]>;
  fundEntries(communityId: string, range: TimeRange, limit: number): Promise<FundEntry[]>;
  /** The ids of the activities starting in the range, oldest first. */
  activitiesStarting(communityId: string, range: TimeRange, limit: number): Promise<string[]>;
}

/**
 * One roster (sign-ups, walk-ins, check-ins) by activity id, and for an activity that needs accident
 * insurance what the insurer asks of each person: the `signups` dataset reads these.
 */
export type RosterSource = (
  communityId: string,
  activityId: string,
) => Promise<RosterResponse & { insured?: Map<string, { realName?: string; idNumber?: string; minutes?: number }> }>;
