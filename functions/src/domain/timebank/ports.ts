import type { Effects } from '../effects';
import type { Activity, Attendance, Certificate, Claim, Page } from '@linli/shared';
import type { TransferGuards } from '../ledger/ports';
import type { Transfer } from '../ledger/transfer';
import type { Team, TeamJoinRequest, TeamMember, TeamRole } from '@linli/shared';
import type { StatsItem } from '../office/ports';

/** An activity as stored: the check-in secret never leaves the server. */
export interface ActivityRecord extends Activity {
  checkinSecret: string;
  /** Someone has checked in by scan (an uncapped activity counts them on shards, not on the item). */
  attended?: boolean;
}

/** The times that bound attendance: check-in from `startsAt − grace` to `endsAt + grace`. */
export type ActivityWindow = Pick<Activity, 'startsAt' | 'endsAt' | 'graceMinutes'>;

export interface ActivityStore {
  createActivity(activity: ActivityRecord, effects?: Effects): Promise<void>;
  getActivity(communityId: string, activityId: string): Promise<ActivityRecord | null>;
  /** The activity with its attendee count as of now (its shards summed): what the activity page shows. */
  getActivityWithLiveCount(communityId: string, activityId: string): Promise<ActivityRecord | null>;
  /** Copies the sum of an activity's attendee shards onto it, for lists (at most minutes behind). */
  foldAttendeeCount(communityId: string, activityId: string): Promise<void>;
  /** Activities whose check-in window is open now (and that someone has checked in to), for folding. */
  activitiesCheckingIn(nowIso: string): Promise<{ communityId: string; activityId: string }[]>;
  listActivities(communityId: string, fromIso: string, cursor: string | undefined): Promise<Page<ActivityRecord>>;
  /**
   * Saves edits while the activity is still scheduled, its capacity covers who came and — once
   * anyone attended — its window only widens (`window_below_attendance` otherwise).
   */
  saveActivity(
    activity: ActivityRecord,
    effects?: Effects,
  ): Promise<'saved' | 'not_scheduled' | 'below_attendance' | 'window_below_attendance'>;
  /**
   * Scheduled → cancelled unless a claim of it stands approved; queues it for settlement
   * (`activitiesToSettle`) in the same write.
   */
  cancelActivity(
    communityId: string,
    activityId: string,
    cancellation: { by: string; at: string },
    effects?: Effects,
  ): Promise<'cancelled' | 'not_scheduled' | 'has_approved_claims'>;
  activitiesDueForAutoClose(nowIso: string): Promise<{ communityId: string; activityId: string }[]>;
  markAutoCloseDone(communityId: string, activityId: string): Promise<void>;
  /** Cancelled activities whose pending claims and open attendances are not settled yet (≤ 100). */
  activitiesToSettle(): Promise<{ communityId: string; activityId: string }[]>;
  markSettled(communityId: string, activityId: string): Promise<void>;
}

export interface AttendanceStore {
  getAttendance(communityId: string, activityId: string, memberId: string): Promise<Attendance | null>;
  /** Opens the attendance and counts it against capacity, in one transaction. */
  /**
   * Records a scan check-in once. A capped activity counts it on the activity item (its capacity
   * holds in the write); an uncapped one on the member's attendee shard, touching the activity
   * item only while it is not yet `attended` — a crowd checking in writes no item they all share.
   */
  checkIn(
    communityId: string,
    attendance: Attendance,
    activity: Pick<ActivityRecord, 'capacity' | 'attended' | 'startsAt' | 'endsAt' | 'graceMinutes'>,
  ): Promise<'created' | 'exists' | 'full' | 'not_scheduled' | 'window_changed'>;
  /** Closes an open attendance and files its claim, in one transaction, while the activity is scheduled. */
  checkOut(communityId: string, attendance: Attendance, claim: Claim): Promise<'closed' | 'not_open' | 'not_scheduled'>;
  listOpenAttendances(communityId: string, activityId: string): Promise<Attendance[]>;
  /**
   * An office entry: the (closed) attendance, its claim and the capacity count in one
   * transaction, while the activity is scheduled with the `window` the minutes were checked
   * against. `replacesClaimId`: the attendance exists and its claim was rejected (a correction).
   */
  recordOfficeAttendance(
    communityId: string,
    entry: { attendance: Attendance; claim: Claim; window: ActivityWindow; replacesClaimId?: string },
    effects?: Effects,
  ): Promise<'recorded' | 'exists' | 'full' | 'not_scheduled' | 'window_changed'>;
  /** Closes an open attendance of a cancelled activity, filing no claim; false if it was not open. */
  closeCancelled(communityId: string, attendance: Attendance, at: string): Promise<boolean>;
}

export interface Decision {
  decidedBy: string;
  decidedAt: string;
  reason?: string;
}

export interface ClaimStore {
  putClaim(claim: Claim, effects?: Effects): Promise<void>;
  getClaim(communityId: string, claimId: string): Promise<Claim | null>;
  listClaims(communityId: string, status: Claim['status'], cursor: string | undefined): Promise<Page<Claim>>;
  /** The member's claims, newest first; only those in `status` when given (every status otherwise). */
  listMemberClaims(
    communityId: string,
    memberId: string,
    cursor: string | undefined,
    status?: Claim['status'],
  ): Promise<Page<Claim>>;
  /** Every pending claim of one activity (the queue, filtered: settlement of a cancellation only). */
  listPendingClaimsOfActivity(communityId: string, activityId: string): Promise<Claim[]>;
  /**
   * The claim's status, its points transfer and its activity's approved count change together
   * or not at all; `activity_cancelled` when the activity is no longer scheduled.
   */
  approveClaim(
    claim: Claim,
    decision: Decision,
    transfer: Transfer | null,
    effects?: Effects,
    /** Conditions on what the approver read (the member's earned points): `conflict` when one fails. */
    guards?: TransferGuards,
  ): Promise<'approved' | 'already_decided' | 'activity_cancelled' | 'conflict'>;
  rejectClaim(claim: Claim, decision: Decision, effects?: Effects): Promise<'rejected' | 'already_decided'>;
  /**
   * Approved → reversed with the reversing transfer, the activity's approved count and `effects`,
   * in one transaction. `not_approved`: the claim is not approved (any more); `conflict`: a guard
   * or an effect's condition failed — read again and retry.
   */
  reverseClaim(
    claim: Claim,
    reversal: Transfer,
    input: { guards: TransferGuards; effects: Effects },
  ): Promise<'reversed' | 'not_approved' | 'duplicate' | 'conflict'>;
}

export interface CertificateStore {
  getCertificate(communityId: string, memberId: string): Promise<Certificate | null>;
  /**
   * Creates an active certificate unless one exists (a revoked one stays revoked), on the
   * condition that the member's earned points still reach `thresholdPoints`.
   */
  issueCertificate(
    communityId: string,
    memberId: string,
    issuedAt: string,
    thresholdPoints: number,
    effects?: Effects,
  ): Promise<boolean>;
  /** Review → active when the member's earned points reach `thresholdPoints` again (conditional on both). */
  restoreCertificate(
    communityId: string,
    memberId: string,
    at: string,
    thresholdPoints: number,
    effects?: Effects,
  ): Promise<boolean>;
  setCertificateStatus(
    communityId: string,
    memberId: string,
    change: { from: Certificate['status']; to: Certificate['status']; by: string; at: string; reason?: string },
    effects?: Effects,
  ): Promise<Certificate | null>;
}

// ---------------------------------------------------------------- volunteer teams

/** A team as stored: `version` guards edits of its name, description and leaders. */
export interface TeamRecord extends Team {
  version: number;
}

/** An edit of a team: the record before and after, and what leadership changes on the roster. */
export interface TeamChange {
  before: TeamRecord;
  after: TeamRecord;
  /** New leaders who were not members: their memberships are created (the count grows). */
  joined: TeamMember[];
  /** Members whose role changes (named leader, or no longer one). */
  roles: { memberId: string; role: TeamRole }[];
}

export interface TeamStore {
  /** The team, its name claim and its leaders' memberships; `name_taken` when another team has the name. */
  createTeam(team: TeamRecord, leaders: TeamMember[], effects: Effects): Promise<'created' | 'name_taken'>;
  getTeam(communityId: string, teamId: string): Promise<TeamRecord | null>;
  listTeams(communityId: string): Promise<TeamRecord[]>;
  /** Saves the edit while the team is as read (`conflict` otherwise), with its roster changes. */
  updateTeam(change: TeamChange, effects: Effects): Promise<'updated' | 'name_taken' | 'conflict'>;
  getMember(communityId: string, teamId: string, memberId: string): Promise<TeamMember | null>;
  listMembers(communityId: string, teamId: string): Promise<TeamMember[]>;
  /** The member's memberships and join requests across the community's teams, in one read. */
  myTeams(communityId: string, memberId: string): Promise<{ memberships: TeamMember[]; requests: TeamJoinRequest[] }>;
  /** Adds a member (the team's count with it); a request of theirs is settled by it. */
  addMember(communityId: string, member: TeamMember, effects: Effects): Promise<'added' | 'already_member' | 'no_team'>;
  /**
   * Removes a membership and counts it off; `leaderIds` (with the team as read: `conflict` when it
   * changed) when the member was a leader.
   */
  removeMember(
    team: TeamRecord,
    member: TeamMember,
    leaderIds: string[] | null,
    effects: Effects,
  ): Promise<'removed' | 'not_member' | 'conflict'>;
  getJoinRequest(communityId: string, teamId: string, memberId: string): Promise<TeamJoinRequest | null>;
  /** The team's pending requests, oldest first. */
  listPendingRequests(communityId: string, teamId: string): Promise<TeamJoinRequest[]>;
  /** A new pending request (replacing a decided one), unless one is pending or the member is in the team. */
  putJoinRequest(
    communityId: string,
    request: TeamJoinRequest,
    effects: Effects,
  ): Promise<'created' | 'pending_exists' | 'already_member' | 'no_team'>;
  /** Pending → approved, with the membership and the team's count, in one transaction. */
  approveJoinRequest(
    communityId: string,
    request: TeamJoinRequest,
    member: TeamMember,
    effects: Effects,
  ): Promise<'approved' | 'not_pending' | 'already_member' | 'no_team'>;
  /** Pending → rejected. */
  rejectJoinRequest(
    communityId: string,
    request: TeamJoinRequest,
    effects: Effects,
  ): Promise<'rejected' | 'not_pending'>;
  /** The teams' statistics items (section TEAMS) of these months. */
  teamStats(communityId: string, months: string[]): Promise<StatsItem[]>;
  /** The team's activities starting from `fromIso`, soonest first (at most `limit`). */
  teamActivities(communityId: string, teamId: string, fromIso: string, limit: number): Promise<ActivityRecord[]>;
}
