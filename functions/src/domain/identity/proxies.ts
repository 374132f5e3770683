import type { OfflineMemberRequest, ProxyList, ProxyRelation } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { OFFICE_ROLES } from '@linli/shared';
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
  await communities.addMember(member, {
    audit: {
      communityId: input.communityId,
      action: 'member.register_offline',
      objectType: 'member',
      objectId: member.userId,
      after: toMemberView(member),
    },
  });
  return { member: toMemberView(member) };
}

const isOffice = (member: MemberRecord) => member.roles.some((role) => OFFICE_ROLES.includes(role));

/**
 * A resident names a proxy for themself; staff may set one up for any resident (the
 * usual case for an elderly resident without a phone). Both must be members here.
 */
export async function createProxy(
  input: { communityId: string; caller: MemberRecord; residentId: string; proxyId: string; now?: Date },
  dependencies: { communities: CommunityStore; proxies: ProxyStore },
): Promise<ProxyRelation> {
  const { caller } = input;
  if (input.residentId === input.proxyId) throw new AppError('proxy.self', 'A resident cannot be their own proxy');
  if (caller.userId !== input.residentId && !isOffice(caller)) {
    throw new AppError('auth.forbidden', 'Only the resident or the community office can set up a proxy');
  }
  const [resident, proxy] = await Promise.all([
    dependencies.communities.getMember(input.communityId, input.residentId),
    dependencies.communities.getMember(input.communityId, input.proxyId),
  ]);
  if (!resident || !proxy) throw notFound('member');
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

/** The resident, the proxy themself or staff may end a proxy relation. */
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
