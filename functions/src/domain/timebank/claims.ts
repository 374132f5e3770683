import {
  monthOf,
  notificationText,
  TIMEBANK_MESSAGES,
  type BulkApproveResponse,
  type Claim,
  type Community,
  type Page,
} from '@linli/shared';
import type { Effects } from '../effects';
import { AppError, notFound } from '../../lib/errors';
import { refuseOwnInterest } from '../identity/conflicts';
import type { CommunityStore } from '../identity/ports';
import { SYSTEM_ACCOUNTS, memberAccount } from '../ledger/accounts';
import type { LedgerStore, TransferGuards } from '../ledger/ports';
import { earnedChanges, type Transfer } from '../ledger/transfer';
import { issueCertificateIfEligible } from './certificates';
import { withRecordingDeadline } from './service-record';
import { teamStatsDraft } from './team-figures';
import type { ActivityStore, CertificateStore, ClaimStore } from './ports';

export interface ApprovalDependencies {
  claims: ClaimStore;
  /** The claim's member: a child's guardian does not approve their hours. */
  communities: Pick<CommunityStore, 'getMember'>;
  ledger: LedgerStore;
  certificates: CertificateStore;
  activities: ActivityStore;
}

const alreadyDecided = () => new AppError('claim.already_decided', 'This claim has already been decided');
const activityCancelled = () =>
  new AppError('activity.cancelled', 'This activity was cancelled: its hours cannot be approved');

/** A decided claim: 409 `activity.cancelled` when its activity was cancelled, else `claim.already_decided`. */
async function notPending(claim: Claim, activities: ActivityStore): Promise<AppError> {
  if (claim.status !== 'rejected') return alreadyDecided();
  const activity = await activities.getActivity(claim.communityId, claim.activityId);
  return activity?.status === 'cancelled' ? activityCancelled() : alreadyDecided();
}

async function getClaimOrThrow(claims: ClaimStore, communityId: string, claimId: string): Promise<Claim> {
  const claim = await claims.getClaim(communityId, claimId);
  if (!claim) throw notFound('claim');
  return claim;
}

/** The transfer that pays a claim: points issued by the community to the member. */
export function claimTransfer(
  claim: Claim,
  actorId: string,
  createdAt: string,
  monthlyCapPoints?: number,
): Transfer | null {
  if (claim.points === 0) return null;
  return {
    volunteerMinutes: claim.minutes,
    ...(monthlyCapPoints ? { capPoints: monthlyCapPoints } : {}),
    communityId: claim.communityId,
    transferId: `claim:${claim.id}`,
    kind: 'claim',
    volunteerVisits: 1,
    memo: claim.activityTitle,
    postings: [
      { source: SYSTEM_ACCOUNTS.issuance, destination: memberAccount(claim.memberId), amountPoints: claim.points },
    ],
    actorId,
    createdAt,
  };
}

/**
 * Approves a claim: its status, its points transfer and its activity's approved count in ONE
 * transaction, so it is paid at most once even when two staff press "approve" at the same
 * moment, and never once its activity is cancelled (409 `activity.cancelled`). Staff may
 * not approve their own hours (403 `claim.own_claim`), a child's they added as guardian (403
 * `auth.conflict_of_interest`), nor an office entry they typed in themselves.
 *
 * The member's certificate is decided from what was read before the write (their account and
 * certificate, read ahead with the claim): when these points take them to the community's
 * threshold the certificate is issued after the approval; when they do not, the approval
 * carries the guard "earned points still below threshold − these points", so two approvals at
 * once cannot both conclude "not yet" while together they reach it (a failed guard reads again).
 */
export async function approveClaim(
  input: {
    community: Community;
    claimId: string;
    actorId: string;
    now?: Date;
    /** The claim as read alongside the caller's authorization (saves a round trip). */
    claim?: Claim | null;
  },
  dependencies: ApprovalDependencies,
): Promise<Claim> {
  const now = input.now ?? new Date();
  if (input.claim === null) throw notFound('claim');
  let claim = input.claim ?? (await getClaimOrThrow(dependencies.claims, input.community.id, input.claimId));
  for (let attempt = 1; ; attempt += 1) {
    const approval = await tryApproveClaim({ ...input, claim, now }, dependencies);
    if (approval) return approval;
    // A guard failed: the member's earned points changed meanwhile (another approval). Read again.
    if (attempt >= 4) throw new AppError('claim.busy', 'This member’s hours are being approved right now; try again');
    claim = await getClaimOrThrow(dependencies.claims, input.community.id, input.claimId);
  }
}

/** One attempt of {@link approveClaim}; null when what it read has changed since (read again). */
async function tryApproveClaim(
  input: { community: Community; claim: Claim; actorId: string; now: Date },
  dependencies: ApprovalDependencies,
): Promise<Claim | null> {
  const { claim, now } = input;
  if (claim.status !== 'pending') {
    // A retry of an approval that paid the points but failed before its certificate step
    // (a lost reply) must not leave the certificate out: issuing is once-only, so finish it.
    if (claim.status === 'approved') {
      await issueCertificateIfEligible({ community: input.community, memberId: claim.memberId, now }, dependencies);
    }
    throw await notPending(claim, dependencies.activities);
  }
  if (claim.memberId === input.actorId)
    throw new AppError('claim.own_claim', 'Another staff member must approve your own hours');
  const member = await dependencies.communities.getMember(claim.communityId, claim.memberId);
  refuseOwnInterest(input.actorId, [member?.guardianId], 'Another staff member must approve your child’s hours');
  if (claim.source === 'office' && claim.createdBy === input.actorId) {
    throw new AppError('claim.same_staff', 'An office entry must be approved by a different staff member');
  }
  const decision = { decidedBy: input.actorId, decidedAt: now.toISOString() };
  const transfer = claimTransfer(claim, input.actorId, decision.decidedAt, input.community.rules.monthlyCapPoints);
  const approved: Claim = { ...claim, status: 'approved', ...decision, transferId: transfer?.transferId };
  const certificate = await certificateStep(input.community, claim, transfer, dependencies);
  const effects: Effects = {
    audit: {
      communityId: claim.communityId,
      action: 'claim.approve',
      objectType: 'claim',
      objectId: claim.id,
      before: claim,
      after: approved,
    },
    stats: [
      {
        communityId: claim.communityId,
        month: monthOf(now),
        section: 'TIMEBANK',
        add: { volunteerVisits: 1, volunteerMinutes: claim.minutes },
        addToSet: { volunteers: [claim.memberId] },
      },
      ...(claim.teamId
        ? [teamStatsDraft(claim.communityId, monthOf(now), claim.teamId, { minutes: claim.minutes, visits: 1 })]
        : []),
    ],
    notify: [
      {
        userId: claim.memberId,
        communityId: claim.communityId,
        kind: 'claim_decided',
        ...notificationText(
          TIMEBANK_MESSAGES,
          {
            key: 'claim.approved',
            values: { activity: claim.activityTitle, minutes: claim.minutes, points: claim.points },
          },
          input.community.currencyName,
        ),
        objectType: 'claim',
        objectId: claim.id,
      },
    ],
  };
  const outcome = await dependencies.claims.approveClaim(claim, decision, transfer, effects, certificate.guards);
  if (outcome === 'conflict') return null;
  if (outcome === 'already_decided') throw alreadyDecided();
  if (outcome === 'activity_cancelled') throw activityCancelled();
  if (certificate.issue) {
    await issueCertificateIfEligible({ community: input.community, memberId: claim.memberId, now }, dependencies);
  }
  return approved;
}

/**
 * Whether this approval gives the member their certificate, from their account and certificate
 * as read before it: `issue` after the approval, or `guards` that keep "not yet" true at commit.
 */
async function certificateStep(
  community: Community,
  claim: Claim,
  transfer: Transfer | null,
  dependencies: ApprovalDependencies,
): Promise<{ issue: boolean; guards?: TransferGuards }> {
  const address = memberAccount(claim.memberId);
  const [account, current] = await Promise.all([
    dependencies.ledger.getAccount(community.id, address),
    dependencies.certificates.getCertificate(community.id, claim.memberId),
  ]);
  if (current && current.status !== 'review') return { issue: false };
  const credited = transfer ? (earnedChanges(transfer.postings).get(address) ?? 0) : 0;
  const threshold = community.rules.certificateThresholdPoints;
  if (account.earnedPoints + credited >= threshold) return { issue: true };
  return {
    issue: false,
    guards: { earnedPoints: new Map([[address, { operator: '<', points: threshold - credited }]]) },
  };
}

export async function rejectClaim(
  input: { communityId: string; claimId: string; actorId: string; reason: string; now?: Date },
  claims: ClaimStore,
): Promise<Claim> {
  const claim = await getClaimOrThrow(claims, input.communityId, input.claimId);
  if (claim.status !== 'pending') throw alreadyDecided();
  const decision = {
    decidedBy: input.actorId,
    decidedAt: (input.now ?? new Date()).toISOString(),
    reason: input.reason,
  };
  const rejected: Claim = { ...claim, status: 'rejected', ...decision };
  const effects: Effects = {
    audit: {
      communityId: claim.communityId,
      action: 'claim.reject',
      objectType: 'claim',
      objectId: claim.id,
      before: claim,
      after: rejected,
    },
    notify: [
      {
        userId: claim.memberId,
        communityId: claim.communityId,
        kind: 'claim_decided',
        ...notificationText(TIMEBANK_MESSAGES, {
          key: 'claim.rejected',
          values: { activity: claim.activityTitle, reason: input.reason },
        }),
        objectType: 'claim',
        objectId: claim.id,
      },
    ],
  };
  if ((await claims.rejectClaim(claim, decision, effects)) === 'already_decided') throw alreadyDecided();
  return rejected;
}

/** Approves several claims one by one; each succeeds or fails on its own. */
export async function bulkApproveClaims(
  input: { community: Community; claimIds: string[]; actorId: string },
  dependencies: ApprovalDependencies,
): Promise<BulkApproveResponse> {
  const results: BulkApproveResponse['results'] = [];
  for (const claimId of input.claimIds) {
    try {
      const claim = await approveClaim({ community: input.community, claimId, actorId: input.actorId }, dependencies);
      results.push({ claimId, status: claim.status });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ claimId, status: 'failed', error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}

/**
 * The approval queue in one status (`pending` by default, oldest first); each pending claim with
 * `recordingDeadline` (China day), `overdue` and `deadlineEstimated` ({@link withRecordingDeadline}).
 */
export async function listClaims(
  input: { communityId: string; status?: Claim['status']; cursor?: string; now?: Date },
  claims: ClaimStore,
): Promise<Page<Claim>> {
  const page = await claims.listClaims(input.communityId, input.status ?? 'pending', input.cursor);
  // Pending ones carry the day they must be recorded by (10 working days after the activity).
  const now = input.now ?? new Date();
  return { ...page, items: page.items.map((claim) => withRecordingDeadline(claim, now)) };
}
