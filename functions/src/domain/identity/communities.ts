import {
  GUARDIAN_LENT_ROLES,
  parseMemberNo,
  type Community,
  type Page,
  type JoinResponse,
  type MeResponse,
  type MemberView,
  type MyCommunities,
  type Role,
  type UpdateCommunityRequest,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { refuseOwnInterest } from './conflicts';
import type { CommunityStore, MemberRecord } from './ports';

export async function getCommunityOrThrow(communities: CommunityStore, communityId: string): Promise<Community> {
  const community = await communities.getCommunity(communityId);
  if (!community) throw notFound('community');
  return community;
}

export function toMemberView(member: MemberRecord): MemberView {
  return {
    id: member.userId,
    roles: member.roles,
    displayName: member.displayName,
    joinedAt: member.joinedAt,
    ...(member.memberNo === undefined ? {} : { memberNo: member.memberNo }),
    ...(member.offline ? { offline: true } : {}),
    ...(member.birthDate ? { birthDate: member.birthDate } : {}),
    ...(member.guardianId ? { guardianId: member.guardianId, guardianName: member.guardianName ?? '' } : {}),
  };
}

/** Joining is idempotent: a second join returns the membership as it is. */
export async function joinCommunity(
  input: { communityId: string; userId: string; displayName: string },
  communities: CommunityStore,
  now: () => Date = () => new Date(),
): Promise<JoinResponse & { created: boolean }> {
  await getCommunityOrThrow(communities, input.communityId);
  const { member, created } = await communities.addMember({
    communityId: input.communityId,
    userId: input.userId,
    roles: ['resident'],
    displayName: input.displayName,
    joinedAt: now().toISOString(),
  });
  return { member: toMemberView(member), created };
}

/**
 * Staff look a member up (`GET …/members?q=&cursor=`): members by join time, or those matching `q` —
 * part of the name, the member id, or the short number (`parseMemberNo`: `1024`, `No. 1024`). A number
 * finds its member directly (pattern 82b), first on the first page, however many members come before
 * them in the listing (the listing's filter reads at most 400 a page); names that contain the digits
 * follow, as before, the member listed once.
 */
export async function findMembers(
  input: { communityId: string; cursor?: string; q?: string },
  communities: CommunityStore,
): Promise<Page<MemberRecord>> {
  const memberNo = input.q === undefined || input.cursor ? null : parseMemberNo(input.q);
  const [page, numbered] = await Promise.all([
    communities.listMembers(input.communityId, input.cursor, input.q),
    memberNo === null ? null : communities.getMemberByNumber(input.communityId, memberNo),
  ]);
  if (!numbered) return page;
  return {
    items: [numbered, ...page.items.filter((member) => member.userId !== numbered.userId)],
    nextCursor: page.nextCursor,
  };
}

export async function getMe(communityId: string, userId: string, communities: CommunityStore): Promise<MeResponse> {
  const [community, overview] = await Promise.all([
    getCommunityOrThrow(communities, communityId),
    communities.getMemberOverview(communityId, userId),
  ]);
  if (!overview) throw new AppError('auth.not_a_member', 'You have not joined this community');
  return {
    member: toMemberView(overview.member),
    community,
    balancePoints: overview.balancePoints,
    certificate: overview.certificate,
  };
}

/**
 * Admins set roles. Nobody changes their own: dropping one's own admin role is 409
 * `member.last_admin` (the office would lock itself out), any other change of one's own roles is
 * 403 `auth.conflict_of_interest` (another admin decides it), and so is a change of the roles of a
 * child one added as guardian.
 */
export async function setMemberRoles(
  input: { communityId: string; actorId: string; memberId: string; roles: Role[] },
  communities: CommunityStore,
): Promise<{ member: MemberView }> {
  const member = await communities.getMember(input.communityId, input.memberId);
  if (!member) throw notFound('member');
  if (input.actorId === input.memberId && !input.roles.includes('admin')) {
    throw new AppError('member.last_admin', 'You cannot remove your own admin role; ask another admin');
  }
  refuseOwnInterest(input.actorId, [input.memberId], 'You cannot change your own roles; ask another admin');
  refuseOwnInterest(input.actorId, [member.guardianId], 'Another admin changes the roles of your child');
  // A child added by a guardian is a resident, and a maker at a children's stall: nothing more.
  if (member.guardianId && input.roles.some((role) => !GUARDIAN_LENT_ROLES.includes(role))) {
    throw new AppError('member.minor_role', 'A child added by a guardian can be a resident and a maker only');
  }
  const after = toMemberView({ ...member, roles: input.roles });
  await communities.setRoles(input.communityId, input.memberId, input.roles, member.roles, {
    audit: {
      communityId: input.communityId,
      action: 'member.set_roles',
      objectType: 'member',
      objectId: input.memberId,
      before: toMemberView(member),
      after,
    },
  });
  return { member: after };
}

export async function updateCommunity(
  input: { communityId: string; patch: UpdateCommunityRequest },
  communities: CommunityStore,
): Promise<Community> {
  // Strongly consistent: the audit's "before" is what was there, not a second-old copy.
  const current = await communities.getCommunity(input.communityId, { consistent: true });
  if (!current) throw notFound('community');
  const { patch } = input;
  const updated: Community = {
    ...current,
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.currencyName === undefined ? {} : { currencyName: patch.currencyName }),
    ...(typeof patch.currencyNameEn === 'string' ? { currencyNameEn: patch.currencyNameEn } : {}),
    ...(patch.office === undefined ? {} : { office: patch.office }),
    rules: { ...current.rules, ...patch.rules },
  };
  // `currencyNameEn: null` takes the English name away (the store removes a changed field left undefined).
  if (patch.currencyNameEn === null) delete updated.currencyNameEn;
  await communities.updateCommunity(
    updated,
    {
      audit: {
        communityId: input.communityId,
        action: 'community.update',
        objectType: 'community',
        objectId: input.communityId,
        before: current,
        after: updated,
      },
    },
    {
      fields: (['name', 'currencyName', 'currencyNameEn', 'office'] as const).filter(
        (field) => patch[field] !== undefined,
      ),
      rules: Object.keys(patch.rules ?? {}),
    },
  );
  return updated;
}

export async function listMyCommunities(userId: string, communities: CommunityStore): Promise<MyCommunities> {
  const memberships = await communities.listMembershipsOfUser(userId);
  const items = await Promise.all(
    memberships.map(async (member) => {
      const [community, overview] = await Promise.all([
        communities.getCommunity(member.communityId),
        communities.getMemberOverview(member.communityId, userId),
      ]);
      return community
        ? { community, member: toMemberView(member), balancePoints: overview?.balancePoints ?? 0 }
        : null;
    }),
  );
  return { items: items.filter((item) => item !== null) };
}
