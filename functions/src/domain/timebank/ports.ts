import type { Effects } from '../effects';
import type { Activity, Attendance, Certificate, Claim, Page } from '@linli/shared';
import type { Transfer } from '../ledger/transfer';

/** An activity as stored: the check-in secret never leaves the server. */
export interface ActivityRecord extends Activity {
  checkinSecret: string;
}

export interface ActivityStore {
  createActivity(activity: ActivityRecord, effects?: Effects): Promise<void>;
  getActivity(communityId: string, activityId: string): Promise<ActivityRecord | null>;
  listActivities(communityId: string, fromIso: string, cursor: string | undefined): Promise<Page<ActivityRecord>>;
  /** Saves edits while the activity is still scheduled and its capacity covers who came. */
  saveActivity(activity: ActivityRecord, effects?: Effects): Promise<'saved' | 'not_scheduled' | 'below_attendance'>;
  cancelActivity(communityId: string, activityId: string, effects?: Effects): Promise<'cancelled' | 'not_scheduled'>;
  activitiesDueForAutoClose(nowIso: string): Promise<{ communityId: string; activityId: string }[]>;
  markAutoCloseDone(communityId: string, activityId: string): Promise<void>;
}

export interface AttendanceStore {
  getAttendance(communityId: string, activityId: string, memberId: string): Promise<Attendance | null>;
  /** Opens the attendance and counts it against capacity, in one transaction. */
  checkIn(communityId: string, attendance: Attendance): Promise<'created' | 'exists' | 'full' | 'not_scheduled'>;
  /** Closes an open attendance and files its claim, in one transaction. */
  checkOut(communityId: string, attendance: Attendance, claim: Claim): Promise<'closed' | 'not_open'>;
  listOpenAttendances(communityId: string, activityId: string): Promise<Attendance[]>;
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
  /** The claim's status and its points transfer change together or not at all. */
  approveClaim(
    claim: Claim,
    decision: Decision,
    transfer: Transfer | null,
    effects?: Effects,
  ): Promise<'approved' | 'already_decided'>;
  rejectClaim(claim: Claim, decision: Decision, effects?: Effects): Promise<'rejected' | 'already_decided'>;
}

export interface CertificateStore {
  getCertificate(communityId: string, memberId: string): Promise<Certificate | null>;
  /** Creates an active certificate unless one exists (a revoked one stays revoked). */
  issueCertificate(communityId: string, memberId: string, issuedAt: string, effects?: Effects): Promise<boolean>;
  setCertificateStatus(
    communityId: string,
    memberId: string,
    change: { from: Certificate['status']; to: Certificate['status']; by: string; at: string; reason?: string },
    effects?: Effects,
  ): Promise<Certificate | null>;
}
