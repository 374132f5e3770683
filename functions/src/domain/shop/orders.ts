import {
  monthOf,
  notificationText,
  SHOP_MESSAGES,
  shareOfFen,
  type FundEntry,
  type Order,
  type OrderLine,
  type OrderRequest,
} from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { chainEntry, type FundHead, type PublicDonor } from '../fund/chain';
import type { Effects } from '../effects';
import type { FundStore } from '../fund/ports';
import { consentStands } from '../identity/consents';
import type { ConsentStore, MemberRecord } from '../identity/ports';
import { owedShipping } from './shipping';
import type { ShopStore } from './ports';
import { MAX_AMOUNT_FEN } from './payment-gateway';

/** An unpaid order holds its stock this long. */
export const PAYMENT_WINDOW_MINUTES = 15;
const MAX_PAY_ATTEMPTS = 10;

/** The split of one line: fund share = floor(gross × bps / 10000), the maker gets the rest. */
export function splitLine(grossFen: number, fundShareBps: number): { fundFen: number; makerFen: number } {
  const fundFen = shareOfFen(grossFen, fundShareBps);
  return { fundFen, makerFen: grossFen - fundFen };
}

export async function createOrder(
  input: { communityId: string; buyer: MemberRecord; request: OrderRequest; now?: Date },
  shop: ShopStore,
): Promise<Order> {
  const now = input.now ?? new Date();
  // The same id on every attempt with one Idempotency-Key: a retry finds the order an attempt
  // whose reply was lost placed (it may have taken the last of the stock) and answers with it.
  const id = newId(now.getTime());
  const placed = async () => {
    const existing = await shop.getOrder(input.communityId, id);
    return existing && existing.buyerId === input.buyer.userId ? existing : null;
  };
  const lines: OrderLine[] = [];
  for (const item of input.request.items) {
    const product = await shop.getProduct(input.communityId, item.productId);
    if (!product || product.status !== 'approved') throw notFound('product', 'shop.product_not_found');
    if (product.stock < item.quantity) {
      const existing = await placed();
      if (existing) return existing;
      throw new AppError('shop.sold_out', `${product.title} is sold out`, { productId: product.id });
    }
    const grossFen = product.priceFen * item.quantity;
    lines.push({
      productId: product.id,
      title: product.title,
      makerId: product.makerId,
      ...(product.guardianId ? { guardianId: product.guardianId } : {}),
      quantity: item.quantity,
      unitPriceFen: product.priceFen,
      grossFen,
      fundShareBps: product.fundShareBps,
      ...splitLine(grossFen, product.fundShareBps),
    });
  }
  const totalFen = lines.reduce((sum, line) => sum + line.grossFen, 0);
  if (totalFen > MAX_AMOUNT_FEN) {
    throw new AppError('shop.order_too_large', 'One payment can be at most 21,474,836.47 yuan; split the order', {
      totalFen,
    });
  }
  const order: Order = {
    id,
    buyerId: input.buyer.userId,
    buyerName: input.buyer.displayName,
    lines,
    totalFen,
    status: 'pending_payment',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + PAYMENT_WINDOW_MINUTES * 60_000).toISOString(),
  };
  const outcome = await shop.createOrder(input.communityId, order);
  if (outcome === 'duplicate') {
    const existing = await placed();
    if (existing) return existing;
  }
  if (outcome !== 'created') throw new AppError('shop.sold_out', 'Sorry, something in this order has just sold out');
  return order;
}

export async function getOrderForBuyer(shop: ShopStore, communityId: string, orderId: string, buyerId: string) {
  const order = await shop.getOrder(communityId, orderId);
  if (!order) throw notFound('order', 'shop.order_not_found');
  if (order.buyerId !== buyerId) throw forbidden('This is not your order');
  return order;
}

/** The fund's share of each line (all of a donation), chained after `head`; negative for a refund. */
export function fundEntriesFor(order: Order, head: FundHead, at: string, refund = false): FundEntry[] {
  const entries: FundEntry[] = [];
  let current = head;
  for (const line of order.lines.filter((candidate) => candidate.fundFen > 0)) {
    const donation = order.kind === 'donation';
    const entry = chainEntry(
      current,
      {
        kind: refund ? 'refund' : donation ? (order.pledgeId ? 'pledge' : 'donation') : 'sale_share',
        amountFen: refund ? -line.fundFen : line.fundFen,
        description: donation ? line.title : `${refund ? '退款 ' : ''}微益坊 ${line.title} × ${line.quantity}`,
      },
      newId(Date.parse(at)),
      at,
    );
    entries.push(entry);
    current = { ...current, sequence: entry.sequence, latestHash: entry.hash, balanceFen: entry.balanceAfterFen };
  }
  return entries;
}

/**
 * The donor named beside a paid donation's entry: only if they chose it (`anonymous: false`) and
 * their `donor_name_public` consent still stands at payment — a withdrawal between ordering and
 * paying leaves the donation anonymous. None otherwise.
 */
export async function publicDonorsOf(
  order: Order,
  entries: readonly FundEntry[],
  consents: ConsentStore,
): Promise<Map<string, PublicDonor>> {
  if (order.kind !== 'donation' || order.anonymous !== false) return new Map();
  if (!(await consentStands(consents, order.buyerId, 'donor_name_public'))) return new Map();
  return new Map(entries.map((entry) => [entry.id, { name: order.buyerName, userId: order.buyerId }]));
}

/** What a payment changes besides the order: the month's shop figures (a purchase), the buyer's notice. */
function paidEffects(communityId: string, order: Order, paidAt: string): Effects {
  const purchase = order.kind !== 'donation';
  return {
    stats: purchase
      ? [
          {
            communityId,
            month: monthOf(paidAt),
            section: 'SHOP',
            add: { shopOrders: 1, shopSalesFen: order.totalFen },
          },
        ]
      : [],
    notify: [
      {
        userId: order.buyerId,
        communityId,
        kind: 'order_status',
        ...notificationText(SHOP_MESSAGES, {
          key: purchase ? 'order.paid' : 'donation.received',
          values: { amountFen: order.totalFen },
        }),
        objectType: 'order',
        objectId: order.id,
        orderId: order.id,
      },
    ],
  };
}

/**
 * Records a payment — the one code path for a verified WeChat Pay notification and the dev
 * payment: the order, the makers' earnings and the fund's shares change in one transaction.
 * A second notification for a paid order changes nothing.
 */
export async function markOrderPaid(
  input: {
    communityId: string;
    orderId: string;
    reference: string;
    amountFen?: number;
    now?: Date;
    /** A dev payment (`dev-…`) owes a shipping upload too (the dev stage talking to a WeChat stand-in). */
    devShipping?: boolean;
  },
  dependencies: { shop: ShopStore; fund: FundStore; consents: ConsentStore },
): Promise<{ order: Order; credited: boolean }> {
  for (let attempt = 1; attempt <= MAX_PAY_ATTEMPTS; attempt += 1) {
    const order = await dependencies.shop.getOrder(input.communityId, input.orderId);
    if (!order) throw notFound('order', 'shop.order_not_found');
    if (order.status === 'paid') return { order, credited: false };
    if (order.status !== 'pending_payment')
      throw new AppError('shop.order_not_payable', `This order is ${order.status}`);
    if (input.amountFen !== undefined && input.amountFen !== order.totalFen) {
      throw new AppError('payment.amount_mismatch', 'The paid amount does not match the order');
    }
    const paidAt = (input.now ?? new Date()).toISOString();
    const head = await dependencies.fund.getHead(input.communityId);
    const entries = fundEntriesFor(order, head, paidAt);
    const purchase = order.kind !== 'donation';
    // A donation is virtual goods: its shipping (logistics type 3) is owed to WeChat from payment.
    const owesShipping = !purchase && (!input.reference.startsWith('dev-') || input.devShipping === true);
    const shipping = owesShipping ? owedShipping(3, new Date(paidAt)) : undefined;
    const outcome = await dependencies.shop.markPaid(
      input.communityId,
      order,
      {
        reference: input.reference,
        paidAt,
        shipping,
        donors: await publicDonorsOf(order, entries, dependencies.consents),
      },
      entries,
      head.sequence,
      {
        ...paidEffects(input.communityId, order, paidAt),
      },
    );
    if (outcome === 'paid') {
      return {
        order: {
          ...order,
          status: 'paid',
          paidAt,
          paymentReference: input.reference,
          fundEntryIds: entries.map((entry) => entry.id),
          ...(shipping ? { shipping } : {}),
        },
        credited: true,
      };
    }
    if (outcome === 'not_payable') continue;
    await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
  }
  throw new AppError('shop.payment_busy', 'The payment could not be recorded yet; it will be retried');
}
