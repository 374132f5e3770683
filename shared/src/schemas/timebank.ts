import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText, nonNegativeInt, positiveInt } from './common';
import { ActivityRequirements } from './volunteer';
import { ImageId, type ImageView } from './media';

const IsoDateTime = z.iso.datetime({ offset: false, local: false });
const MAX_ACTIVITY_MINUTES = 7 * 24 * 60;

/**
 * An activity's category: one of its community's `rules.activityCategories` ids (checked by the
 * server against the community; the schema checks the form only).
 */
export const ActivityCategory = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,23}$/, 'must be one of the community’s activity categories'));
export type ActivityCategory = z.infer<typeof ActivityCategory>;

/** A position (岗位) of an activity as staff define it: 4 cooks, 2 drivers. */
export const PositionRequest = z.strictObject({ name: humanText(30), capacity: positiveInt(1000) });
export type PositionRequest = z.infer<typeof PositionRequest>;

const Positions = z.array(PositionRequest).check(
  z.minLength(1),
  z.maxLength(10, 'at most 10 positions'),
  z.refine(
    (positions) => new Set(positions.map((one) => one?.name)).size === positions.length,
    'position names must not repeat',
  ),
);

export const CreateActivityRequest = z
  .strictObject({
    title: humanText(60),
    category: ActivityCategory,
    description: z.optional(humanText(1000)),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    location: z.optional(humanText(100)),
    capacity: z.optional(positiveInt(10_000)),
    teamId: z.optional(EntityId),
    graceMinutes: z.optional(nonNegativeInt(240)),
    /** Places to sign up for, each with its own capacity (without: `capacity` places, or unlimited). */
    positions: z.optional(Positions),
    /** Only members with a confirmed sign-up may check in (409 `checkin.not_signed_up`). */
    signupRequired: z.optional(z.boolean()),
    /** Sign-up closes then (default: when the activity starts); not after the start. */
    signupClosesAt: z.optional(IsoDateTime),
    /** Minimum age, skills, accident insurance: checked against the volunteer profile at sign-up. */
    requirements: z.optional(ActivityRequirements),
    /** A cover photo uploaded with `POST …/images` (purpose `activity_cover`). */
    coverImageId: z.optional(ImageId),
  })
  .check(
    z.refine((activity) => Date.parse(activity.endsAt) > Date.parse(activity.startsAt), {
      message: 'endsAt must be after startsAt',
      path: ['endsAt'],
    }),
    z.refine(
      (activity) =>
        activity.signupClosesAt === undefined || Date.parse(activity.signupClosesAt) <= Date.parse(activity.startsAt),
      { message: 'sign-up closes at the latest when the activity starts', path: ['signupClosesAt'] },
    ),
    z.refine(
      (activity) => Date.parse(activity.endsAt) - Date.parse(activity.startsAt) <= MAX_ACTIVITY_MINUTES * 60_000,
      { message: 'an activity lasts at most 7 days', path: ['endsAt'] },
    ),
  );
export type CreateActivityRequest = z.infer<typeof CreateActivityRequest>;

export const UpdateActivityRequest = z.strictObject({
  title: z.optional(humanText(60)),
  category: z.optional(ActivityCategory),
  description: z.optional(humanText(1000)),
  startsAt: z.optional(IsoDateTime),
  endsAt: z.optional(IsoDateTime),
  location: z.optional(humanText(100)),
  capacity: z.optional(positiveInt(10_000)),
  graceMinutes: z.optional(nonNegativeInt(240)),
  signupRequired: z.optional(z.boolean()),
  signupClosesAt: z.optional(IsoDateTime),
  requirements: z.optional(ActivityRequirements),
  /** A new cover photo, or `null` to take it off. */
  coverImageId: z.optional(z.nullable(ImageId)),
});
export type UpdateActivityRequest = z.infer<typeof UpdateActivityRequest>;

export type ActivityStatus = 'scheduled' | 'cancelled';

export interface Activity {
  id: string;
  communityId: string;
  title: string;
  category: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  location?: string;
  capacity?: number;
  teamId?: string;
  graceMinutes: number;
  /** Its positions (岗位) with the places taken: confirmed sign-ups and the waitlist. */
  positions?: ActivityPosition[];
  /** Sign-ups of an activity without positions (places: `capacity`, or unlimited). */
  signups?: { confirmed: number; waitlisted: number };
  signupRequired?: boolean;
  signupClosesAt?: string;
  requirements?: ActivityRequirements;
  status: ActivityStatus;
  attendeeCount: number;
  /** Claims of this activity approved and not reversed: while any stand, it cannot be cancelled. */
  approvedClaimCount?: number;
  createdBy: string;
  createdAt: string;
  cancelledBy?: string;
  cancelledAt?: string;
  /** An occurrence of a weekly series (`…/activity-series/{seriesId}`), on these ISO weekdays (China time). */
  seriesId?: string;
  seriesWeekdays?: number[];
  /**
   * A team leader's activity whose text WeChat's check asked a person to review (or could not check):
   * shown only to staff and its creator, no sign-up or check-in, until staff release it (issue 19).
   */
  heldForReview?: boolean;
  coverImageId?: string;
  /** Evidence photos staff attached after the event (`PUT …/activities/{aid}/evidence`). */
  evidenceImageIds?: string[];
  /** The photos as shown (each only once it may be seen by this reader). */
  cover?: ImageView;
  evidence?: ImageView[];
}

export interface ActivityPosition {
  id: string;
  name: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

export const ActivityPath = z.strictObject({ cid: CommunityId, aid: EntityId });

// ---------------------------------------------------------------- sign-up (报名)

export const SignupRequest = z.strictObject({ positionId: z.optional(EntityId) });
export type SignupRequest = z.infer<typeof SignupRequest>;

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** A member's sign-up for an activity (one per member and activity; cancelled ones may sign up again). */
export interface Signup {
  id: string;
  activityId: string;
  memberId: string;
  displayName: string;
  positionId?: string;
  status: SignupStatus;
  /** When they last signed up: the waitlist is served in this order. */
  signedUpAt: string;
  confirmedAt?: string;
  cancelledAt?: string;
  /** Promoted from the waitlist when a confirmed member cancelled. */
  promotedAt?: string;
  /** Set after the activity ended: confirmed and never checked in. */
  noShow?: boolean;
  /** Ended because the activity was cancelled (the member was told). */
  activityCancelled?: boolean;
  /** Took a free place by checking in without signing up (an activity whose capacity is its places). */
  walkIn?: boolean;
}

/** One line of the roster (名单): a sign-up or a walk-in, with where they are now. */
export interface RosterEntry {
  memberId: string;
  displayName: string;
  positionId?: string;
  /** `walk_in`: checked in without a sign-up (only where sign-up is not required). */
  status: SignupStatus | 'walk_in';
  /** 1 for the first on the waitlist of their position. */
  waitlistPosition?: number;
  attendance: 'checked_in' | 'checked_out' | 'no_show' | 'none';
  signedUpAt?: string;
  checkedInAt?: string;
  /** The claim their attendance filed (its minutes are the hours served). */
  claimId?: string;
  /** Staff only: how often this member signed up and never came (every activity of the community). */
  noShows?: number;
}

export interface RosterResponse {
  activity: Activity;
  items: RosterEntry[];
}

/** The caller's own sign-ups, soonest activity first, with the activity as it is now. */
export interface MySignup {
  activityId: string;
  status: SignupStatus;
  positionId?: string;
  positionName?: string;
  waitlistPosition?: number;
  checkedIn: boolean;
  signedUpAt: string;
  activity: Activity;
}

/** The caller's own presence at an activity (a walk-in's too): checked in, and out if so. */
export interface MyAttendance {
  status: AttendanceStatus;
  checkedInAt: string;
  checkedOutAt?: string;
}

export const MySignupsQuery = z.strictObject({ scope: z.optional(z.enum(['upcoming', 'all'])) });
export type MySignupsQuery = z.infer<typeof MySignupsQuery>;
export const ClaimPath = z.strictObject({ cid: CommunityId, claimId: EntityId });

/** What the staff screen shows: the QR payload (rotates every `stepSeconds`) and the 6-digit code. */
export interface CheckinCode {
  qr: string;
  code: string;
  expiresAt: string;
  stepSeconds: number;
}

export const CHECKIN_QR_PREFIX = 'linli-checkin';

/** `linli-checkin:{activityId}:{step}:{signature}` → the activity id the scan is for. */
export function parseCheckinQr(qr: string): { activityId: string; token: string } | null {
  const parts = qr.split(':');
  if (parts.length !== 4 || parts[0] !== CHECKIN_QR_PREFIX || !parts[1]) return null;
  return { activityId: parts[1], token: qr };
}

export const CheckinRequest = z
  .strictObject({
    activityId: EntityId,
    token: z.optional(z.string().check(z.maxLength(200))),
    code: z.optional(z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit code'))),
    direction: z.enum(['in', 'out']),
  })
  .check(
    z.refine((request) => (request.token === undefined) !== (request.code === undefined), {
      message: 'send either the scanned token or the 6-digit code',
      path: ['token'],
    }),
  );
export type CheckinRequest = z.infer<typeof CheckinRequest>;

export type AttendanceStatus = 'open' | 'closed';

export interface Attendance {
  id: string;
  activityId: string;
  memberId: string;
  status: AttendanceStatus;
  checkedInAt: string;
  checkedOutAt?: string;
  /** Closed by the system at the end of the activity: staff should look at it. */
  autoClosed?: boolean;
  /** Closed because the activity was cancelled: no claim is filed. */
  cancelled?: boolean;
  /** `office`: entered by staff for a resident who cannot scan (minutes as entered). */
  source?: 'checkin' | 'office';
  claimId?: string;
}

export const OfficeAttendanceRequest = z.strictObject({
  memberId: EntityId,
  minutes: positiveInt(24 * 60),
  note: z.optional(humanText(200)),
});
export type OfficeAttendanceRequest = z.infer<typeof OfficeAttendanceRequest>;

/** `reversed`: approved, then its points transfer was reversed by an admin. */
export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'reversed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface Claim {
  id: string;
  communityId: string;
  memberId: string;
  memberName: string;
  activityId: string;
  activityTitle: string;
  /** The activity's team, when it had one: its approval counts toward the team's hours. */
  teamId?: string;
  minutes: number;
  points: number;
  status: ClaimStatus;
  source: 'checkin' | 'office';
  flagged: boolean;
  note?: string;
  createdBy: string;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
  transferId?: string;
  reversedBy?: string;
  reversedAt?: string;
  reversalReason?: string;
  /** When its activity ended: the office must record it within 10 working days of that. */
  activityEndsAt?: string;
  /**
   * The activity as it was when the service was done (the service record's date, place, content
   * and person in charge): a later edit of the activity does not rewrite what was recorded.
   */
  activityAtService?: Pick<Activity, 'startsAt' | 'location' | 'description' | 'category' | 'createdBy'>;
  /** In the office's queue (pending claims): the China day it must be recorded by, and whether that is past. */
  recordingDeadline?: string;
  overdue?: boolean;
  /** The deadline crosses a year whose holiday calendar Linli does not ship yet (weekends only). */
  deadlineEstimated?: boolean;
}

export const ClaimsQuery = z.strictObject({
  status: z.optional(z.enum(CLAIM_STATUSES)),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
export type ClaimsQuery = z.infer<typeof ClaimsQuery>;

export const RejectClaimRequest = z.strictObject({ reason: humanText(200) });
export const BulkApproveRequest = z.strictObject({
  claimIds: z.array(EntityId).check(
    z.minLength(1),
    z.maxLength(25, 'approve at most 25 claims at once'),
    z.refine((ids) => new Set(ids).size === ids.length, 'claim ids must not repeat'),
  ),
});
export type BulkApproveRequest = z.infer<typeof BulkApproveRequest>;

export interface BulkApproveResponse {
  results: { claimId: string; status: ClaimStatus | 'failed'; error?: { code: string; message: string } }[];
}

export const RevokeCertificateRequest = z.strictObject({ reason: humanText(200) });

export const CertificatePath = z.strictObject({ cid: CommunityId, memberId: EntityId });

export interface CertificatePass {
  token: string;
  expiresAt: string;
  /** Shown beside the QR: the holder's name, and their member number (编号) when they have one. */
  holder: { displayName: string; memberNo?: number };
}

/**
 * `review`: a reversal took the member's earned points below the threshold; the pass does
 * not work until staff confirm it (reinstate) or revoke it, or the member earns back above it.
 */
export interface Certificate {
  memberId: string;
  status: 'active' | 'review' | 'revoked';
  issuedAt: string;
  revokedAt?: string;
  revokedBy?: string;
  reason?: string;
  flaggedAt?: string;
  reviewReason?: string;
}
