import type { MemberView } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { screenStrictly, type TextChecker } from '../office/content-screening';
import { requireMember } from './authorization';
import { toMemberView } from './communities';
import type { CommunityStore, UserStore } from './ports';

/** The nickname a new membership starts with; a token whose user is gone is no longer valid. */
export async function getUserNickname(users: UserStore, userId: string): Promise<string> {
  const user = await users.getUser(userId);
  if (!user) throw new AppError('auth.token_invalid', 'This account no longer exists; please log in again');
  return user.nickname;
}

/**
 * A member corrects the name their community shows for them (issue 20: PIPL Art. 46). Others read
 * it (rosters, the certificate pass, the 光荣榜), so WeChat's check comes first: risky is 422
 * `content.rejected`; to review (or WeChat unreachable) is 422 `content.under_review` — a name cannot
 * wait hidden — unless the member is office staff. Records already written keep the name they were
 * written with (a claim's or an order's `memberName`/`buyerName` is history).
 */
export async function changeDisplayName(
  input: { communityId: string; userId: string; displayName: string },
  dependencies: { communities: CommunityStore; checker: TextChecker },
): Promise<{ member: MemberView }> {
  const member = await requireMember(dependencies.communities, input.communityId, input.userId);
  const displayName = input.displayName.trim();
  if (displayName !== member.displayName) {
    await screenStrictly(dependencies.checker, {
      userId: input.userId,
      scene: 'profile',
      texts: [displayName],
      officeAuthor: member.roles.includes('staff') || member.roles.includes('admin'),
    });
    if (!(await dependencies.communities.setDisplayName(input.communityId, input.userId, displayName))) {
      throw new AppError('auth.not_a_member', 'You have not joined this community');
    }
  }
  return { member: toMemberView({ ...member, displayName }) };
}
