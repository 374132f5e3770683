import type { Contribution, ContributionRequest, Leaderboard } from '@linli/shared';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { refuseOwnInterest } from '../identity/conflicts';
import type { CommunityStore } from '../identity/ports';
import { SYSTEM_ACCOUNTS, memberAccount } from '../ledger/accounts';
import type { Transfer } from '../ledger/transfer';
import { rankTop } from './ranking';
import { startOfChinaDay } from './verification';
import type { ContributionStore } from './ports';

/** `2026-11` in China Standard Time. */
export function chinaMonth(at: Date): string {
  return new Date(startOfChinaDay(at).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/**
 * Staff record a contribution of labour, goods or money by any member (resident, merchant,
 * organisation, company); its points are issued through the ledger with the record.
 * Never for themselves nor a child they added as guardian (403 `auth.conflict_of_interest`):
 * another staff member records it.
 */
export async function recordContribution(
  input: { communityId: string; actorId: string; request: ContributionRequest; now?: Date },
  dependencies: { contributions: ContributionStore; communities: CommunityStore },
): Promise<Contribution> {
  refuseOwnInterest(input.actorId, [input.request.memberId], 'Another staff member must record your own contribution');
  const [member, community] = await Promise.all([
    dependencies.communities.getMember(input.communityId, input.request.memberId),
    dependencies.communities.getCommunity(input.communityId),
  ]);
  if (!member) throw notFound('member');
  refuseOwnInterest(input.actorId, [member.guardianId], 'Another staff member must record your child’s contribution');
  const cap = community?.rules.monthlyCapPoints;
  const now = input.now ?? new Date();
  const contribution: Contribution = {
    id: newId(now.getTime()),
    ...input.request,
    memberName: member.displayName,
    recordedBy: input.actorId,
    createdAt: now.toISOString(),
  };
  const transfer: Transfer = {
    communityId: input.communityId,
    transferId: `contribution:${contribution.id}`,
    kind: 'contribution',
    memo: contribution.description,
    postings: [
      {
        source: SYSTEM_ACCOUNTS.issuance,
        destination: memberAccount(member.userId),
        amountPoints: contribution.points,
      },
    ],
    actorId: input.actorId,
    createdAt: contribution.createdAt,
    ...(cap ? { capPoints: cap } : {}),
  };
  await dependencies.contributions.recordContribution(input.communityId, contribution, transfer, chinaMonth(now), {
    audit: {
      communityId: input.communityId,
      action: 'contribution.record',
      objectType: 'contribution',
      objectId: contribution.id,
      after: contribution,
    },
  });
  return contribution;
}

/** How many places the leaderboard shows (more when a tie straddles the last place). */
export const LEADERBOARD_PLACES = 20;

/**
 * The month's contributors of one kind (or all), most points first, in standard competition
 * ranking (777, 777, 776 → 2, 2, 4); everyone ranked within the top 20 is listed, so a tie at
 * the last place is never split (`rankTop`). Within a tie: by name, then member id.
 */
export async function getLeaderboard(
  input: { communityId: string; month?: string; kind?: Leaderboard['kind']; now?: Date },
  contributions: ContributionStore,
): Promise<Leaderboard> {
  const month = input.month ?? chinaMonth(input.now ?? new Date());
  const kind = input.kind ?? 'all';
  const entries = await contributions.leaderboardEntries(input.communityId, month, kind);
  const items = rankTop(entries, {
    score: (entry) => entry.points,
    limit: LEADERBOARD_PLACES,
    tieOrder: (left, right) =>
      left.memberName.localeCompare(right.memberName, 'zh-Hans-CN') || left.memberId.localeCompare(right.memberId),
  });
  return { month, kind, items };
}
