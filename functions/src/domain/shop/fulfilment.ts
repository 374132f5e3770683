import type { DonationRequest, Order, OrderShipping, PaymentRefund, Payout } from '@linli/shared';
import { formatFen, monthOf, SHOP_MESSAGES, notificationText, type OrderLine } from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { PaymentGateway } from './payment-gateway';
import type { AuditDraft, Effects, NotificationDraft } from '../effects';
import type { FundStore } from '../fund/ports';
import { refuseOwnInterest } from '../identity/conflicts';
import type { CommunityStore, ConsentStore, MemberRecord } from '../identity/ports';
import { fundEntriesFor, PAYMENT_WINDOW_MINUTES } from './orders';
import { closeAtWechat, refundNumberOf, sendRequestedRefund } from './payments';
import type { ShopStore } from './ports';
import { owedShipping, shippingKeyOf } from './shipping';

const PAID_STATUSES: readonly Order['status'][] = ['paid', 'ready_for_pickup', 'shipped', 'completed'];
const NEXT_STATUS_FROM: Record<'ready_for_pickup' | 'shipped' | 'completed', readonly Order['status'][]> = {
  ready_for_pickup: ['paid'],
  shipped: ['paid'],
  completed: ['ready_for_pickup', 'shipped', 'paid'],
};

async function orderOrThrow(shop: ShopStore, communityId: string, orderId: string): Promise<Order> {
  const order = await shop.getOrder(communityId, orderId);
  if (!order) throw notFound('order', 'shop.order_not_found');
  return order;
}

const notCancellable = () =>
  new AppError('shop.order_not_cancellable', 'Only an unpaid order can be cancelled; ask the office for a refund');

/**
 * The buyer withdraws an unpaid order; its stock returns. Where WeChat Pay is configured the
 * WeChat order is closed FIRST, so it can no longer be paid once ours is cancelled: if WeChat
 * cannot be reached the order stays as it was (503, retry); if the payer is paying right now,
 * 409 `shop.payment_in_progress`; if it turns out paid (its notification lost), the payment is
 * recorded and the cancel refused (409 `shop.order_not_cancellable`).
 */
export async function cancelOrder(
  input: { communityId: string; orderId: string; buyerId: string },
  dependencies: { shop: ShopStore; fund: FundStore; consents: ConsentStore; payments: PaymentGateway | null },
): Promise<Order> {
  const order = await orderOrThrow(dependencies.shop, input.communityId, input.orderId);
  if (order.buyerId !== input.buyerId) throw forbidden('This is not your order');
  if (order.status !== 'pending_payment') throw notCancellable();
  if (dependencies.payments) {
    const payments = dependencies.payments;
    const atWechat = await closeAtWechat(input.communityId, order, { ...dependencies, payments });
    if (atWechat === 'paying') {
      throw new AppError('shop.payment_in_progress', 'The payment is going through; try again in a moment');
    }
    if (atWechat === 'settled') {
      const now = await orderOrThrow(dependencies.shop, input.communityId, input.orderId);
      if (now.status === 'cancelled') return now;
      throw notCancellable();
    }
  }
  if (!(await dependencies.shop.cancelOrder(input.communityId, order))) throw notCancellable();
  return { ...order, status: 'cancelled' as const };
}

/**
 * Scheduled: every unpaid order past its window expires and its stock returns — after its
 * WeChat order is closed, where WeChat Pay is configured. An order whose WeChat order cannot be
 * closed now (WeChat unreachable, the payer paying, or just paid) stays open and is `deferred`
 * to the next run; one found paid is settled instead.
 */
export async function expireDueOrders(
  input: { now?: Date },
  dependencies: { shop: ShopStore; fund: FundStore; consents: ConsentStore; payments: PaymentGateway | null },
): Promise<{ expired: number; deferred: { orderId: string; reason: string }[] }> {
  const { shop, payments } = dependencies;
  let expired = 0;
  const deferred: { orderId: string; reason: string }[] = [];
  for (const { communityId, orderId } of await shop.ordersDueForExpiry((input.now ?? new Date()).toISOString())) {
    const order = await shop.getOrder(communityId, orderId);
    if (!order || order.status !== 'pending_payment') continue;
    if (payments) {
      // One order WeChat cannot settle now must not hold up the others: it waits for the next run.
      const atWechat = await closeAtWechat(communityId, order, { ...dependencies, payments }).catch((error: unknown) =>
        error instanceof AppError ? error.code : String((error as Error).message),
      );
      if (atWechat !== 'closed') {
        deferred.push({ orderId, reason: atWechat });
        continue;
      }
    }
    if (await shop.expireOrder(communityId, order)) expired += 1;
  }
  return { expired, deferred };
}

/**
 * The shipping upload an order handed over owes WeChat (in the same write as its status): ready
 * for pickup → logistics type 4; shipped → 1 (express) with a tracking number, else 2 (same-city).
 * None for `completed`, nor where the order was not paid through WeChat (see `shippingKeyOf`).
 */
function shippingOwedBy(order: Order, input: FulfilInput, now: Date): { shipping: OrderShipping } | undefined {
  if (input.status === 'completed' || !shippingKeyOf(order, input.uploadDevPayments ?? false)) return undefined;
  const type = input.status === 'ready_for_pickup' ? 4 : input.trackingNo ? 1 : 2;
  return { shipping: owedShipping(type, now, input) };
}

export interface FulfilInput {
  communityId: string;
  orderId: string;
  actorId: string;
  status: keyof typeof NEXT_STATUS_FROM;
  trackingNo?: string;
  expressCompany?: string;
  /** Dev payments owe a shipping upload too (see `shippingKeyOf`). */
  uploadDevPayments?: boolean;
}

/**
 * Ready for pickup or shipped, then completed; each step records who. Handing over a WeChat-paid
 * order records the shipping upload it owes (`pending`); the caller then attempts it.
 */
export async function fulfilOrder(input: FulfilInput, shop: ShopStore): Promise<Order> {
  const order = await orderOrThrow(shop, input.communityId, input.orderId);
  if (order.kind === 'donation')
    throw new AppError('shop.order_not_fulfillable', 'A donation has nothing to hand over');
  const statusKey = {
    ready_for_pickup: 'order.ready_for_pickup',
    shipped: 'order.shipped',
    completed: 'order.completed',
  } as const;
  const moved = await shop.transitionOrder(
    input.communityId,
    input.orderId,
    NEXT_STATUS_FROM[input.status],
    input.status,
    { fulfilledBy: input.actorId, ...shippingOwedBy(order, input, new Date()) },
    {
      audit: {
        communityId: input.communityId,
        action: `order.${input.status}`,
        objectType: 'order',
        objectId: order.id,
        before: order,
        after: { ...order, status: input.status, fulfilledBy: input.actorId },
      },
      notify: [
        {
          userId: order.buyerId,
          communityId: input.communityId,
          kind: 'order_status',
          ...notificationText(SHOP_MESSAGES, {
            key: statusKey[input.status],
            values: { lines: order.lines.map(orderLineText) },
          }),
          objectType: 'order',
          objectId: order.id,
          orderId: order.id,
        },
      ],
    },
  );
  if (!moved)
    throw new AppError('shop.order_not_fulfillable', `An order that is ${order.status} cannot become ${input.status}`);
  return moved;
}

/** Staff do not refund their own purchase (403 `auth.conflict_of_interest`): checked before any money moves. */
export function refuseOwnRefund(order: Pick<Order, 'buyerId'>, actorId: string): void {
  refuseOwnInterest(actorId, [order.buyerId], 'Another staff member must refund your own order');
}

/** Paid through WeChat Pay (not the dev payment): its money goes back through WeChat's refund API. */
const paidThroughWechat = (order: Order) =>
  order.paymentReference !== undefined && !order.paymentReference.startsWith('dev-');

/** An order line as the buyer's and makers' notices list it: `手工皂 × 2`. */
const orderLineText = (line: OrderLine) => `${line.title} × ${line.quantity}`;

/** Each maker of the order (a child maker's guardian) is told what the refund takes back from their earnings. */
function makerRefundNotices(communityId: string, order: Order): NotificationDraft[] {
  const byMaker = new Map<string, { recipient: string; child: boolean; makerFen: number; titles: string[] }>();
  for (const line of order.lines.filter((candidate) => candidate.makerId !== '')) {
    const entry = byMaker.get(line.makerId) ?? {
      recipient: line.guardianId ?? line.makerId,
      child: Boolean(line.guardianId),
      makerFen: 0,
      titles: [],
    };
    entry.makerFen += line.makerFen;
    entry.titles.push(orderLineText(line));
    byMaker.set(line.makerId, entry);
  }
  return [...byMaker.values()].map((entry) => ({
    userId: entry.recipient,
    communityId,
    kind: 'order_status' as const,
    ...notificationText(SHOP_MESSAGES, {
      key: entry.child ? 'sale.refunded_child' : 'sale.refunded',
      values: { lines: entry.titles, makerFen: entry.makerFen },
    }),
    objectType: 'order',
    objectId: order.id,
    orderId: order.id,
  }));
}

/**
 * The office refunds a sale: the books first (`refundOrder`), then — where the order was paid
 * through WeChat Pay — WeChat is asked to return the money (`sendRequestedRefund`). If WeChat
 * cannot be reached the refund stays `requested` (503): refunding again sends it again.
 */
export async function refundSale(
  input: { communityId: string; orderId: string; actorId: string; reason: string },
  dependencies: { shop: ShopStore; fund: FundStore; payments: PaymentGateway | null },
): Promise<Order> {
  const { payments } = dependencies;
  const refunded = await refundOrder({ ...input, wechatPay: payments !== null }, dependencies);
  return payments ? sendRequestedRefund(input.communityId, refunded, { shop: dependencies.shop, payments }) : refunded;
}

/**
 * Refunds a paid order: the makers' earnings and the fund's shares are reversed in ONE
 * transaction (the fund must still hold its share: 409 `fund.insufficient_balance`), stock
 * returns if nothing was handed over. A maker already paid their share is not refused: their
 * account goes below zero — shown as `debtFen` and netted from the next payout — and they are
 * told. Never by its buyer (`refuseOwnRefund`). The books come first: for a WeChat payment the refund is recorded as `requested`, and
 * the caller then sends it (`sendRequestedRefund`); refunding again while it is still
 * `requested` returns the order as it is, so the caller can send it again.
 */
export async function refundOrder(
  input: { communityId: string; orderId: string; actorId: string; reason: string; wechatPay: boolean; now?: Date },
  dependencies: { shop: ShopStore; fund: FundStore },
): Promise<Order> {
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const order = await orderOrThrow(dependencies.shop, input.communityId, input.orderId);
    refuseOwnRefund(order, input.actorId);
    if (order.status === 'refunded' && order.refund?.status === 'requested') return order;
    if (!PAID_STATUSES.includes(order.status))
      throw new AppError('shop.order_not_refundable', `An order that is ${order.status} cannot be refunded`);
    const at = (input.now ?? new Date()).toISOString();
    const head = await dependencies.fund.getHead(input.communityId);
    const entries = fundEntriesFor(order, head, at, true);
    const owed = entries.reduce((sum, entry) => sum - entry.amountFen, 0);
    if (head.balanceFen < owed) {
      // Short only if the order is still as it was when the fund was read: a refund (or payment)
      // of it that committed between the two reads is looked at again, not reported as a shortfall.
      const again = await orderOrThrow(dependencies.shop, input.communityId, input.orderId);
      if (again.status !== order.status) continue;
      throw new AppError(
        'fund.insufficient_balance',
        `The fund holds ${formatFen(head.balanceFen)} yuan, less than its share to refund`,
      );
    }
    const returnStock = order.status === 'paid' || order.status === 'ready_for_pickup';
    const wechatRefund: PaymentRefund | undefined =
      input.wechatPay && paidThroughWechat(order)
        ? { outRefundNo: refundNumberOf(order.id), amountFen: order.totalFen, status: 'requested', requestedAt: at }
        : undefined;
    // A refunded order owes WeChat no shipping information: one not yet accepted is dropped (the store does the same).
    const { shipping, ...rest } = order;
    const refunded: Order = {
      ...rest,
      ...(shipping?.status === 'uploaded' ? { shipping } : {}),
      status: 'refunded',
      refundedBy: input.actorId,
      refundReason: input.reason,
      ...(wechatRefund ? { refund: wechatRefund } : {}),
    };
    const outcome = await dependencies.shop.refund(
      input.communityId,
      order,
      { by: input.actorId, at, reason: input.reason, returnStock, wechatRefund },
      entries,
      head.sequence,
      refundEffects(input, order, refunded, at),
    );
    if (outcome === 'refunded') return refunded;
    if (outcome === 'not_refundable') continue;
    await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
  }
  throw new AppError('shop.payment_busy', 'The refund could not be recorded yet; please try again');
}

/** What a refund changes besides the order: its audit entry, the month's shop figures, the buyer's and makers' notices. */
function refundEffects(
  input: { communityId: string; reason: string },
  order: Order,
  refunded: Order,
  at: string,
): Effects {
  const { communityId } = input;
  return {
    audit: {
      communityId,
      action: 'order.refund',
      objectType: 'order',
      objectId: order.id,
      before: order,
      after: refunded,
    },
    stats:
      order.kind !== 'donation'
        ? [{ communityId, month: monthOf(at), section: 'SHOP', add: { shopRefundsFen: order.totalFen } }]
        : [],
    notify: [
      {
        userId: order.buyerId,
        communityId,
        kind: 'order_status',
        ...notificationText(SHOP_MESSAGES, {
          key: 'order.refunded',
          values: { amountFen: order.totalFen, reason: input.reason },
        }),
        objectType: 'order',
        objectId: order.id,
        orderId: order.id,
      },
      ...makerRefundNotices(communityId, order),
    ],
  };
}

/**
 * Staff record money paid out to a maker (at most what they earned and were not yet paid:
 * 409 `shop.payout_exceeds_balance`). Never to themselves (403 `auth.conflict_of_interest`). A
 * child's earnings (a maker added by a guardian, `addChild`) are paid to the guardian: the payout
 * names the guardian as payee, the guardian is told, and staff do not pay their own child either.
 */
export async function recordPayout(
  input: { communityId: string; makerId: string; amountFen: number; note: string; actorId: string; now?: Date },
  dependencies: { shop: ShopStore; communities: CommunityStore },
): Promise<Payout> {
  refuseOwnInterest(input.actorId, [input.makerId], 'Another staff member must record a payout to you');
  const maker = await dependencies.communities.getMember(input.communityId, input.makerId);
  const guardian = maker?.guardianId ? { id: maker.guardianId, name: maker.guardianName ?? '' } : null;
  if (guardian)
    refuseOwnInterest(input.actorId, [guardian.id], 'Another staff member must record a payout to your child');
  const now = input.now ?? new Date();
  const payout: Payout = {
    id: newId(now.getTime()),
    makerId: input.makerId,
    amountFen: input.amountFen,
    note: input.note,
    recordedBy: input.actorId,
    createdAt: now.toISOString(),
    ...(guardian ? { payeeId: guardian.id, payeeName: guardian.name } : {}),
  };
  const audit = {
    communityId: input.communityId,
    action: 'maker.payout',
    objectType: 'maker',
    objectId: input.makerId,
    after: payout,
  } satisfies AuditDraft;
  const notify: NotificationDraft[] = guardian
    ? [
        {
          userId: guardian.id,
          communityId: input.communityId,
          kind: 'order_status',
          ...notificationText(SHOP_MESSAGES, {
            key: 'payout.to_guardian',
            values: { maker: maker?.displayName ?? '', amountFen: input.amountFen, note: input.note },
          }),
          objectType: 'maker',
          objectId: input.makerId,
        },
      ]
    : [];
  // 'duplicate': the same id on a retry (one Idempotency-Key) — this payout is recorded already.
  if ((await dependencies.shop.recordPayout(input.communityId, payout, { audit, notify })) === false) {
    throw new AppError('shop.payout_exceeds_balance', 'This is more than the maker has earned and not yet been paid');
  }
  return payout;
}

/** A one-off donation: an order of one line that goes wholly to the fund, paid like any order. */
export function donationOrder(input: {
  donor: MemberRecord;
  request: DonationRequest;
  /** The message WeChat's check held: kept off the entry, queued for the office once paid. */
  heldMessage?: string;
  /** The charity that receives it (the fund's legal holder): named on the order. */
  holder?: { name: string; creditCode: string };
  pledgeId?: string;
  id?: string;
  now?: Date;
  paymentWindowMinutes?: number;
}): Order {
  const now = input.now ?? new Date();
  const amountFen = input.request.amountFen;
  return {
    id: input.id ?? newId(now.getTime()),
    kind: 'donation',
    buyerId: input.donor.userId,
    buyerName: input.donor.displayName,
    lines: [
      {
        productId: 'donation',
        title: input.request.message ?? (input.pledgeId ? '月月捐' : '捐赠社区基金'),
        makerId: '',
        quantity: 1,
        unitPriceFen: amountFen,
        grossFen: amountFen,
        fundShareBps: 10_000,
        fundFen: amountFen,
        makerFen: 0,
      },
    ],
    totalFen: amountFen,
    status: 'pending_payment',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (input.paymentWindowMinutes ?? PAYMENT_WINDOW_MINUTES) * 60_000).toISOString(),
    // Named on the public page only when the donor chose it with this donation.
    anonymous: input.request.publishName !== true,
    ...(input.heldMessage ? { heldMessage: input.heldMessage } : {}),
    ...(input.holder ? { fundHolder: { name: input.holder.name, creditCode: input.holder.creditCode } } : {}),
    pledgeId: input.pledgeId,
  };
}
