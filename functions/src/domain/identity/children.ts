import {
  CHILD_AGE,
  isUnderChildAge,
  MAX_CHILDREN,
  type AddChildRequest,
  type ChildList,
  type MemberView,
  type ProxyRelation,
} from '@linli/shared';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { screenStrictly, type TextChecker } from '../office/content-screening';
import { isOffice, requireMember } from './authorization';
import { toMemberView } from './communities';
import type { CommunityStore, MemberRecord, ProxyStore } from './ports';

/**
 * A guardian adds a child under 14 (PIPL Art. 28–31): the child becomes a member without an app
 * of their own (`offline`), marked with the birth date and the guardian, and the guardian's
 * relation to them (`kind: 'guardian'`) is written in the same transaction — so the child appears
 * under the guardian's account at once (the guardian acts for them with `X-Act-For`, on the routes
 * of `GUARDIAN_ROUTES`), and money the child earns at a children's stall is paid to the guardian
 * (`recordPayout`). The name is what others will read (rosters, a stall's listings), so WeChat's
 * content check comes first, in the guardian's name.
 *
 * Errors: 422 `child.too_old` (14 or older on today's China date, or born after today: a person of
 * 14 joins with their own WeChat); 403 `child.guardian_is_child` (a child cannot be a guardian);
 * 409 `child.limit` (at most `MAX_CHILDREN` per guardian here); 422 `content.rejected` /
 * `content.under_review`; 403 `auth.not_a_member`.
 */
export async function addChild(
  input: { communityId: string; guardianId: string; request: AddChildRequest; now?: Date },
  dependencies: { communities: CommunityStore; proxies: ProxyStore; checker: TextChecker },
): Promise<{ child: MemberView }> {
  const now = input.now ?? new Date();
  const guardian = await requireMember(dependencies.communities, input.communityId, input.guardianId);
  if (guardian.guardianId) throw new AppError('child.guardian_is_child', 'A child cannot add children');
  const { birthDate } = input.request;
  if (Date.parse(`${birthDate}T00:00:00+08:00`) > now.getTime() || !isUnderChildAge(birthDate, now)) {
    throw new AppError(
      'child.too_old',
      `Only a child under ${CHILD_AGE} is added by a guardian; from ${CHILD_AGE} a person joins with their own WeChat`,
    );
  }
  const displayName = input.request.displayName.trim();
  await screenStrictly(dependencies.checker, {
    userId: guardian.userId,
    scene: 'profile',
    texts: [displayName],
    officeAuthor: isOffice(guardian),
  });
  const child = childMember(input.communityId, guardian, displayName, birthDate, now);
  const relation: ProxyRelation = {
    communityId: input.communityId,
    residentId: child.userId,
    residentName: child.displayName,
    proxyId: guardian.userId,
    proxyName: guardian.displayName,
    createdBy: guardian.userId,
    createdAt: child.joinedAt,
    kind: 'guardian',
  };
  const outcome = await dependencies.proxies.addChild(child, relation, {
    audit: {
      communityId: input.communityId,
      action: 'member.add_child',
      objectType: 'member',
      objectId: child.userId,
      after: toMemberView(child),
    },
  });
  if (outcome === 'limit') {
    throw new AppError('child.limit', `A guardian adds at most ${MAX_CHILDREN} children in a community`);
  }
  return { child: toMemberView(outcome) };
}

function childMember(
  communityId: string,
  guardian: MemberRecord,
  displayName: string,
  birthDate: string,
  now: Date,
): MemberRecord {
  const at = now.toISOString();
  return {
    communityId,
    userId: `child-${newId(now.getTime())}`,
    roles: ['resident'],
    displayName,
    joinedAt: at,
    offline: true,
    birthDate,
    guardianId: guardian.userId,
    guardianName: guardian.displayName,
    guardianConsentAt: at,
  };
}

const listGuardianRelations = async (proxies: ProxyStore, communityId: string, guardianId: string) =>
  (await proxies.listActingFor(communityId, guardianId)).filter((relation) => relation.kind === 'guardian');

/** The members `guardianId` added here as guardian (`addChild`), oldest first. */
export async function childrenOfGuardian(
  communityId: string,
  guardianId: string,
  dependencies: { communities: CommunityStore; proxies: ProxyStore },
): Promise<MemberRecord[]> {
  const relations = await listGuardianRelations(dependencies.proxies, communityId, guardianId);
  const members = await dependencies.communities.getMembers(
    communityId,
    relations.map((relation) => relation.residentId),
  );
  return [...members.values()]
    .filter((member) => member.guardianId === guardianId)
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
}

/** The children the caller added here as guardian, as members (name, birth date, roles). */
export async function listMyChildren(
  input: { communityId: string; guardianId: string },
  dependencies: { communities: CommunityStore; proxies: ProxyStore },
): Promise<ChildList> {
  await requireMember(dependencies.communities, input.communityId, input.guardianId);
  return { items: (await childrenOfGuardian(input.communityId, input.guardianId, dependencies)).map(toMemberView) };
}
