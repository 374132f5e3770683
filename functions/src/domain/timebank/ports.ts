import type { Effects } from '../effects';
import type { Activity, ActivitySeries, Attendance, Certificate, Claim, Page, Signup } from '@linli/shared';
import type { TransferGuards } from '../ledger/ports';
import type { Transfer } from '../ledger/transfer';
import type { Team, TeamJoinRequest, TeamMember, TeamRole } from '@linli/shared';
import type { StatsItem } from '../office/ports';

/** A position (岗位) as stored on its activity: its places are counted in `signupCounts[id]`. */
export interface StoredPosition {
  id: string;
  name: string;
  capacity: number;
}

/** One position's places: `capacity` absent = unlimited; `waiting` is the waitlist's length. */
export interface SignupCount {
  capacity?: number;
  confirmed: number;
  waiting: number;
}

/** The position key of an activity without positions: its places are the activity's `capacity`. */
export const WHOLE_ACTIVITY = 'all';

/** An activity as stored: the check-in secret never leaves the server. */
export interface ActivityRecord extends Omit<Activity, 'positions' | 'signups'> {
  checkinSecret: string;
  /** Someone has checked in by scan (an uncapped activity counts them on shards, not on the item). */
  attended?: boolean;
  positions?: StoredPosition[];
  /**
   * Sign-up places by position id ({@link WHOLE_ACTIVITY} without positions), kept on the activity
   * item so that each sign-up's condition holds in its own write (no overbooking). Absent on
   * activities made before sign-up existed: the first sign-up adds it.
   */
  signupCounts?: Record<string, SignupCount>;
}

/** A sign-up as stored, with the keys it is found by. */
export interface SignupRecord extends Signup {
  communityId: string;
  /** The activity's start when signed up: orders a member's sign-ups. */
  activityStartsAt: string;
  remindedDayBefore?: boolean;
  remindedHourBefore?: boolean;
}

export interface SignupStore {
  getSignup(communityId: string, activityId: string, memberId: string): Promise<SignupRecord | null>;
  /** Every sign-up of an activity, cancelled ones included (an activity has hundreds at most). */
  listSignups(communityId: string, activityId: string): Promise<SignupRecord[]>;
  /** The member's sign-ups whose activity starts at or after `fromIso`, soonest first (≤ 100). */
  listMemberSignups(communityId: string, memberId: string, fromIso: string): Promise<SignupRecord[]>;
  /**
   * Takes a place in the sign-up's position if one is free and nobody waits for it (`confirmed`),
   * else joins its waitlist (`waitlisted`); each in one transaction with the count on the
   * activity. `exists`: the member holds an active sign-up; `not_scheduled`: cancelled meanwhile.
   */
  signUp(
    signup: SignupRecord,
    position: string,
    initialCounts: Record<string, SignupCount>,
  ): Promise<'confirmed' | 'waitlisted' | 'exists' | 'not_scheduled'>;
  /**
   * Cancels an active sign-up; a confirmed one's place goes to `promote` (the head of its
   * position's waitlist, read by the caller) in the same transaction, with its notice.
   * `changed`: the sign-up or the waitlist changed meanwhile — read again and retry.
   */
  cancelSignup(
    current: SignupRecord,
    cancelledAt: string,
    promote: { signup: SignupRecord; effects: Effects } | null,
  ): Promise<'cancelled' | 'changed'>;
  /**
   * Confirms the head of a position's waitlist into a free place (after the capacity grew), with
   * its notice; `changed` when the place, the queue or the head changed meanwhile.
   */
  promote(head: SignupRecord, at: string, effects: Effects): Promise<'promoted' | 'changed'>;
  /** Marks a confirmed sign-up that never came (once) and counts it on the member. */
  markNoShow(communityId: string, activityId: string, memberId: string): Promise<boolean>;
  /**
   * Ends an active sign-up because its activity was cancelled, with `effects` (the member's notice)
   * in the same transaction; false when it was no longer active (so each member is told once).
   */
  closeForCancelledActivity(signup: SignupRecord, at: string, effects: Effects): Promise<boolean>;
  /**
   * Marks that the member was reminded (`day`: the day before, `hour`: an hour before), with the
   * reminder in the same transaction; false when they were already reminded or no longer confirmed.
   */
  markReminded(signup: SignupRecord, which: 'day' | 'hour', effects: Effects): Promise<boolean>;
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
  /** The community's activities starting from `fromIso` to `toIso` (inclusive; at most 500), for jobs. */
  activitiesStartingBetween(communityId: string, fromIso: string, toIso: string): Promise<ActivityRecord[]>;
  /**
   * Saves edits while the activity is still scheduled, its capacity covers who came and — once
   * anyone attended — its window only widens (`window_below_attendance` otherwise).
   */
  saveActivity(
    activity: ActivityRecord,
    effects?: Effects,
  ): Promise<'saved' | 'not_scheduled' | 'below_attendance' | 'window_below_attendance'>;
  /** Takes the hold for review off a scheduled activity (null: it is not held, or not scheduled). */
  releaseHeld(communityId: string, activityId: string, effects?: Effects): Promise<ActivityRecord | null>;
  /** Sets the evidence photos of a scheduled activity (null: it is not scheduled, or not there). */
  setEvidence(
    communityId: string,
    activityId: string,
    imageIds: string[],
    effects?: Effects,
  ): Promise<ActivityRecord | null>;
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
    activity: Pick<
      ActivityRecord,
      | 'capacity'
      | 'attended'
      | 'startsAt'
      | 'endsAt'
      | 'graceMinutes'
      | 'signupRequired'
      | 'signupCounts'
      | 'positions'
      | 'requirements'
    >,
  ): Promise<'created' | 'exists' | 'full' | 'not_scheduled' | 'window_changed' | 'not_signed_up'>;
  /** Closes an open attendance and files its claim, in one transaction, while the activity is scheduled. */
  checkOut(communityId: string, attendance: Attendance, claim: Claim): Promise<'closed' | 'not_open' | 'not_scheduled'>;
  listOpenAttendances(communityId: string, activityId: string): Promise<Attendance[]>;
  /** Every attendance of an activity, open and closed (the roster). */
  listAttendances(communityId: string, activityId: string): Promise<Attendance[]>;
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

/** A new activity with what its creation writes besides it (its audit entry, its month's count). */
export interface ActivityDraft {
  activity: ActivityRecord;
  effects?: Effects;
}

export interface ActivitySeriesStore {
  /**
   * The series and every occurrence with its effects in ONE transaction (statistics of a month
   * summed): all of them or none.
   */
  createSeries(series: ActivitySeries, occurrences: ActivityDraft[], effects?: Effects): Promise<void>;
  getSeries(communityId: string, seriesId: string): Promise<ActivitySeries | null>;
  /** The occurrences as stored (any that is missing left out), in the order of `activityIds`. */
  getOccurrences(communityId: string, activityIds: readonly string[]): Promise<ActivityRecord[]>;
  /** Saves a series' `until`, `status` and who changed it last. */
  saveSeries(series: ActivitySeries, effects?: Effects): Promise<void>;
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
