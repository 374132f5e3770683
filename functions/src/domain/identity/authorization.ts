import { GUARDIAN_LENT_ROLES, OFFICE_ROLES, PROXIED_ROLES, type Role } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { currentScope } from '../../lib/request-scope';
import { getCommunityOrThrow } from './communities';
import type { CommunityStore, MemberRecord } from './ports';

/** True when the member holds an office role (staff or admin) in their community. */
export const isOffice = (member: Pick<MemberRecord, 'roles'>): boolean =>
  member.roles.some((role) => OFFICE_ROLES.includes(role));

/**
 * Every community route calls this: the caller must be a member *of this community*
 * holding one of `allowedRoles` (any role when omitted). Staff of community A
 * have no power in community B because the membership read is keyed by both.
 * In a request a proxy makes for a resident (`X-Act-For`), the resident counts with their
 * resident rights only (`PROXIED_ROLES`; a guardian for their child: `GUARDIAN_LENT_ROLES`), and the
 * member returned carries those roles.
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
  const roles = rolesInThisRequest(member);
  if (allowedRoles && !roles.some((role) => allowedRoles.includes(role))) {
    throw new AppError('auth.forbidden', `This needs the role ${allowedRoles.join(' or ')} in this community`, {
      requiredRoles: allowedRoles,
    });
  }
  return roles === member.roles ? member : { ...member, roles };
}

/**
 * The member's roles, or only their resident rights when a proxy is acting for them in this request
 * (their resident and maker rights when it is the guardian who added them).
 */
function rolesInThisRequest(member: MemberRecord): Role[] {
  const scope = currentScope();
  if (scope?.onBehalfOf !== member.userId) return member.roles;
  const lent = scope.asGuardian ? GUARDIAN_LENT_ROLES : PROXIED_ROLES;
  return member.roles.filter((role) => lent.includes(role));
}

export const requireStaff = (communities: CommunityStore, communityId: string, userId: string) =>
  requireMember(communities, communityId, userId, OFFICE_ROLES);

export const requireAdmin = (communities: CommunityStore, communityId: string, userId: string) =>
  requireMember(communities, communityId, userId, ['admin']);
