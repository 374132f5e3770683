import { isOffice } from './authorization';
import type { OfflineMemberRequest, ProxyList, ProxyRelation } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { toMemberView } from './communities';
import type { CommunityStore, MemberRecord, ProxyStore } from './ports';

/** Staff register a resident who has no phone; a proxy then acts for them. */
export async function createOfflineMember(
  input: { communityId: string; request: OfflineMemberRequest; now?: Date },
  communities: CommunityStore,
) {
  const now = input.now ?? new Date();
  const member: MemberRecord = {
    communityId: input.communityId,
    userId: `off-${newId(now.getTime())}`,
    roles: ['resident'],
    displayName: input.request.displayName,
    joinedAt: now.toISOString(),
    offline: true,
    ...(input.request.phone ? { phone: input.request.phone } : {}),
  };
  const { member: stored } = await communities.addMember(member, {
    audit: {
      communityId: input.communityId,
      action: 'member.register_offline',
      objectType: 'member',
      objectId: member.userId,
      after: toMemberView(member),
    },
  });
  return { member: toMemberView(stored) };
}

const officeMember = () =>
  new AppError('proxy.office_member', 'Nobody can act for a member of the community office (staff or admin)');
const selfAppointed = () =>
  new AppError('proxy.self_appointed', 'Office staff cannot name themselves as a proxy; ask the resident');
const childOfAGuardian = () =>
  new AppError('proxy.child', 'Only the guardian who added this child acts for them (PIPL Art. 31)');
const notOffline = () =>
  new AppError(
    'proxy.not_offline',
    'This resident uses the app: only they can name a proxy (the office sets one up for offline residents)',
  );

/**
 * Who may set up a proxy (issue 12, case 1): the resident for themself (at their own request),
 * or office staff for a resident registered offline (who cannot ask in the app) — never naming
 * themselves as the proxy. Nobody may be the proxy of a child a guardian added (`addChild`): the
 * guardian alone acts for them (PIPL Art. 31). Nobody may be the proxy of a member holding an
 * office role (staff, admin): a proxy acts with the resident's resident rights only (`PROXYABLE_ROUTES`), and an
 * office member's identity is not to be borrowed at all. Merchant and maker roles do not stop a
 * proxy: their powers are simply never lent. Both people must be members here, and the proxy
 * someone who uses the app.
 *
 * Errors: 400 `proxy.self`; 403 `auth.forbidden` (neither the resident nor the office),
 * `proxy.self_appointed`, `proxy.office_member`, `proxy.child`, `proxy.not_offline`; 404
 * `member.not_found`; 400 `proxy.invalid` (an offline proxy); 409 `proxy.exists`.
 */
export async function createProxy(
  input: { communityId: string; caller: MemberRecord; residentId: string; proxyId: string; now?: Date },
  dependencies: { communities: CommunityStore; proxies: ProxyStore },
): Promise<ProxyRelation> {
  const { caller } = input;
  if (input.residentId === input.proxyId) throw new AppError('proxy.self', 'A resident cannot be their own proxy');
  const ownRequest = caller.userId === input.residentId;
  if (!ownRequest && !isOffice(caller)) {
    throw new AppError('auth.forbidden', 'Only the resident or the community office can set up a proxy');
  }
  if (!ownRequest && input.proxyId === caller.userId) throw selfAppointed();
  const [resident, proxy] = await Promise.all([
    dependencies.communities.getMember(input.communityId, input.residentId),
    dependencies.communities.getMember(input.communityId, input.proxyId),
  ]);
  if (!resident || !proxy) throw notFound('member');
  if (isOffice(resident)) throw officeMember();
  if (resident.guardianId) throw childOfAGuardian();
  if (!ownRequest && !resident.offline) throw notOffline();
  if (proxy.offline) throw new AppError('proxy.invalid', 'A proxy must be someone who uses the app');
  const relation: ProxyRelation = {
    communityId: input.communityId,
    residentId: resident.userId,
    residentName: resident.displayName,
    proxyId: proxy.userId,
    proxyName: proxy.displayName,
    createdBy: caller.userId,
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  const outcome = await dependencies.proxies.createProxy(relation, {
    audit: {
      communityId: input.communityId,
      action: 'proxy.create',
      objectType: 'member',
      objectId: resident.userId,
      after: relation,
    },
  });
  if (outcome === 'exists') throw new AppError('proxy.exists', `${proxy.displayName} already acts for this resident`);
  return relation;
}

/**
 * May `proxyId` act for `residentId` in this request (`X-Act-For`)? Checked on every proxied
 * request against the state of now, not only when the relation was made: the relation exists and
 * still meets the rules of `createProxy` — the resident holds no office role *today* (a resident
 * who later became staff or admin can no longer be acted for, and can again if the role is taken
 * away), and a relation the office made names neither its maker as the proxy nor a resident who
 * uses the app (relations stored before these rules lend nothing either). A guardian's relation
 * (`addChild`) lends as long as the child still names them as guardian, and no other relation lends
 * a child at all.
 * Returns which kind of relation lends: `guardian` (the routes of `GUARDIAN_ROUTES`) or `proxy`.
 * With `guardianOnly` (a route of `GUARDIAN_ROUTES` a proxy may not use), anything but the guardian's
 * relation is 403 `auth.not_proxyable`.
 * Errors: 403 `proxy.not_authorized` (no relation, or the resident is no longer a member),
 * 403 `proxy.office_member`, `proxy.child`, `proxy.self_appointed`, `proxy.not_offline`.
 */
export async function authorizeActingFor(
  input: { communityId: string; residentId: string; proxyId: string; guardianOnly?: boolean },
  dependencies: { communities: CommunityStore; proxies: ProxyStore },
): Promise<'proxy' | 'guardian'> {
  const [relation, resident] = await Promise.all([
    dependencies.proxies.getProxy(input.communityId, input.residentId, input.proxyId),
    dependencies.communities.getMember(input.communityId, input.residentId),
  ]);
  // A route only a guardian may use for their child (`GUARDIAN_ROUTES` beyond a proxy's): anyone else
  // is told it cannot be done for someone else, as on any route a proxy may not use.
  const asGuardian = relation?.kind === 'guardian' && resident?.guardianId === relation.proxyId;
  if (input.guardianOnly && !asGuardian) {
    throw new AppError('auth.not_proxyable', 'This cannot be done for someone else: only a guardian, for their child');
  }
  if (!relation || !resident) {
    throw new AppError('proxy.not_authorized', 'You are not set up to act for this resident');
  }
  if (isOffice(resident)) throw officeMember();
  if (asGuardian) return 'guardian';
  if (resident.guardianId) throw childOfAGuardian();
  const madeByTheResident = relation.createdBy === relation.residentId;
  if (!madeByTheResident && relation.createdBy === relation.proxyId) throw selfAppointed();
  if (!madeByTheResident && !resident.offline) throw notOffline();
  return 'proxy';
}

/** The resident, the proxy themself or staff may end a proxy relation (not a guardian's: 409 `proxy.guardian`). */
export async function removeProxy(
  input: { communityId: string; caller: MemberRecord; residentId: string; proxyId: string },
  proxies: ProxyStore,
): Promise<{ removed: true }> {
  const { caller } = input;
  if (![input.residentId, input.proxyId].includes(caller.userId) && !isOffice(caller)) {
    throw new AppError('auth.forbidden', 'Only the resident, the proxy or the office can end this');
  }
  const relation = await proxies.getProxy(input.communityId, input.residentId, input.proxyId);
  if (!relation) throw notFound('proxy');
  if (relation.kind === 'guardian') {
    throw new AppError('proxy.guardian', 'A guardian’s relation to the child they added cannot be ended here');
  }
  const removed = await proxies.removeProxy(input.communityId, input.residentId, input.proxyId, {
    audit: {
      communityId: input.communityId,
      action: 'proxy.remove',
      objectType: 'member',
      objectId: input.residentId,
      before: relation,
    },
  });
  if (!removed) throw notFound('proxy');
  return { removed: true };
}

export async function listMyProxies(communityId: string, userId: string, proxies: ProxyStore): Promise<ProxyList> {
  const [actingFor, myProxies] = await Promise.all([
    proxies.listActingFor(communityId, userId),
    proxies.listProxiesOf(communityId, userId),
  ]);
  return { actingFor, myProxies };
}
