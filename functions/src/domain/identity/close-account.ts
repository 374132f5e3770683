import type { CloseAccountResponse, OpenObligation, Order } from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { FundStore, PledgeStore } from '../fund/ports';
import { SYSTEM_ACCOUNTS, memberAccount } from '../ledger/accounts';
import { postTransfer } from '../ledger/ledger';
import type { LedgerStore } from '../ledger/ports';
import type { ShopStore } from '../shop/ports';
import { childrenOfGuardian } from './children';
import type { CommunityStore, MemberRecord, ProxyStore } from './ports';

/** Erases what identifies a person, keeping what other law requires under their user id alone. */
export interface AccountClosureStore {
  /**
   * In one community, in one transaction: the member record's name becomes {@link CLOSED_ACCOUNT_NAME}
   * (phone removed, roles back to `resident`), the volunteer profile (real name, ID number, phone,
   * birth date) is deleted; then the name on the 光荣榜 (contributions board, monthly recognition) of each
   * month since they joined, and as the donor of supermarket goods.
   * Idempotent.
   */
  eraseMember(member: MemberRecord, now: string): Promise<void>;
  /** The products leave the shop: `rejected` (reason `maker_account_closed`), the maker's name neutral. */
  retireProducts(communityId: string, productIds: readonly string[], now: string): Promise<void>;
  /**
   * Last: the user record becomes a tombstone (`closedAt`, the neutral name), the openid's claim, the
   * WeChat session and the subscriptions are deleted — tokens stop working, the same WeChat account
   * logs in to a new user. Idempotent (the first `closedAt` stays).
   */
  closeUser(userId: string, now: string): Promise<string>;
}

export interface CloseAccountDependencies {
  communities: CommunityStore;
  shop: ShopStore;
  pledges: PledgeStore;
  ledger: LedgerStore;
  fund: FundStore;
  proxies: ProxyStore;
  closure: AccountClosureStore;
}

const UNPAID: readonly Order['status'][] = ['pending_payment'];
const UNFULFILLED: readonly Order['status'][] = ['paid', 'ready_for_pickup', 'shipped'];

/**
 * Closes the caller's account (`POST /v1/me/close-account`, PIPL Art. 47). Refused with 409
 * `account.open_obligations` while they have an unpaid or unfulfilled order or an active
 * pledge, or the shop still owes them as a maker, or a buyer's order of their goods is still open, in any community — each named in `details.obligations` — and nothing changes. Otherwise, in
 * each community — for them and for each child they added as guardian (`addChild`), whose open
 * obligations as a maker count as theirs — the remaining points go to the pool by one transfer (id `closure:{userId}`, so a
 * retry moves them once), proxy relations either way end, their products leave the shop, their member
 * record and volunteer profile are erased; their name leaves every public fund entry; last, the user record becomes a tombstone.
 * Service records, fund entries, ledger postings and orders stay, under the user id only. Each step
 * is idempotent: a call that failed half-way is finished by calling again.
 */
export async function closeAccount(
  input: { userId: string; now?: Date },
  dependencies: CloseAccountDependencies,
): Promise<CloseAccountResponse> {
  const now = input.now ?? new Date();
  const memberships = await dependencies.communities.listMembershipsOfUser(input.userId);
  // The children they added as guardian close with them: nobody else acts for them (PIPL Art. 31).
  const children = await childrenOf(input.userId, memberships, dependencies);
  const obligations = await openObligations(input.userId, memberships, dependencies);
  for (const child of children) obligations.push(...(await openObligations(child.userId, [child], dependencies)));
  if (obligations.length > 0) {
    throw new AppError(
      'account.open_obligations',
      'Finish or cancel these first: unpaid or unfulfilled orders, active monthly pledges, open orders of your goods',
      { obligations },
    );
  }
  const pointsToPool = await closeMembers([...memberships, ...children], now, dependencies);
  await dependencies.fund.hideDonorNames(input.userId);
  const closedAt = await dependencies.closure.closeUser(input.userId, now.toISOString());
  // A join, an invitation accepted or a child added while the account was closing (after the listing,
  // before the tombstone that refuses them) made a membership nothing above erased: erase it now.
  const late = await membersOpenAfterClosing(input.userId, dependencies);
  pointsToPool.push(...(await closeMembers(late, now, dependencies)));
  return { closedAt, pointsToPool };
}

/**
 * Each member's closing: their balance to the community pool, their proxy relations ended, their goods
 * off the shop and their record erased (PIPL Art. 47). Returns the points moved, by community.
 */
async function closeMembers(
  members: MemberRecord[],
  now: Date,
  dependencies: CloseAccountDependencies,
): Promise<CloseAccountResponse['pointsToPool']> {
  const pointsToPool: CloseAccountResponse['pointsToPool'] = [];
  for (const member of members) {
    const points = await moveBalanceToPool(member, now, dependencies.ledger);
    if (points > 0) pointsToPool.push({ communityId: member.communityId, points });
    await endProxyRelations(member, dependencies.proxies);
    // A closed maker's goods leave the shop (their name is on each listing; nobody would hand them over).
    const products = await dependencies.shop.listMakerProducts(member.communityId, member.userId);
    await dependencies.closure.retireProducts(
      member.communityId,
      products.filter((product) => product.status !== 'rejected').map((product) => product.id),
      now.toISOString(),
    );
    await dependencies.closure.eraseMember(member, now.toISOString());
  }
  return pointsToPool;
}

/** The user's memberships, and their children's, not erased yet (none, unless one came while closing). */
async function membersOpenAfterClosing(
  userId: string,
  dependencies: CloseAccountDependencies,
): Promise<MemberRecord[]> {
  const memberships = await dependencies.communities.listMembershipsOfUser(userId);
  const children = await childrenOf(userId, memberships, dependencies);
  return [...memberships, ...children].filter((member) => member.closedAt === undefined);
}

/** The members the user added as guardian (`addChild`), in each community they belong to. */
async function childrenOf(
  userId: string,
  memberships: MemberRecord[],
  dependencies: Pick<CloseAccountDependencies, 'communities' | 'proxies'>,
): Promise<MemberRecord[]> {
  const children: MemberRecord[] = [];
  for (const { communityId } of memberships)
    children.push(...(await childrenOfGuardian(communityId, userId, dependencies)));
  return children;
}

/** Orders still unpaid or not handed over, and pledges still running, in every community. */
async function openObligations(
  userId: string,
  memberships: MemberRecord[],
  dependencies: Pick<CloseAccountDependencies, 'shop' | 'pledges'>,
): Promise<OpenObligation[]> {
  const found: OpenObligation[] = [];
  for (const { communityId } of memberships) {
    let cursor: string | undefined;
    do {
      const page = await dependencies.shop.listBuyerOrders(communityId, userId, cursor);
      for (const order of page.items) {
        if (UNPAID.includes(order.status)) found.push({ kind: 'order_unpaid', communityId, id: order.id });
        // A paid donation is done (nothing to hand over); a purchase is until it is handed over.
        if (order.kind !== 'donation' && UNFULFILLED.includes(order.status))
          found.push({ kind: 'order_unfulfilled', communityId, id: order.id });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const pledge of await dependencies.pledges.listMemberPledges(communityId, userId)) {
      if (pledge.status === 'active') found.push({ kind: 'pledge_active', communityId, id: pledge.id });
    }
    if ((await dependencies.shop.makerEarnings(communityId, userId)).owedFen > 0) {
      found.push({ kind: 'maker_owed', communityId, id: userId });
    }
    found.push(...(await openOrdersOfMaker(communityId, userId, dependencies.shop)));
  }
  return found;
}

/**
 * Buyers' orders of the maker's goods still unpaid or not handed over: a payment landing after the
 * closure would owe a closed maker and buy goods nobody hands over. Only read for a maker (someone
 * with products in the community); the community's orders are paged through.
 */
async function openOrdersOfMaker(communityId: string, makerId: string, shop: ShopStore): Promise<OpenObligation[]> {
  if ((await shop.listMakerProducts(communityId, makerId)).length === 0) return [];
  const found: OpenObligation[] = [];
  let cursor: string | undefined;
  do {
    const page = await shop.listOrders(communityId, cursor);
    for (const order of page.items) {
      const open = UNPAID.includes(order.status) || UNFULFILLED.includes(order.status);
      if (open && order.lines.some((line) => line.makerId === makerId)) {
        found.push({ kind: 'maker_order_open', communityId, id: order.id });
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

/** The member's whole balance to the community's pool, by one transfer; the points moved (0 if none). */
async function moveBalanceToPool(member: MemberRecord, now: Date, ledger: LedgerStore): Promise<number> {
  const account = await ledger.getAccount(member.communityId, memberAccount(member.userId));
  if (account.balancePoints <= 0) return 0;
  const outcome = await postTransfer(ledger, {
    communityId: member.communityId,
    transferId: `closure:${member.userId}`,
    kind: 'gift',
    memo: '账户注销，剩余积分转入社区积分池',
    postings: [
      { source: memberAccount(member.userId), destination: SYSTEM_ACCOUNTS.pool, amountPoints: account.balancePoints },
    ],
    actorId: member.userId,
    createdAt: now.toISOString(),
  });
  return outcome === 'posted' ? account.balancePoints : 0;
}

/** Nobody acts for a closed account any more, and it acts for nobody. */
async function endProxyRelations(member: MemberRecord, proxies: ProxyStore): Promise<void> {
  const relations = [
    ...(await proxies.listProxiesOf(member.communityId, member.userId)),
    ...(await proxies.listActingFor(member.communityId, member.userId)),
  ];
  for (const relation of relations) {
    await proxies.removeProxy(relation.communityId, relation.residentId, relation.proxyId);
  }
}
