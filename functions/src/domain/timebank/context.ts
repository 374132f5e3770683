import type { Community, Role } from '@linli/shared';
import { requireMember } from '../identity/authorization';
import { getCommunityOrThrow } from '../identity/communities';
import type { CommunityStore, MemberRecord } from '../identity/ports';

/** The community (for its rules) and the caller's membership with one of `roles`. */
export async function communityAndMember(
  communities: CommunityStore,
  communityId: string,
  userId: string,
  roles?: readonly Role[],
): Promise<{ community: Community; member: MemberRecord }> {
  const [member, community] = await Promise.all([
    requireMember(communities, communityId, userId, roles),
    getCommunityOrThrow(communities, communityId),
  ]);
  return { community, member };
}
