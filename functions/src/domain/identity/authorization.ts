import { OFFICE_ROLES, type Role } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { getCommunityOrThrow } from './communities';
import type { CommunityStore, MemberRecord } from './ports';

/**
 * Every community route calls this: the caller must be a member *of this community*
 * holding one of `allowedRoles` (any role when omitted). Staff of community A
 * have no power in community B because the membership read is keyed by both.
 */
export async function requireMember(
  communities: CommunityStore,
  communityId: string,
  userId: string,
  allowedRoles?: readonly Role[],
): Promise<MemberRecord> {
  const member = await communities.getMember(communityId, userId);
  if (!member) {
    await getCommunityOrThrow(communities, communityId);
    throw new AppError('auth.not_a_member', 'You have not joined this community');
  }
  if (allowedRoles && !member.roles.some((role) => allowedRoles.includes(role))) {
    throw new AppError('auth.forbidden', `This needs the role ${allowedRoles.join(' or ')} in this community`, {
      requiredRoles: allowedRoles,
    });
  }
  return member;
}

export const requireStaff = (communities: CommunityStore, communityId: string, userId: string) =>
  requireMember(communities, communityId, userId, OFFICE_ROLES);

export const requireAdmin = (communities: CommunityStore, communityId: string, userId: string) =>
  requireMember(communities, communityId, userId, ['admin']);
