import {
  notificationText,
  LEDGER_MESSAGES,
  type Claim,
  type Community,
  type Contribution,
  type ReverseTransferResponse,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import type { CertificateReviewDraft, Effects, NotificationDraft, StatsDraft } from '../effects';
import type { ContributionStore, SupermarketStore } from '../market/ports';
import { chinaMonth } from '../market/contributions';
import { reverseRedemption } from '../market/supermarket';
import type { EarnedMonth } from '../office/ports';
import type { CertificateStore, ClaimStore } from '../timebank/ports';
import { teamStatsDraft } from '../timebank/team-figures';
import { refuseOwnInterest } from '../identity/conflicts';
import { isMemberAccount, memberAccount, memberIdOf, type AccountAddress } from './accounts';
import type { LedgerStore, TransferGuards } from './ports';
import { assertValidTransfer, earnedChanges, netChanges, reversalOf, type Transfer } from './transfer';

/**
 * Reversing a transfer, with every object derived from it (issue 12, case 4). What each kind
 * carries along, in the SAME transaction as the reversing transfer:
 *  - every kind: the month's points statistics and the member's month item (earned lots,
 *    monthly cap) of the ORIGINAL's month; `debitedPoints` given back (see `debitedChange`);
 *    each member's certificate re-checked against the threshold when their earned points drop
 *    — below it an active certificate goes to `review` (pass refused, gauge down, the member
 *    notified) until staff confirm or revoke it or the member earns back above it;
 *  - `claim:{id}`: the claim `approved` → `reversed`; its activity's approved count down; the
 *    month's time-bank statistics (visits, minutes, the member out of the distinct volunteers
 *    when it was their last visit of the month); recognition's minutes; the member notified;
 *  - `contribution:{id}`: the contribution marked reversed; its leaderboard points off;
 *  - `gift:{id}`: the month's gifted points down; giver and receiver notified;
 *  - `expiry:{…}`: the month's expired points down; the member notified;
 *  - `redemption:{id}`: done as the redemption's cancellation (stock and exchange counters
 *    back, at most one refund), only before pickup.
 * Reversals themselves (`reversal`, a redemption's cancellation) are not reversed.
 */
export interface ReversalDependencies {
  ledger: LedgerStore;
  claims: ClaimStore;
  certificates: CertificateStore;
  contributions: ContributionStore;
  supermarket: SupermarketStore;
  /** The member's month item: its approved visits decide the distinct-volunteer set. */
  getEarned(communityId: string, memberId: string, month: string): Promise<EarnedMonth | null>;
}

const MAX_ATTEMPTS = 4;
const alreadyReversed = () => new AppError('ledger.already_reversed', 'This transfer has already been reversed');

/** Admin: undoes a transfer by a reversing one (at most once) and everything derived from it. */
export async function reverseTransfer(
  input: { community: Community; transferId: string; actorId: string; reason: string; now?: Date },
  dependencies: ReversalDependencies,
): Promise<ReverseTransferResponse> {
  const communityId = input.community.id;
  const original = await dependencies.ledger.getTransfer(communityId, input.transferId);
  if (!original) throw notFound('transfer', 'ledger.transfer_not_found');
  const touched = original.postings.flatMap((posting) => [posting.source, posting.destination]);
  refuseOwnInterest(
    memberAccount(input.actorId),
    touched,
    'Another admin must reverse a transfer to or from your own account',
  );
  if (original.kind === 'reversal') {
    throw new AppError('ledger.cannot_reverse_reversal', 'A reversal cannot be reversed');
  }
  if (original.kind === 'redemption') {
    const redemptionId = original.transferId.slice('redemption:'.length);
    const { transferId } = await reverseRedemption(
      { communityId, redemptionId, currencyName: input.community.currencyName, ...input },
      dependencies.supermarket,
    );
    return { transferId, certificatesUnderReview: [] };
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const reversal = reversalOf(original, {
      actorId: input.actorId,
      reason: input.reason,
      createdAt: (input.now ?? new Date()).toISOString(),
    });
    assertValidTransfer(reversal);
    if (await dependencies.ledger.getTransfer(communityId, reversal.transferId)) throw alreadyReversed();
    const checked = await certificateCheck(input.community, reversal, dependencies);
    const outcome = await postReversal({ ...input, original, reversal, checked }, dependencies);
    if (outcome === 'posted') return { transferId: reversal.transferId, certificatesUnderReview: checked.underReview };
    if (outcome === 'duplicate') throw alreadyReversed();
  }
  throw new AppError('ledger.busy', 'The accounts of this transfer are changing; please try again');
}

interface CertificateCheck {
  guards: TransferGuards;
  reviews: CertificateReviewDraft[];
  notify: NotificationDraft[];
  underReview: string[];
}

/**
 * For every member whose earned points the reversal lowers: is their active certificate still
 * earned? The decision becomes a guard (their earned points before are `<`/`>=` the limit), so a
 * concurrent change sends the reversal round again. Also refuses, up front, a reversal the
 * member's balance cannot pay (so a failed guard is always a conflict, never a shortfall).
 */
async function certificateCheck(
  community: Community,
  reversal: Transfer,
  dependencies: ReversalDependencies,
): Promise<CertificateCheck> {
  const threshold = community.rules.certificateThresholdPoints;
  const checked: CertificateCheck = { guards: { earnedPoints: new Map() }, reviews: [], notify: [], underReview: [] };
  const earned = earnedChanges(reversal.postings);
  for (const [address, changePoints] of netChanges(reversal.postings)) {
    if (!isMemberAccount(address)) continue;
    const account = await dependencies.ledger.getAccount(community.id, address);
    if (account.balancePoints + changePoints < 0) {
      throw new AppError('ledger.insufficient_funds', 'The member has already spent these points', {
        hint: 'the points can only be taken back while the member still holds them',
      });
    }
    const earnedChange = earned.get(address) ?? 0;
    if (earnedChange >= 0) continue;
    const memberId = memberIdOf(address);
    const certificate = await dependencies.certificates.getCertificate(community.id, memberId);
    if (certificate?.status !== 'active') continue;
    const limit = threshold - earnedChange;
    const below = account.earnedPoints < limit;
    checked.guards.earnedPoints!.set(address, { operator: below ? '<' : '>=', points: limit });
    if (!below) continue;
    checked.underReview.push(memberId);
    checked.reviews.push({ communityId: community.id, memberId, reason: `冲正：${reversal.memo}` });
    checked.notify.push({
      userId: memberId,
      communityId: community.id,
      kind: 'certificate_review',
      ...notificationText(LEDGER_MESSAGES, { key: 'certificate.review', values: { threshold } }),
      objectType: 'certificate',
      objectId: memberId,
    });
  }
  return checked;
}

type PostOutcome = 'posted' | 'duplicate' | 'conflict';

async function postReversal(
  input: {
    community: Community;
    original: Transfer;
    reversal: Transfer;
    checked: CertificateCheck;
    actorId: string;
    reason: string;
  },
  dependencies: ReversalDependencies,
): Promise<PostOutcome> {
  const { community, original, reversal, checked } = input;
  const effects: Effects = {
    audit: {
      communityId: community.id,
      action: 'transfer.reverse',
      objectType: 'transfer',
      objectId: original.transferId,
      before: original,
      after: { reversal, certificatesUnderReview: checked.underReview },
    },
    certificateReviews: checked.reviews,
    ...(checked.reviews.length > 0
      ? { gauges: { communityId: community.id, add: { activeCertificates: -checked.reviews.length } } }
      : {}),
    notify: checked.notify,
  };
  if (original.kind === 'claim') return reverseClaimTransfer({ ...input, effects }, dependencies);
  if (original.kind === 'contribution') return reverseContributionTransfer({ ...input, effects }, dependencies);
  effects.notify = [...checked.notify, ...balanceNotices(community, reversal)];
  return dependencies.ledger.postGuarded(reversal, effects, checked.guards);
}

/** Each member whose balance the reversal changes is told how much and why. */
function balanceNotices(community: Community, reversal: Transfer): NotificationDraft[] {
  const notices: NotificationDraft[] = [];
  for (const [address, changePoints] of netChanges(reversal.postings)) {
    if (!isMemberAccount(address)) continue;
    notices.push({
      userId: memberIdOf(address),
      communityId: community.id,
      kind: 'points_received',
      ...notificationText(
        LEDGER_MESSAGES,
        {
          key: changePoints > 0 ? 'points.reversal_returned' : 'points.reversal_taken',
          values: { points: Math.abs(changePoints), reason: reversal.memo },
        },
        community.currencyName,
      ),
      objectType: 'transfer',
      objectId: reversal.transferId,
    });
  }
  return notices;
}

async function reverseClaimTransfer(
  input: { community: Community; original: Transfer; reversal: Transfer; checked: CertificateCheck; effects: Effects },
  dependencies: ReversalDependencies,
): Promise<PostOutcome> {
  const { community, original, checked, effects } = input;
  const claim = await dependencies.claims.getClaim(community.id, original.transferId.slice('claim:'.length));
  if (!claim) throw notFound('claim');
  if (claim.status === 'reversed') throw alreadyReversed();
  if (claim.status !== 'approved') throw new AppError('claim.already_decided', 'This claim is not approved');
  const month = input.reversal.statsMonth!;
  const address: AccountAddress = `member:${claim.memberId}`;
  const earned = await dependencies.getEarned(community.id, claim.memberId, month);
  // Items written before visits were counted carry none: then the visit is not taken back there,
  // and the member stays among the month's distinct volunteers (never wrongly removed).
  const visits = earned?.volunteerVisits;
  const reversal: Transfer = visits === undefined ? { ...input.reversal, volunteerVisits: undefined } : input.reversal;
  const guards: TransferGuards = {
    ...checked.guards,
    ...(visits === undefined || !reversal.volunteerVisits ? {} : { monthVisits: new Map([[address, visits]]) }),
  };
  const lastVisit = reversal.volunteerVisits !== undefined && visits === 1;
  const timebank: StatsDraft = {
    communityId: community.id,
    month,
    section: 'TIMEBANK',
    add: { volunteerVisits: -1, volunteerMinutes: -claim.minutes },
    ...(lastVisit ? { deleteFromSet: { volunteers: [claim.memberId] } } : {}),
  };
  const outcome = await dependencies.claims.reverseClaim(claim, reversal, {
    guards,
    effects: {
      ...effects,
      stats: [
        timebank,
        ...(claim.teamId
          ? [teamStatsDraft(community.id, month, claim.teamId, { minutes: -claim.minutes, visits: -1 })]
          : []),
      ],
      notify: [...(effects.notify ?? []), claimReversedNotice(community, claim, reversal.memo)],
    },
  });
  if (outcome === 'not_approved') return 'conflict';
  return outcome === 'reversed' ? 'posted' : outcome;
}

function claimReversedNotice(community: Community, claim: Claim, reason: string): NotificationDraft {
  return {
    userId: claim.memberId,
    communityId: community.id,
    kind: 'claim_decided',
    ...notificationText(
      LEDGER_MESSAGES,
      {
        key: 'claim.reversed',
        values: { activity: claim.activityTitle, minutes: claim.minutes, points: claim.points, reason },
      },
      community.currencyName,
    ),
    objectType: 'claim',
    objectId: claim.id,
  };
}

async function reverseContributionTransfer(
  input: { community: Community; original: Transfer; reversal: Transfer; checked: CertificateCheck; effects: Effects },
  dependencies: ReversalDependencies,
): Promise<PostOutcome> {
  const { community, original, reversal, checked, effects } = input;
  const contribution: Contribution | null = await dependencies.contributions.getContribution(
    community.id,
    original.transferId.slice('contribution:'.length),
  );
  if (!contribution) throw notFound('contribution');
  if (contribution.reversedAt) throw alreadyReversed();
  const month = chinaMonth(new Date(contribution.createdAt));
  const outcome = await dependencies.contributions.reverseContribution(contribution, reversal, month, {
    guards: checked.guards,
    effects: { ...effects, notify: [...(effects.notify ?? []), ...balanceNotices(community, reversal)] },
  });
  if (outcome === 'already_reversed') throw alreadyReversed();
  return outcome === 'reversed' ? 'posted' : outcome;
}
