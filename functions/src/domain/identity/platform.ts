import {
  CommunityRules,
  DEFAULT_ACTIVITY_CATEGORIES,
  type Community,
  type CommunityAdminResponse,
  type CreateCommunityRequest,
  type Role,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { findOrCreateUser } from './login';
import { toMemberView, getCommunityOrThrow } from './communities';
import type { CommunityStore, DistrictStore, UserStore } from './ports';

/**
 * Platform operators (issue 16): the people who start communities on a Linli platform and hand
 * them to their first admin. Who they are is configuration (`PLATFORM_ADMIN_OPENIDS`), matched
 * against the caller's WeChat openid; they hold no role in any community by being operators.
 */
export async function requirePlatformOperator(
  users: UserStore,
  userId: string,
  operatorOpenids: () => Promise<Set<string>>,
): Promise<void> {
  const [user, openids] = await Promise.all([users.getUser(userId), operatorOpenids()]);
  if (!user || !openids.has(user.openid)) {
    throw new AppError('auth.forbidden', 'Only a platform operator may do this');
  }
}

/**
 * The rules a new community starts with: points per hour 10 (one point per 6 minutes, the rate
 * 青龙街's 信用币 uses), a certificate at 100 points, 10% of shop sales to the fund, minutes rounded
 * down to 15, the default activity categories — each overridable in the request.
 */
export const NEW_COMMUNITY_RULES: CommunityRules = {
  pointsPerHour: 10,
  certificateThresholdPoints: 100,
  fundShareBps: 1000,
  minuteRounding: { unitMinutes: 15, mode: 'down' },
  activityCategories: [...DEFAULT_ACTIVITY_CATEGORIES],
};

/** Starts a community: 409 `community.exists` when the id is taken (by any community, ever). */
export async function createCommunity(
  input: { request: CreateCommunityRequest; actorId: string },
  communities: CommunityStore,
  districts?: DistrictStore,
): Promise<Community> {
  const { request } = input;
  if (request.districtId && !(await districts?.getDistrict(request.districtId))) throw notFound('district');
  const community: Community = {
    id: request.id,
    name: request.name,
    currencyName: request.currencyName,
    rules: { ...NEW_COMMUNITY_RULES, ...request.rules },
    ...(request.districtId ? { districtId: request.districtId } : {}),
  };
  const outcome = await communities.createCommunity(community, {
    audit: {
      communityId: community.id,
      action: 'community.create',
      objectType: 'community',
      objectId: community.id,
      actorId: input.actorId,
      after: community,
    },
  });
  if (outcome === 'exists') throw new AppError('community.exists', `A community with the id ${community.id} exists`);
  return community;
}

const ADMIN_ROLES: Role[] = ['staff', 'admin'];

/**
 * Names a community's admin by their WeChat openid: they become admin and staff of it (a member
 * first if they were not one; a user first if they never logged in — their first login finds
 * them). Audited in the community as `community.name_admin`.
 */
export async function nameCommunityAdmin(
  input: { communityId: string; openid: string; actorId: string; now?: Date },
  dependencies: { communities: CommunityStore; users: UserStore },
): Promise<CommunityAdminResponse> {
  const { communities, users } = dependencies;
  await getCommunityOrThrow(communities, input.communityId);
  const user = await findOrCreateUser({ openid: input.openid }, users);
  const audit = (before: unknown, after: unknown) => ({
    audit: {
      communityId: input.communityId,
      action: 'community.name_admin' as const,
      objectType: 'member',
      objectId: user.id,
      actorId: input.actorId,
      before,
      after,
    },
  });
  for (let attempt = 1; ; attempt += 1) {
    const current = await communities.getMember(input.communityId, user.id);
    if (!current) {
      const member = {
        communityId: input.communityId,
        userId: user.id,
        roles: ['resident', ...ADMIN_ROLES] as Role[],
        displayName: user.nickname,
        joinedAt: (input.now ?? new Date()).toISOString(),
      };
      const { created, member: stored } = await communities.addMember(member, audit(null, member));
      if (created) return { communityId: input.communityId, member: toMemberView(stored) };
      continue;
    }
    const roles = [...new Set([...current.roles, ...ADMIN_ROLES])];
    if (roles.length === current.roles.length) return { communityId: input.communityId, member: toMemberView(current) };
    try {
      await communities.setRoles(
        input.communityId,
        user.id,
        roles,
        current.roles,
        audit(current, { ...current, roles }),
      );
      return { communityId: input.communityId, member: toMemberView({ ...current, roles }) };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'member.conflict') || attempt >= 3) throw error;
    }
  }
}
