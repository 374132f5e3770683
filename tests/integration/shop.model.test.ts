import { reconcileSource } from '../../functions/src/store/ledger/reconcile-store';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  contracts,
  type Community,
  type FundEntry,
  type MeResponse,
  type Order,
  type OrderStatus,
  type PaymentRefund,
  type Redemption,
  type ReturnedPayment,
} from '@linli/shared';
import fc from 'fast-check';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { approveExpense, submitExpense } from '../../functions/src/domain/fund/fund';
import type { MemberRecord } from '../../functions/src/domain/identity/ports';
import { createOfflineMember, createProxy, removeProxy } from '../../functions/src/domain/identity/proxies';
import { createGood } from '../../functions/src/domain/market/supermarket';
import { reconcileCommunity } from '../../functions/src/domain/ledger/reconcile';
import {
  cancelOrder,
  donationOrder,
  expireDueOrders,
  fulfilOrder,
  recordPayout,
  refundOrder,
} from '../../functions/src/domain/shop/fulfilment';
import { createOrder, markOrderPaid } from '../../functions/src/domain/shop/orders';
import { paymentFor, sendRequestedRefund } from '../../functions/src/domain/shop/payments';
import type { ShopStore } from '../../functions/src/domain/shop/ports';
import { createProduct, decideProduct } from '../../functions/src/domain/shop/products';
import { handler as notifyHandler } from '../../functions/src/http/shop/wechat-notify';
import { stores } from '../../functions/src/wiring';
import { env } from '../../functions/src/lib/env';
import { statusForCode } from '../../functions/src/lib/errors';
import { logger } from '../../functions/src/lib/logger';
import type { PaymentGateway } from '../../functions/src/domain/shop/payment-gateway';
import { wechatPayGateway } from '../../functions/src/gateways/wechat-pay';
import { withoutKeys } from '../../functions/src/store/items';
import { INDEXES, keys } from '../../functions/src/store/keys';
import { documentClient, errorOf, newUser, send } from '../support/api';
import { invoke } from '../support/events';
import { createCommunity, tableName } from '../support/factories';
import { attempt, modelSettings, modelTest, queryItems, Tally, type Item, type Refusal } from '../support/model';
import { grantPoints } from '../support/timebank';
import { startWechatPayStandIn, type Transaction, type WechatPayStandIn } from '../support/wechat-pay-stand-in';

/**
 * Model-based test (fast-check `fc.commands`) of the artisan shop, the charity fund and proxies
 * against an in-memory model. The real system is the real use cases and stores over DynamoDB
 * Local, called in-process, with WeChat Pay played by the local stand-in
 * (`tests/support/wechat-pay-stand-in.ts`: signatures both ways, WeChat's order and refund
 * states); proxied requests go through the HTTP API, where proxy authorisation lives.
 *
 * Shop commands: list a product (any fund share, small stock) and approve or reject it; order
 * 1–3 units of one to three products, paid on the dev path (`markOrderPaid`, as `dev-pay`) or
 * through WeChat Pay (prepay at the stand-in, the payer pays, the signed notification goes to the
 * real notify handler — or is lost, and the payment is found when the order is cancelled or
 * expires); the payer mid-payment (USERPAYING); pay another amount than the order's; a late
 * payment for a cancelled or expired order (refunded automatically); the same notification
 * delivered again, up to three copies at once; the buyer (or someone else) cancels; the expiry job
 * runs with the clock moved on by 0–20 minutes; fulfil (ready for pickup / shipped / completed);
 * staff refund (a staff member's own order refused); WeChat's refund notifications (success,
 * abnormal, closed); WeChat's answer lost (a 500 after it acted) on a close, an expiry, a refund or
 * a payment sent back — then retried; pay a maker out (what is owed, half, one fen, one fen too
 * many); the office spends from the fund; a one-off donation, paid either way, and its refund.
 * Races — two actions at once, the outcome of either serial order accepted: a refund against
 * fulfilment, against a second refund, a payout to the maker or an expense of the whole fund;
 * WeChat's notification against the buyer's cancel; cancel against the dev payment; two payments
 * (the fund's chain); two buyers for all of a product's stock; two payouts to one maker; two staff
 * approving one expense of the whole fund.
 *
 * Proxy commands (HTTP, `X-Act-For`): a proxy the office set up (`createProxy`) for an offline
 * resident (`createOfflineMember`) reads the resident's record, points history and redemptions,
 * redeems and cancels in the supermarket for them (the allow-list `PROXYABLE_ROUTES`); tries the non-proxyable routes —
 * order, pay, cancel, donate, pledge, refund, fulfil, list or approve a product, pay a maker out,
 * give points, change roles, spend the fund — each refused `403 auth.not_proxyable` with nothing
 * changed; acts for a member without a relation (`403 proxy.not_authorized`); the office ends and
 * sets up the relation again; the resident is given points.
 *
 * After every command the whole community partition and the fund's new entries are read
 * (consistent Queries; the audit log too after the proxy's requests and after each run) and compared
 * with the model — every product's status and stock, every order's status,
 * payment reference, returned payment and refund, every maker's figures, the payouts, the fund's
 * head, the month statistics, the relation, the resident's points and redemptions — and a refusal
 * must be exactly the one the model expects. Invariants checked on the stored items:
 *   S1 per product: stock + units reserved by unpaid orders + units sold (paid, not refunded) +
 *      units refunded after they were handed over (shipped / completed: they stay with the buyer)
 *      = the stock listed;
 *   S2 per maker: balance = earnings − paid out; earnings, sales and units = those of the maker's
 *      lines in paid, unrefunded orders; paid out = the payouts recorded; the office's view shows
 *      owed − debt = earnings − paid out, never both; a debt (paid out > earnings) is at most what
 *      refunds took back after payouts — no payout ever exceeded what was owed net of debt;
 *   S3 the fund: balance = income − expense = Σ entries, never negative; the hash chain is intact
 *      (`verifyChain`), sequence = entries, each entry's running balance adds up;
 *   S4 every order's state is the model's (unpaid, paid, ready, shipped, completed, refunded,
 *      cancelled, expired; its returned payment and refund) and a payment takes effect exactly once:
 *      one fund entry per funded line of each order ever paid (and one per refund), the month
 *      statistics count each paid order and each refund once; no payment both credited and sent
 *      back;
 *   S5 per paid order: each line's fund share = ⌊gross × bps / 10000⌋, maker share = gross − fund
 *      share, their sum the order total; the order's fund entries carry exactly its fund shares;
 *   P1 every effect made through the proxy is the resident's (their redemptions, their points)
 *      and is in the audit log with the proxy as actor on behalf of the resident; the proxy never
 *      gains points, orders, payouts or an account; nothing else acts as the resident.
 * Reconciliation (`reconcileCommunity`) finds no drift after every run.
 *
 * The expiry job's query is the index of unpaid orders of the whole table: the test scopes it to
 * the lane's community (the lanes keep separate clocks).
 * LINLI_MODEL_STEPS (default 2500) is the number of commands to execute at least; LINLI_MODEL_SEED
 * replays a run (lane i, round r runs with seed SEED + 1000·i + r); LINLI_MODEL_LANES (default 3).
 */
const SETTINGS = modelSettings(2_500);
const MAX_COMMANDS = 80;
const MAKERS = 2;
/** Buyers: two residents and a staff member (who may not refund their own order). */
const BUYERS = 3;
const STAFF_BUYER = 2;
const MAX_PRODUCTS = 5;
const MAX_ORDERS = 24;
const GOOD_PRICE = 2;
const COMMUNITY_SHARE_BPS = 2000;

type Trade = 'none' | 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'CLOSED' | 'REFUND';
type RefundState = PaymentRefund['status'];
type Via = 'dev' | 'wechat';

interface LineModel {
  /** −1 for a donation. */
  product: number;
  maker: number;
  quantity: number;
  grossFen: number;
  fundFen: number;
  makerFen: number;
}

interface OrderModel {
  buyer: number;
  kind: 'shop' | 'donation';
  via: Via;
  lines: LineModel[];
  totalFen: number;
  status: OrderStatus;
  expiresAt: string;
  paidBy?: Via;
  /** Refunded after it was shipped or completed: its units stay with the buyer. */
  handedOver: boolean;
  /** The order at WeChat Pay (`none`: paid on the dev path). */
  trade: Trade;
  /** What the payer paid at WeChat; `notified` once a notification was delivered. */
  wechatPayment?: { amountFen: number };
  returned?: { reason: ReturnedPayment['reason']; status: RefundState };
  refund?: RefundState;
}

interface Model {
  products: {
    maker: number;
    priceFen: number;
    bps: number;
    status: 'pending' | 'approved' | 'rejected';
    stock: number;
    listed: number;
  }[];
  orders: OrderModel[];
  makers: { earningsFen: number; paidOutFen: number; salesFen: number; salesCount: number }[];
  payouts: number;
  approvedExpenses: string[];
  fund: { balanceFen: number; incomeFen: number; expenseFen: number; entries: number };
  stats: { orders: number; salesFen: number; refundsFen: number };
  /** Minutes the lane's clock is ahead of the real one. */
  clockMinutes: number;
  proxy: {
    relation: boolean;
    balance: number;
    goodStock: number;
    redemptions: { quantity: number; status: Redemption['status'] }[];
    /** The audit actions the proxy's writes must have left, in order. */
    audited: string[];
    /** Entries in the resident's points history: grants, redemptions, cancellations. */
    ledgerEntries: number;
  };
}

interface Real {
  community: Community;
  makers: MemberRecord[];
  buyers: MemberRecord[];
  staff: MemberRecord;
  otherStaff: MemberRecord;
  /** A third staff member: a second approver of the fund's expenses. */
  thirdStaff: MemberRecord;
  productIds: string[];
  orders: Order[];
  /** The WeChat transaction of each order paid at the stand-in. */
  transactions: Map<number, Transaction>;
  resident: MemberRecord;
  proxy: { token: string; userId: string };
  goodId: string;
  redemptionIds: string[];
  /** The fund's entries read so far, in sequence. */
  fundEntries: FundEntry[];
}

const tally = new Tally();
let standIn: WechatPayStandIn;
let payments: PaymentGateway;
const saved = { ...process.env };
/** One proxy user per lane (a token lasts the whole test); a member of each run's community. */
const proxies = new Map<number, Promise<{ token: string; userId: string }>>();

const SOLD: readonly OrderStatus[] = ['paid', 'ready_for_pickup', 'shipped', 'completed'];
const NEXT_STATUS_FROM: Record<'ready_for_pickup' | 'shipped' | 'completed', readonly OrderStatus[]> = {
  ready_for_pickup: ['paid'],
  shipped: ['paid'],
  completed: ['ready_for_pickup', 'shipped', 'paid'],
};
/** WeChat refund statuses move only forward (`REFUND_STATUS_FROM` in the shop store). */
const REFUND_FROM: Record<'success' | 'abnormal' | 'closed', readonly RefundState[]> = {
  success: ['requested', 'processing', 'abnormal'],
  abnormal: ['requested', 'processing'],
  closed: ['requested', 'processing', 'abnormal'],
};

const clock = (model: Model) => new Date(Date.now() + model.clockMinutes * 60_000);
const fundShare = (grossFen: number, bps: number) => Math.floor((grossFen * bps) / 10_000);
const expectCode = (actual: Refusal | null, expected: string | null, what: string) =>
  tally.expect(actual, expected, what, expected === null ? 409 : statusForCode(expected));

// ---------------------------------------------------------------- the model's bookkeeping

function restock(model: Model, order: OrderModel) {
  for (const line of order.lines) if (line.product >= 0) model.products[line.product]!.stock += line.quantity;
}

/** The payment recorded: makers' earnings and the fund's shares, once. */
function credit(model: Model, order: OrderModel, by: Via) {
  order.status = 'paid';
  order.paidBy = by;
  for (const line of order.lines) {
    if (line.maker >= 0) {
      const maker = model.makers[line.maker]!;
      maker.earningsFen += line.makerFen;
      maker.salesFen += line.grossFen;
      maker.salesCount += line.quantity;
    }
    if (line.fundFen > 0) {
      model.fund.balanceFen += line.fundFen;
      model.fund.incomeFen += line.fundFen;
      model.fund.entries += 1;
    }
  }
  if (order.kind === 'shop') {
    model.stats.orders += 1;
    model.stats.salesFen += order.totalFen;
  }
}

/**
 * A successful WeChat transaction meets the order (the table in `domain/shop/payments.ts`):
 * credited when unpaid and of the order's amount; nothing when credited with it already;
 * otherwise sent back (an unpaid order closes with it, its stock returns): `refundAnswer` is the
 * return's status after WeChat was asked (`requested` when its answer was lost).
 */
function settle(model: Model, order: OrderModel, refundAnswer: RefundState = 'processing') {
  const amountFen = order.wechatPayment!.amountFen;
  if (order.paidBy === 'wechat') return;
  if (order.status === 'pending_payment' && amountFen === order.totalFen) return credit(model, order, 'wechat');
  if (order.returned) {
    // Sent back already; one WeChat has not yet accepted is sent again (the same out_refund_no).
    if (order.returned.status === 'requested') order.returned.status = refundAnswer;
    return;
  }
  const reason =
    order.status === 'pending_payment'
      ? 'amount_mismatch'
      : order.status === 'cancelled' || order.status === 'expired'
        ? 'order_closed'
        : 'already_paid';
  order.returned = { reason, status: refundAnswer };
  order.trade = 'REFUND';
  if (order.status === 'pending_payment') {
    order.status = 'cancelled';
    restock(model, order);
  }
}

/** The refund's books: makers' earnings and the fund's shares back, stock too if nothing was handed over. */
function refundBooks(model: Model, order: OrderModel) {
  order.handedOver = order.status === 'shipped' || order.status === 'completed';
  if (!order.handedOver) restock(model, order);
  for (const line of order.lines) {
    if (line.maker >= 0) {
      const maker = model.makers[line.maker]!;
      maker.earningsFen -= line.makerFen;
      maker.salesFen -= line.grossFen;
      maker.salesCount -= line.quantity;
    }
    if (line.fundFen > 0) {
      model.fund.balanceFen -= line.fundFen;
      model.fund.expenseFen += line.fundFen;
      model.fund.entries += 1;
    }
  }
  if (order.kind === 'shop') model.stats.refundsFen += order.totalFen;
  order.status = 'refunded';
}

/** An unpaid order closes (cancelled by its buyer, or expired): its stock returns, WeChat's order is closed. */
function close(model: Model, order: OrderModel, to: 'cancelled' | 'expired') {
  order.status = to;
  restock(model, order);
  closedAtWechat(order);
}

/** WeChat closes an open order (a close it answered, or one whose answer was lost). */
function closedAtWechat(order: OrderModel) {
  if (order.trade === 'NOTPAY') order.trade = 'CLOSED';
}

/** The stand-in answers the next close of this order with a 500 (after closing it, as a lost answer). */
const closeFails = (orderId: string) => standIn.fault(new RegExp(`/out-trade-no/${orderId}/close$`), 'server_error');
/** The stand-in answers the next request for this refund with a 500 (after making it). */
const refundFails = (outRefundNo: string) =>
  standIn.fault(/^\/v3\/refund\/domestic\/refunds$/, 'server_error', (body) => body?.out_refund_no === outRefundNo);

// ---------------------------------------------------------------- reading the stored state back

interface Stored {
  partition: Item[];
  entries: FundEntry[];
  /** The community's audit log, when read (after the proxy's requests, and after each run). */
  audit?: Item[];
}

const fundEntryOf = (item: Item): FundEntry => {
  const { communityId: _community, ...entry } = withoutKeys<FundEntry & { communityId?: string }>(item);
  return entry;
};

/**
 * The community's partition (consistent Query: every product, order, maker account, payout, the
 * fund's head, statistics, members, the relation, goods and redemptions); the fund's entries the
 * head has gained since the last read (entries are written once, never changed); the audit log.
 */
async function readStored(real: Real, withAudit: boolean): Promise<Stored> {
  const cid = real.community.id;
  const audit = withAudit
    ? queryItems({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPartition(cid) },
        ConsistentRead: true,
      })
    : undefined;
  const partition = await queryItems({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.community(cid).PK },
    ConsistentRead: true,
  });
  const known = real.fundEntries.length;
  if (num(bySk(partition, keys.fundHead(cid).SK)?.sequence) !== known) {
    const added = await queryItems({
      KeyConditionExpression: 'PK = :pk AND SK > :known',
      ExpressionAttributeValues: { ':pk': keys.fundEntriesPartition(cid), ':known': keys.fundEntry(cid, known).SK },
      ConsistentRead: true,
    });
    real.fundEntries.push(...added.map(fundEntryOf).sort((left, right) => left.sequence - right.sequence));
  }
  return { partition, entries: real.fundEntries, audit: await audit };
}

const withPrefix = (items: Item[], prefix: string) => items.filter((item) => String(item.SK).startsWith(prefix));
const bySk = (items: Item[], sk: string) => items.find((item) => item.SK === sk);
const num = (value: unknown) => Number(value ?? 0);

function paymentKind(real: Real, index: number, item: Item | undefined): string | null {
  const reference = item?.paymentReference;
  if (reference === undefined) return null;
  if (reference === `dev-${real.orders[index]!.id}`) return 'dev';
  if (reference === real.transactions.get(index)?.transaction_id) return 'wechat';
  return `other:${String(reference)}`;
}

async function compare(model: Model, real: Real, after: string, withAudit = false) {
  const stored = await readStored(real, withAudit);
  const items = stored.partition;
  const orders = real.orders.map((order) => bySk(items, keys.order(real.community.id, order.id).SK));
  const makerAccounts = real.makers.map((maker) => bySk(items, keys.makerAccount(real.community.id, maker.userId).SK));
  const head = bySk(items, keys.fundHead(real.community.id).SK);
  const shopStats = withPrefix(items, keys.statsPrefix()).filter((item) => String(item.SK).endsWith('#SHOP'));
  const account = (userId: string) => bySk(items, keys.memberAccount(real.community.id, userId).SK);
  const redemptions = real.redemptionIds.map((id) => bySk(items, keys.redemption(real.community.id, id).SK));
  const actual = {
    products: real.productIds.map((id) => {
      const item = bySk(items, keys.product(real.community.id, id).SK);
      return [item?.status, num(item?.stock)];
    }),
    orders: orders.map((item, index) => [
      item?.status,
      paymentKind(real, index, item),
      (item?.returnedPayment as ReturnedPayment | undefined)?.reason ?? null,
      (item?.returnedPayment as ReturnedPayment | undefined)?.status ?? null,
      (item?.refund as PaymentRefund | undefined)?.status ?? null,
    ]),
    orderCount: withPrefix(items, keys.orderPrefix()).length,
    makers: makerAccounts.map((item) => [
      num(item?.earningsFen),
      num(item?.paidOutFen),
      num(item?.salesFen),
      num(item?.salesCount),
    ]),
    makerAccounts: withPrefix(items, keys.makerAccountPrefix()).length,
    payouts: withPrefix(items, 'PAYOUT#').length,
    fund: [num(head?.balanceFen), num(head?.incomeFen), num(head?.expenseFen), num(head?.sequence)],
    stats: ['shopOrders', 'shopSalesFen', 'shopRefundsFen'].map((name) =>
      shopStats.reduce((sum, item) => sum + num(item[name]), 0),
    ),
    proxy: [
      bySk(items, keys.proxy(real.community.id, real.resident.userId, real.proxy.userId).SK) !== undefined,
      num(account(real.resident.userId)?.balancePoints),
      num(bySk(items, keys.good(real.community.id, real.goodId).SK)?.stock),
      redemptions.map((item) => item?.status),
      withPrefix(items, 'REDEMPTION#').length,
    ],
  };
  const expected = {
    products: model.products.map((product) => [product.status, product.stock]),
    orders: model.orders.map((order) => [
      order.status,
      order.paidBy ?? null,
      order.returned?.reason ?? null,
      order.returned?.status ?? null,
      order.refund ?? null,
    ]),
    orderCount: model.orders.length,
    makers: model.makers.map((maker) => [maker.earningsFen, maker.paidOutFen, maker.salesFen, maker.salesCount]),
    makerAccounts: makerAccounts.filter((item) => item !== undefined).length,
    payouts: model.payouts,
    fund: [model.fund.balanceFen, model.fund.incomeFen, model.fund.expenseFen, model.fund.entries],
    stats: [model.stats.orders, model.stats.salesFen, model.stats.refundsFen],
    proxy: [
      model.proxy.relation,
      model.proxy.balance,
      model.proxy.goodStock,
      model.proxy.redemptions.map((redemption) => redemption.status),
      model.proxy.redemptions.length,
    ],
  };
  tally.comparisons += 1;
  for (const part of Object.keys(expected) as (keyof typeof expected)[]) {
    if (JSON.stringify(actual[part]) !== JSON.stringify(expected[part]))
      throw new Error(
        `after ${after}: ${part} stored ${JSON.stringify(actual[part])}, model ${JSON.stringify(expected[part])}`,
      );
  }
  checkInvariants(model, real, after, { ...stored, orders: orders as (Order | undefined)[], makerAccounts });
}

/** S1–S5 and P1 on the stored items. */
function checkInvariants(
  model: Model,
  real: Real,
  after: string,
  stored: Stored & { orders: (Order | undefined)[]; makerAccounts: (Item | undefined)[] },
) {
  const fail = (what: string): never => {
    throw new Error(`after ${after}: invariant ${what}`);
  };
  const cid = real.community.id;
  const orders = stored.orders.map((order, index) => ({ order: order!, index }));

  // S1: stock is conserved.
  real.productIds.forEach((productId, index) => {
    const product = bySk(stored.partition, keys.product(cid, productId).SK);
    let units = num(product?.stock);
    for (const { order, index: which } of orders) {
      const held =
        order.status === 'pending_payment' ||
        SOLD.includes(order.status) ||
        (order.status === 'refunded' && model.orders[which]!.handedOver);
      if (held && order.kind !== 'donation')
        units += order.lines
          .filter((line) => line.productId === productId)
          .reduce((sum, line) => sum + line.quantity, 0);
    }
    if (units !== model.products[index]!.listed)
      fail(`S1 (product #${index}): stock + reserved + sold = ${units}, listed ${model.products[index]!.listed}`);
  });

  // S2: each maker's figures.
  real.makers.forEach((maker, index) => {
    const account = stored.makerAccounts[index];
    const [earnings, paidOut, balance] = [
      num(account?.earningsFen),
      num(account?.paidOutFen),
      num(account?.balanceFen),
    ];
    if (balance !== earnings - paidOut) fail(`S2 (maker ${index}): balance ${balance} ≠ ${earnings} − ${paidOut}`);
    const lines = (statuses: (status: OrderStatus) => boolean) =>
      orders
        .filter(({ order }) => statuses(order.status))
        .flatMap(({ order }) => order.lines.filter((line) => line.makerId === maker.userId));
    const sold = lines((status) => SOLD.includes(status));
    const figures = [earnings, num(account?.salesFen), num(account?.salesCount)];
    const fromOrders = [
      sold.reduce((sum, line) => sum + line.makerFen, 0),
      sold.reduce((sum, line) => sum + line.grossFen, 0),
      sold.reduce((sum, line) => sum + line.quantity, 0),
    ];
    if (JSON.stringify(figures) !== JSON.stringify(fromOrders))
      fail(
        `S2 (maker ${index}): earnings, sales, units ${JSON.stringify(figures)} ≠ paid orders ${JSON.stringify(fromOrders)}`,
      );
    const payouts = withPrefix(stored.partition, 'PAYOUT#').filter((item) => item.makerId === maker.userId);
    if (paidOut !== payouts.reduce((sum, item) => sum + num(item.amountFen), 0))
      fail(`S2 (maker ${index}): paid out ${paidOut} ≠ the payouts recorded`);
    const refunded = lines((status) => status === 'refunded').reduce((sum, line) => sum + line.makerFen, 0);
    if (paidOut - earnings > refunded)
      fail(`S2 (maker ${index}): a debt of ${paidOut - earnings} beyond the ${refunded} refunds took back`);
  });

  // S3: the fund.
  const head = bySk(stored.partition, keys.fundHead(cid).SK);
  const entries = stored.entries;
  const balance = num(head?.balanceFen);
  if (balance !== num(head?.incomeFen) - num(head?.expenseFen)) fail('S3: balance ≠ income − expense');
  if (balance < 0) fail(`S3: the fund's balance is ${balance}`);
  if (num(head?.sequence) !== entries.length) fail(`S3: sequence ${num(head?.sequence)} ≠ ${entries.length} entries`);
  if (entries.reduce((sum, entry) => sum + entry.amountFen, 0) !== balance) fail('S3: Σ entries ≠ balance');
  let running = 0;
  for (const entry of entries) {
    running += entry.amountFen;
    if (entry.balanceAfterFen !== running) fail(`S3: entry ${entry.sequence}'s running balance`);
  }
  if (!verifyChain(entries).intact) fail(`S3: the hash chain is broken at ${verifyChain(entries).brokenAt}`);
  if (entries.length > 0 && entries.at(-1)!.hash !== head?.latestHash) fail('S3: the head is not the last entry');

  // S4: exactly once — one fund entry per funded line of each order ever paid and of each refund.
  const everPaid = orders.filter(({ order }) => order.paidAt !== undefined);
  const funded = (order: Order) => order.lines.filter((line) => line.fundFen > 0).length;
  const incomes = entries.filter((entry) => entry.amountFen > 0).length;
  const refunds = entries.filter((entry) => entry.kind === 'refund').length;
  if (incomes !== everPaid.reduce((sum, { order }) => sum + funded(order), 0))
    fail(`S4: ${incomes} fund incomes for the orders paid`);
  const refundedOrders = orders.filter(({ order }) => order.status === 'refunded');
  if (refunds !== refundedOrders.reduce((sum, { order }) => sum + funded(order), 0))
    fail(`S4: ${refunds} fund refunds for the orders refunded`);
  const shopStats = withPrefix(stored.partition, keys.statsPrefix()).filter((item) =>
    String(item.SK).endsWith('#SHOP'),
  );
  const sales = everPaid.filter(({ order }) => order.kind !== 'donation').map(({ order }) => order);
  const counted = ['shopOrders', 'shopSalesFen', 'shopRefundsFen'].map((name) =>
    shopStats.reduce((sum, item) => sum + num(item[name]), 0),
  );
  const fromOrders = [
    sales.length,
    sales.reduce((sum, order) => sum + order.totalFen, 0),
    sales.filter((order) => order.status === 'refunded').reduce((sum, order) => sum + order.totalFen, 0),
  ];
  if (JSON.stringify(counted) !== JSON.stringify(fromOrders))
    fail(`S4: the month statistics ${JSON.stringify(counted)} ≠ the orders ${JSON.stringify(fromOrders)}`);
  for (const { order, index } of orders) {
    if (order.returnedPayment && order.paymentReference === order.returnedPayment.transactionId)
      fail(`S4: order #${index}'s payment was both credited and sent back`);
    if ((order.paidAt === undefined) !== (order.paymentReference === undefined))
      fail(`S4: order #${index} has a payment reference without a payment, or the reverse`);
  }

  // S5: the split of every paid order, and its fund entries.
  for (const { order, index } of everPaid) {
    let total = 0;
    for (const line of order.lines) {
      total += line.grossFen;
      if (line.grossFen !== line.unitPriceFen * line.quantity) fail(`S5: order #${index}: gross ≠ price × units`);
      if (line.fundFen !== fundShare(line.grossFen, line.fundShareBps)) fail(`S5: order #${index}: fund share`);
      if (line.fundFen + line.makerFen !== line.grossFen) fail(`S5: order #${index}: fund + maker ≠ gross`);
    }
    if (total !== order.totalFen) fail(`S5: order #${index}: Σ lines ${total} ≠ total ${order.totalFen}`);
    const paidEntries = (order.fundEntryIds ?? []).map((id) => entries.find((entry) => entry.id === id));
    const shares = order.lines.filter((line) => line.fundFen > 0).map((line) => line.fundFen);
    if (JSON.stringify(paidEntries.map((entry) => entry?.amountFen)) !== JSON.stringify(shares))
      fail(
        `S5: order #${index}'s fund entries ${JSON.stringify(paidEntries.map((entry) => entry?.amountFen))} ≠ its shares`,
      );
    const kind = order.kind === 'donation' ? 'donation' : 'sale_share';
    if (paidEntries.some((entry) => entry?.kind !== kind)) fail(`S5: order #${index}'s fund entries are not ${kind}`);
  }

  // P1: what the proxy did is the resident's, on record as the proxy's.
  if (stored.audit) {
    const byProxy = stored.audit.filter((entry) => entry.actorId === real.proxy.userId);
    if (byProxy.some((entry) => entry.onBehalfOf !== real.resident.userId))
      fail('P1: an audit entry of the proxy is not on behalf of the resident');
    const actions = byProxy.map((entry) => String(entry.action));
    if (JSON.stringify(actions) !== JSON.stringify(model.proxy.audited))
      fail(`P1: the proxy's audit ${JSON.stringify(actions)} ≠ its writes ${JSON.stringify(model.proxy.audited)}`);
    if (stored.audit.some((entry) => entry.actorId === real.resident.userId))
      fail('P1: the offline resident acted without the proxy');
  }
  for (const item of withPrefix(stored.partition, 'REDEMPTION#'))
    if (item.memberId !== real.resident.userId) fail('P1: a redemption is not the resident’s');
  const proxyAccount = bySk(stored.partition, keys.memberAccount(cid, real.proxy.userId).SK);
  if (num(proxyAccount?.balancePoints) !== 0 || num(proxyAccount?.earnedPoints) !== 0)
    fail('P1: the proxy gained points');
  if (bySk(stored.partition, keys.makerAccount(cid, real.proxy.userId).SK)) fail('P1: the proxy has a maker account');
  if (withPrefix(stored.partition, keys.orderPrefix()).some((item) => item.buyerId === real.proxy.userId))
    fail('P1: the proxy has an order');
}

// ---------------------------------------------------------------- commands

type Command = fc.AsyncCommand<Model, Real>;

/** The `which`-th of the orders that `eligible` picks (by the model), or undefined. */
function pick(model: Model, which: number, eligible: (order: OrderModel) => boolean = () => true) {
  const candidates = model.orders.map((order, index) => ({ order, index })).filter(({ order }) => eligible(order));
  return candidates.length === 0 ? undefined : candidates[which % candidates.length]!;
}

const shopDependencies = () => ({ shop: stores.shop(), fund: stores.fund(), consents: stores.consents() });

class CreateProduct implements Command {
  constructor(
    readonly maker: number,
    readonly priceFen: number,
    readonly stock: number,
    readonly bps: number | undefined,
  ) {}
  check = (model: Readonly<Model>) => model.products.length < MAX_PRODUCTS;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const product = await createProduct(
      {
        community: real.community,
        maker: real.makers[this.maker]!,
        request: {
          title: `手作 ${model.products.length}`,
          description: '邻居手作',
          priceFen: this.priceFen,
          stock: this.stock,
          ...(this.bps === undefined ? {} : { fundShareBps: this.bps }),
        },
      },
      stores.shop(),
    );
    tally.success(this.toString());
    model.products.push({
      maker: this.maker,
      priceFen: this.priceFen,
      bps: this.bps ?? COMMUNITY_SHARE_BPS,
      status: 'pending',
      stock: this.stock,
      listed: this.stock,
    });
    real.productIds.push(product.id);
    await compare(model, real, this.toString());
  }
  toString = () =>
    `listProduct(maker ${this.maker}, ${this.priceFen} fen, stock ${this.stock}, ${this.bps ?? 'default'} bps)`;
}

class DecideProduct implements Command {
  constructor(
    readonly which: number,
    readonly approve: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.products.length;
    const product = model.products[index]!;
    const refusal = await attempt(() =>
      decideProduct(
        {
          communityId: real.community.id,
          productId: real.productIds[index]!,
          actorId: real.staff.userId,
          approve: this.approve,
          reason: this.approve ? undefined : '图片不清楚',
        },
        stores.shop(),
      ),
    );
    const expected = product.status === 'pending' ? null : 'shop.already_decided';
    expectCode(refusal, expected, this.toString());
    if (expected === null) product.status = this.approve ? 'approved' : 'rejected';
    await compare(model, real, this.toString());
  }
  toString = () => `${this.approve ? 'approve' : 'reject'}Product(#${this.which})`;
}

/** Asks WeChat Pay for the order's prepay (the stand-in then knows it as NOTPAY). */
async function prepay(real: Real, order: Order, buyer: number) {
  await paymentFor(
    { communityId: real.community.id, order, payerOpenid: `openid-${real.buyers[buyer]!.userId}` },
    { payments, devStage: true },
  );
}

/**
 * One action on the system: `act` does it to the real system; `expect` applies it to a model and
 * answers the refusal the model expects of it (null: success); `commit` records what it made once
 * the model accepted it. A command runs one; `Race` runs two at once and accepts the outcome of
 * either serial order.
 */
interface Op {
  act: () => Promise<Refusal | null>;
  expect: (model: Model) => string | null;
  commit?: () => void;
}

/** Each product once (the route's schema refuses repeats). */
const distinct = (items: { product: number; quantity: number }[], products: number) =>
  [...new Map(items.map((item) => [item.product % products, item.quantity])).entries()].map(([product, quantity]) => ({
    product,
    quantity,
  }));

function orderOp(real: Real, buyer: number, items: { product: number; quantity: number }[], via: Via, now: Date): Op {
  let made: Order | undefined;
  return {
    act: () =>
      attempt(async () => {
        made = await createOrder(
          {
            communityId: real.community.id,
            buyer: real.buyers[buyer]!,
            request: {
              items: items.map((item) => ({ productId: real.productIds[item.product]!, quantity: item.quantity })),
            },
            now,
          },
          stores.shop(),
        );
        if (via === 'wechat') await prepay(real, made, buyer);
      }),
    expect: (model) => {
      for (const item of items) {
        const product = model.products[item.product]!;
        if (product.status !== 'approved') return 'shop.product_not_found';
        if (product.stock < item.quantity) return 'shop.sold_out';
      }
      const lines = items.map(({ product, quantity }) => {
        const listed = model.products[product]!;
        const grossFen = listed.priceFen * quantity;
        const fundFen = fundShare(grossFen, listed.bps);
        listed.stock -= quantity;
        return { product, maker: listed.maker, quantity, grossFen, fundFen, makerFen: grossFen - fundFen };
      });
      model.orders.push({
        buyer,
        kind: 'shop',
        via,
        lines,
        totalFen: lines.reduce((sum, line) => sum + line.grossFen, 0),
        status: 'pending_payment',
        expiresAt: made?.expiresAt ?? '',
        handedOver: false,
        trade: via === 'wechat' ? 'NOTPAY' : 'none',
      });
      return null;
    },
    commit: () => real.orders.push(made!),
  };
}

/** The dev stage's payment: `dev-pay` records it through `markOrderPaid`, as a notification would. */
const devPayOp = (real: Real, index: number): Op => ({
  act: () => {
    const placed = real.orders[index]!;
    return attempt(() =>
      markOrderPaid(
        {
          communityId: real.community.id,
          orderId: placed.id,
          reference: `dev-${placed.id}`,
          amountFen: placed.totalFen,
        },
        shopDependencies(),
      ),
    );
  },
  expect: (model) => {
    const order = model.orders[index]!;
    // A second payment of a paid order changes nothing; any other state cannot be paid.
    if (order.status === 'paid') return null;
    if (order.status !== 'pending_payment') return 'shop.order_not_payable';
    credit(model, order, 'dev');
    return null;
  },
});

/** WeChat's payment notification for the order's transaction (answered 200). */
const notifyOp = (real: Real, index: number): Op => ({
  act: async () => {
    await deliver(real, index, 1, 'notify');
    return null;
  },
  expect: (model) => {
    settle(model, model.orders[index]!);
    return null;
  },
});

/** The buyer (or another member) cancels; `wechatDown`: WeChat's answer to the close is lost. */
const cancelOp = (real: Real, index: number, byOther = false, wechatDown = false): Op => ({
  act: () => {
    const buyerId = real.orders[index]!.buyerId;
    const caller = byOther ? real.buyers.find((candidate) => candidate.userId !== buyerId)!.userId : buyerId;
    return attempt(() =>
      cancelOrder(
        { communityId: real.community.id, orderId: real.orders[index]!.id, buyerId: caller },
        { ...shopDependencies(), payments },
      ),
    );
  },
  expect: (model) => {
    const order = model.orders[index]!;
    if (byOther) return 'auth.forbidden';
    if (order.status !== 'pending_payment') return 'shop.order_not_cancellable';
    if (wechatDown) {
      // WeChat closed it but its answer was lost: ours stays open (retry).
      closedAtWechat(order);
      return 'payment.unavailable';
    }
    if (order.trade === 'SUCCESS') {
      // WeChat will not close a paid order: the payment its lost notification carried is settled.
      settle(model, order);
      return (order.status as OrderStatus) === 'cancelled' ? null : 'shop.order_not_cancellable';
    }
    if (order.trade === 'USERPAYING') return 'shop.payment_in_progress';
    close(model, order, 'cancelled');
    return null;
  },
});

const fulfilOp = (real: Real, index: number, to: keyof typeof NEXT_STATUS_FROM): Op => ({
  act: () =>
    attempt(() =>
      fulfilOrder(
        { communityId: real.community.id, orderId: real.orders[index]!.id, actorId: real.staff.userId, status: to },
        stores.shop(),
      ),
    ),
  expect: (model) => {
    const order = model.orders[index]!;
    if (order.kind !== 'shop' || !NEXT_STATUS_FROM[to].includes(order.status)) return 'shop.order_not_fulfillable';
    order.status = to;
    return null;
  },
});

/**
 * What a refund does by the model: refused (the code), the books (`refund`), or only WeChat asked
 * again for a refund still `requested` (`resend`).
 */
function refundPlan(model: Model, real: Real, index: number, actor: MemberRecord) {
  const order = model.orders[index]!;
  const fundShares = order.lines.reduce((sum, line) => sum + line.fundFen, 0);
  const books =
    real.buyers[order.buyer]!.userId === actor.userId
      ? 'auth.conflict_of_interest'
      : order.status === 'refunded' && order.refund === 'requested'
        ? 'resend'
        : !SOLD.includes(order.status)
          ? 'shop.order_not_refundable'
          : model.fund.balanceFen < fundShares
            ? 'fund.insufficient_balance'
            : 'refund';
  return { books, asksWechat: (books === 'refund' && order.paidBy === 'wechat') || books === 'resend' };
}

/** Staff refund, as the refund route does: the books first, then WeChat Pay is asked. */
const refundOp = (real: Real, index: number, actor: MemberRecord, wechatDown = false): Op => ({
  act: () =>
    attempt(async () => {
      const refunded = await refundOrder(
        {
          communityId: real.community.id,
          orderId: real.orders[index]!.id,
          actorId: actor.userId,
          reason: '买家退货',
          wechatPay: true,
        },
        shopDependencies(),
      );
      await sendRequestedRefund(real.community.id, refunded, { shop: stores.shop(), payments });
    }),
  expect: (model) => {
    const order = model.orders[index]!;
    const { books, asksWechat } = refundPlan(model, real, index, actor);
    if (books === 'refund') refundBooks(model, order);
    if (asksWechat) {
      // WeChat makes the refund even when its answer is lost; ours shows it once an answer came.
      order.refund = wechatDown ? 'requested' : 'processing';
      order.trade = 'REFUND';
    }
    if (books !== 'refund' && books !== 'resend') return books;
    return asksWechat && wechatDown ? 'payment.unavailable' : null;
  },
});

const payoutOp = (real: Real, maker: number, amountFen: number): Op => ({
  act: () =>
    attempt(() =>
      recordPayout(
        {
          communityId: real.community.id,
          makerId: real.makers[maker]!.userId,
          amountFen,
          note: '月结',
          actorId: real.staff.userId,
        },
        { shop: stores.shop(), communities: stores.communities() },
      ),
    ),
  expect: (model) => {
    const figures = model.makers[maker]!;
    if (amountFen > figures.earningsFen - figures.paidOutFen) return 'shop.payout_exceeds_balance';
    figures.paidOutFen += amountFen;
    model.payouts += 1;
    return null;
  },
});

/** The office spends from the fund: submitted by one staff member (first), approved by another. */
async function submitted(real: Real, amountFen: number) {
  return submitExpense(
    {
      communityId: real.community.id,
      actorId: real.staff.userId,
      request: { amountFen, purpose: '慰问老人', category: 'elderly_care' },
    },
    stores.fund(),
  );
}

const approveExpenseOp = (real: Real, expenseId: string, amountFen: number, approver = real.otherStaff): Op => ({
  act: () =>
    attempt(() =>
      approveExpense({ communityId: real.community.id, expenseId, actorId: approver.userId }, stores.fund()),
    ),
  expect: (model) => {
    if (model.approvedExpenses.includes(expenseId)) return 'fund.expense_already_decided';
    if (amountFen > model.fund.balanceFen) return 'fund.insufficient_balance';
    model.fund.balanceFen -= amountFen;
    model.fund.expenseFen += amountFen;
    model.fund.entries += 1;
    model.approvedExpenses.push(expenseId);
    return null;
  },
});

/** Runs one action as a command step: the real system, then the model, then the comparison. */
async function runOp(model: Model, real: Real, op: Op, what: string) {
  const refusal = await op.act();
  const expected = op.expect(model);
  expectCode(refusal, expected, what);
  if (expected === null) op.commit?.();
  await compare(model, real, what);
}

class PlaceOrder implements Command {
  constructor(
    readonly buyer: number,
    readonly items: { product: number; quantity: number }[],
    readonly via: Via,
  ) {}
  check = (model: Readonly<Model>) => model.orders.length < MAX_ORDERS;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const items = distinct(this.items, model.products.length);
    await runOp(model, real, orderOp(real, this.buyer, items, this.via, clock(model)), this.toString());
  }
  toString = () =>
    `order(b${this.buyer}, ${this.items.map((item) => `p${item.product}×${item.quantity}`).join(' ')}, ${this.via})`;
}

class Donate implements Command {
  constructor(
    readonly buyer: number,
    readonly amountFen: number,
    readonly via: Via,
  ) {}
  check = (model: Readonly<Model>) => model.orders.length < MAX_ORDERS;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    // As the donate route: a donation order, written like any order, paid like any order.
    const order = donationOrder({
      donor: real.buyers[this.buyer]!,
      request: { amountFen: this.amountFen, publishName: this.buyer !== 0 },
      now: clock(model),
    });
    const outcome = await stores.shop().createOrder(real.community.id, order);
    if (outcome !== 'created') throw new Error(`${this.toString()}: ${outcome}`);
    if (this.via === 'wechat') await prepay(real, order, this.buyer);
    tally.success(this.toString());
    model.orders.push({
      buyer: this.buyer,
      kind: 'donation',
      via: this.via,
      lines: [{ product: -1, maker: -1, quantity: 1, grossFen: this.amountFen, fundFen: this.amountFen, makerFen: 0 }],
      totalFen: this.amountFen,
      status: 'pending_payment',
      expiresAt: order.expiresAt,
      handedOver: false,
      trade: this.via === 'wechat' ? 'NOTPAY' : 'none',
    });
    real.orders.push(order);
    await compare(model, real, this.toString());
  }
  toString = () => `donate(b${this.buyer}, ${this.amountFen} fen, ${this.via})`;
}

class DevPay implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.orders.some((order) => order.via === 'dev');
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { index } = pick(model, this.which, (candidate) => candidate.via === 'dev')!;
    await runOp(model, real, devPayOp(real, index), this.toString());
  }
  toString = () => `devPay(#${this.which})`;
}

/** WeChat Pay's notifications, signed by the stand-in, through the real notify handler: always 200. */
async function deliver(real: Real, index: number, copies: number, what: string, unavailable = false) {
  const transaction = real.transactions.get(index)!;
  const replies = await Promise.all(
    Array.from({ length: copies }, () => invoke(notifyHandler, standIn.paymentNotification(transaction))),
  );
  for (const reply of replies) {
    const code = (reply.body.error as { code?: string } | undefined)?.code;
    const answered = unavailable
      ? reply.status === statusForCode('payment.unavailable') && code === 'payment.unavailable'
      : reply.status === 200 && reply.body.code === 'SUCCESS';
    if (!answered)
      throw new Error(`${what}: the notification was answered ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

/** Would settling the payment now ask WeChat to send it back? */
const sendsBack = (order: OrderModel) =>
  order.paidBy !== 'wechat' &&
  !(order.status === 'pending_payment' && order.wechatPayment!.amountFen === order.totalFen) &&
  (!order.returned || order.returned.status === 'requested');

/** WeChat orders the payer can still pay (a closed one: a payment that slipped past the close). */
const PAYABLE: readonly Trade[] = ['NOTPAY', 'USERPAYING', 'CLOSED'];

/**
 * The payer pays at WeChat — an open order, or one closed by cancel or expiry (a payment that
 * slipped past the close), of the order's amount or another — and WeChat's notification arrives,
 * or is lost (the payment is then found when the order is cancelled or expires, or a later copy).
 */
class WechatPay implements Command {
  constructor(
    readonly which: number,
    readonly notify: boolean,
    readonly otherAmount: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.orders.some((order) => PAYABLE.includes(order.trade));
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { order, index } = pick(model, this.which, (candidate) => PAYABLE.includes(candidate.trade))!;
    const amountFen = this.otherAmount ? order.totalFen + 1 : order.totalFen;
    real.transactions.set(
      index,
      standIn.pay(real.orders[index]!.id, {
        slippedPastClose: order.trade === 'CLOSED',
        ...(this.otherAmount ? { amountFen } : {}),
      }),
    );
    order.trade = 'SUCCESS';
    order.wechatPayment = { amountFen };
    if (this.notify) {
      await deliver(real, index, 1, this.toString());
      settle(model, order);
    }
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () =>
    `wechatPay(#${this.which}${this.otherAmount ? ', another amount' : ''}${this.notify ? '' : ', notification lost'})`;
}

/** The payer is entering the password: WeChat will not close the order meanwhile. */
class StartPaying implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.orders.some((order) => order.trade === 'NOTPAY');
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { order, index } = pick(model, this.which, (candidate) => candidate.trade === 'NOTPAY')!;
    standIn.startPaying(real.orders[index]!.id);
    order.trade = 'USERPAYING';
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () => `startPaying(#${this.which})`;
}

/** The same notification again — late, or several copies at once. */
class Redeliver implements Command {
  constructor(
    readonly which: number,
    readonly copies: number,
    /** WeChat's answer to sending the payment back is lost (one copy): the notification is answered 503. */
    readonly wechatDown: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.orders.some((order) => order.wechatPayment !== undefined);
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { order, index } = pick(model, this.which, (candidate) => candidate.wechatPayment !== undefined)!;
    const down = this.wechatDown && this.copies === 1 && sendsBack(order);
    if (down) refundFails(`rp${real.orders[index]!.id}`);
    await deliver(real, index, this.copies, this.toString(), down);
    settle(model, order, down ? 'requested' : 'processing');
    if (down) order.trade = 'REFUND';
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () => `redeliver(#${this.which}, ×${this.copies}${this.wechatDown ? ', WeChat down' : ''})`;
}

/** The buyer (or someone else) cancels; WeChat may be unreachable, or the payer mid-payment. */
class Cancel implements Command {
  constructor(
    readonly which: number,
    readonly byOther: boolean,
    readonly wechatDown: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { order, index } = pick(model, this.which)!;
    if (this.wechatDown && !this.byOther && order.status === 'pending_payment') closeFails(real.orders[index]!.id);
    await runOp(model, real, cancelOp(real, index, this.byOther, this.wechatDown), this.toString());
  }
  toString = () =>
    `cancel(#${this.which}${this.byOther ? ', by another' : ''}${this.wechatDown ? ', WeChat down' : ''})`;
}

/**
 * The expiry job's due orders, scoped to one community: the unpaid-orders index is shared by every
 * community of the test table, and the job reads 200 at a time.
 */
function scopedShop(communityId: string): ShopStore {
  const shop = stores.shop();
  return Object.assign(Object.create(shop) as ShopStore, {
    ordersDueForExpiry: async (nowIso: string) => {
      const due = await shop.ordersDueForExpiry(nowIso);
      if (due.length < 200) return due.filter((order) => order.communityId === communityId);
      const result = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: INDEXES.gsi1,
          KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK < :now',
          FilterExpression: 'communityId = :cid',
          ExpressionAttributeValues: {
            ':partition': keys.unpaidOrdersPartition(),
            ':now': nowIso,
            ':cid': communityId,
          },
        }),
      );
      return (result.Items ?? []).map((item) => ({ communityId, orderId: String(item.id) }));
    },
  });
}

class Expire implements Command {
  constructor(
    readonly minutes: number,
    /** WeChat's answer to closing the first due order is lost. */
    readonly wechatDown: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    model.clockMinutes += this.minutes;
    const now = clock(model);
    const due = model.orders
      .map((order, index) => ({ order, index }))
      .filter(({ order }) => order.status === 'pending_payment' && order.expiresAt < now.toISOString());
    const unreachable = this.wechatDown ? due[0]?.index : undefined;
    if (unreachable !== undefined) closeFails(real.orders[unreachable]!.id);
    const result = await expireDueOrders(
      { now },
      { shop: scopedShop(real.community.id), fund: stores.fund(), consents: stores.consents(), payments },
    );
    let expired = 0;
    const deferred: Record<string, string> = {};
    for (const { order, index } of due) {
      const id = real.orders[index]!.id;
      if (index === unreachable) {
        closedAtWechat(order);
        deferred[id] = 'payment.unavailable';
      } else if (order.trade === 'SUCCESS') {
        settle(model, order);
        deferred[id] = 'settled';
      } else if (order.trade === 'USERPAYING') deferred[id] = 'paying';
      else {
        close(model, order, 'expired');
        expired += 1;
      }
    }
    const reasons = Object.fromEntries(result.deferred.map((deferral) => [deferral.orderId, deferral.reason]));
    if (
      result.expired !== expired ||
      JSON.stringify(reasons, Object.keys(reasons).sort()) !== JSON.stringify(deferred, Object.keys(deferred).sort())
    )
      throw new Error(
        `${this.toString()}: ${JSON.stringify(result)}, model ${expired} expired, ${JSON.stringify(deferred)}`,
      );
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () => `expire(+${this.minutes} min${this.wechatDown ? ', WeChat down' : ''})`;
}

class Fulfil implements Command {
  constructor(
    readonly which: number,
    readonly to: keyof typeof NEXT_STATUS_FROM,
  ) {}
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { index } = pick(model, this.which)!;
    await runOp(model, real, fulfilOp(real, index, this.to), this.toString());
  }
  toString = () => `fulfil(#${this.which}, ${this.to})`;
}

class Refund implements Command {
  constructor(
    readonly which: number,
    readonly byOtherStaff: boolean,
    /** WeChat's answer to the refund request is lost: the books stand, the refund stays `requested`. */
    readonly wechatDown: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { index } = pick(model, this.which)!;
    const actor = this.byOtherStaff ? real.otherStaff : real.staff;
    const down = this.wechatDown && refundPlan(model, real, index, actor).asksWechat;
    if (down) refundFails(`rf${real.orders[index]!.id}`);
    await runOp(model, real, refundOp(real, index, actor, down), this.toString());
  }
  toString = () =>
    `refund(#${this.which}, by ${this.byOtherStaff ? 'the other staff member' : 'staff'}${this.wechatDown ? ', WeChat down' : ''})`;
}

/** WeChat Pay's notification of how a refund (the office's, or a payment sent back) ended. */
class RefundNotice implements Command {
  constructor(
    readonly which: number,
    readonly returned: boolean,
    readonly status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED',
  ) {}
  check = (model: Readonly<Model>) => model.orders.some((order) => order.refund || order.returned);
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const { order, index } = pick(model, this.which, (candidate) => Boolean(candidate.refund || candidate.returned))!;
    const field = (this.returned && order.returned) || !order.refund ? 'returned' : 'refund';
    const outRefundNo = `${field === 'refund' ? 'rf' : 'rp'}${real.orders[index]!.id}`;
    const reply = await invoke(notifyHandler, standIn.refundNotification(outRefundNo, this.status));
    if (reply.status !== 200) throw new Error(`${this.toString()}: ${reply.status} ${JSON.stringify(reply.body)}`);
    const to = this.status.toLowerCase() as 'success' | 'abnormal' | 'closed';
    if (field === 'refund' && REFUND_FROM[to].includes(order.refund!)) order.refund = to;
    if (field === 'returned' && REFUND_FROM[to].includes(order.returned!.status)) order.returned!.status = to;
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () => `refundNotice(#${this.which}, ${this.returned ? 'returned' : 'refund'}, ${this.status})`;
}

type Portion = 'all' | 'half' | 'one' | 'over';
const portionOf = (balance: number, portion: Portion) =>
  Math.max(1, { all: balance, half: Math.floor(balance / 2), one: 1, over: balance + 1 }[portion]);

class Payout implements Command {
  constructor(
    readonly maker: number,
    readonly portion: Portion,
    /** Two payouts of the amount at once: as many as the balance covers, never more. */
    readonly twice: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const figures = model.makers[this.maker]!;
    const amountFen = portionOf(figures.earningsFen - figures.paidOutFen, this.portion);
    const pay = () => payoutOp(real, this.maker, amountFen);
    if (this.twice) await runRace(model, real, [pay(), pay()], this.toString());
    else await runOp(model, real, pay(), this.toString());
  }
  toString = () => `payout(maker ${this.maker}, ${this.portion}${this.twice ? ', twice at once' : ''})`;
}

class SpendFund implements Command {
  constructor(readonly portion: Portion) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const amountFen = portionOf(model.fund.balanceFen, this.portion);
    const expense = await submitted(real, amountFen);
    await runOp(model, real, approveExpenseOp(real, expense.id, amountFen), this.toString());
  }
  toString = () => `spendFund(${this.portion})`;
}

/**
 * Two actions at once, each serial order of them acceptable; the stored state must then be what
 * that order leaves (and the invariants hold). `lenient`: a refund that lost the race may still
 * succeed by sending a WeChat refund that is still `requested` again.
 */
async function runRace(model: Model, real: Real, ops: [Op, Op], what: string, lenient = false) {
  const actual = await Promise.all(ops.map((op) => op.act()));
  const serials = [
    [0, 1],
    [1, 0],
  ].map((order) => {
    const clone = structuredClone(model);
    const codes: (string | null)[] = [];
    for (const index of order) codes[index] = ops[index]!.expect(clone);
    return { order, clone, codes };
  });
  const agrees = (code: string | null, refusal: Refusal | null) =>
    code === null
      ? refusal === null
      : (refusal?.code === code && refusal.status === statusForCode(code)) ||
        (lenient && code === 'shop.order_not_refundable' && refusal === null);
  const match = serials.find((serial) => serial.codes.every((code, index) => agrees(code, actual[index]!)));
  if (!match)
    throw new Error(
      `${what}: ${JSON.stringify(actual)}; in either order the model expects ${JSON.stringify(serials.map((serial) => serial.codes))}`,
    );
  Object.assign(model, match.clone);
  for (const index of match.order) if (actual[index] === null) ops[index]!.commit?.();
  match.codes.forEach((code, index) =>
    actual[index] === null ? tally.success(what) : expectCode(actual[index]!, code, what),
  );
  await compare(model, real, what);
}

type RaceKind =
  | 'refund|fulfil'
  | 'refund|refund'
  | 'notify|cancel'
  | 'cancel|devPay'
  | 'refund|payout'
  | 'refund|spend'
  | 'devPay|devPay'
  | 'order|order'
  | 'approve|approve';
const RACES: RaceKind[] = [
  'approve|approve',
  'refund|fulfil',
  'refund|refund',
  'notify|cancel',
  'cancel|devPay',
  'refund|payout',
  'refund|spend',
  'devPay|devPay',
  'order|order',
];

/** What a race of this kind can run on: orders (products for `order|order`). */
function raceCandidates(model: Readonly<Model>, kind: RaceKind): number[] {
  const orders = (test: (order: OrderModel) => boolean) =>
    model.orders.flatMap((order, index) => (test(order) ? [index] : []));
  switch (kind) {
    case 'refund|fulfil':
      return orders((order) => order.status === 'paid' && order.kind === 'shop');
    case 'refund|refund':
      return orders((order) => SOLD.includes(order.status) && order.buyer < STAFF_BUYER);
    case 'notify|cancel':
      return orders((order) => order.status === 'pending_payment' && ['NOTPAY', 'USERPAYING'].includes(order.trade));
    case 'cancel|devPay':
    case 'devPay|devPay':
      return orders((order) => order.status === 'pending_payment' && order.via === 'dev');
    case 'refund|payout':
      return orders((order) => SOLD.includes(order.status) && order.kind === 'shop');
    case 'refund|spend':
      return orders((order) => SOLD.includes(order.status));
    case 'approve|approve':
      return [0];
    case 'order|order':
      return model.orders.length + 2 > MAX_ORDERS
        ? []
        : model.products.flatMap((product, index) =>
            product.status === 'approved' && product.stock > 0 ? [index] : [],
          );
  }
}

/**
 * Races between actions on one order, maker, product or expense: a refund against fulfilment,
 * against a second refund, a payout to its maker or an expense of the whole fund; WeChat's
 * notification against the buyer's cancel; cancel against the dev payment; two payments (the
 * fund's chain); two buyers for all of a product's stock; two approvals of one expense.
 */
class Race implements Command {
  constructor(
    readonly kind: RaceKind,
    readonly which: number,
    readonly other: number,
  ) {}
  check = (model: Readonly<Model>) =>
    raceCandidates(model, this.kind).length >= (this.kind === 'devPay|devPay' ? 2 : 1);
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const candidates = raceCandidates(model, this.kind);
    const index = candidates[this.which % candidates.length]!;
    const what = this.toString();
    switch (this.kind) {
      case 'refund|fulfil':
        return runRace(model, real, [refundOp(real, index, real.staff), fulfilOp(real, index, 'completed')], what);
      case 'refund|refund':
        return runRace(
          model,
          real,
          [refundOp(real, index, real.staff), refundOp(real, index, real.otherStaff)],
          what,
          model.orders[index]!.paidBy === 'wechat',
        );
      case 'notify|cancel': {
        // The payer pays (every third time another amount); the notification and the cancel cross.
        const order = model.orders[index]!;
        const amountFen = this.other % 3 === 0 ? order.totalFen + 1 : order.totalFen;
        real.transactions.set(
          index,
          standIn.pay(real.orders[index]!.id, amountFen === order.totalFen ? {} : { amountFen }),
        );
        order.trade = 'SUCCESS';
        order.wechatPayment = { amountFen };
        return runRace(model, real, [notifyOp(real, index), cancelOp(real, index)], what);
      }
      case 'cancel|devPay':
        return runRace(model, real, [cancelOp(real, index), devPayOp(real, index)], what);
      case 'refund|payout': {
        const maker = model.orders[index]!.lines[0]!.maker;
        const figures = model.makers[maker]!;
        const owed = Math.max(1, figures.earningsFen - figures.paidOutFen);
        return runRace(model, real, [refundOp(real, index, real.staff), payoutOp(real, maker, owed)], what);
      }
      case 'refund|spend': {
        const amountFen = Math.max(1, model.fund.balanceFen);
        const expense = await submitted(real, amountFen);
        return runRace(
          model,
          real,
          [refundOp(real, index, real.staff), approveExpenseOp(real, expense.id, amountFen)],
          what,
        );
      }
      case 'devPay|devPay': {
        const rest = candidates.filter((candidate) => candidate !== index);
        return runRace(model, real, [devPayOp(real, index), devPayOp(real, rest[this.other % rest.length]!)], what);
      }
      case 'approve|approve': {
        // Two staff approve one expense of the whole fund at once: it is paid once.
        const amountFen = Math.max(1, model.fund.balanceFen);
        const expense = await submitted(real, amountFen);
        return runRace(
          model,
          real,
          [
            approveExpenseOp(real, expense.id, amountFen),
            approveExpenseOp(real, expense.id, amountFen, real.thirdStaff),
          ],
          what,
        );
      }
      case 'order|order': {
        const all = [{ product: index, quantity: model.products[index]!.stock }];
        const via = this.other % 2 === 0 ? 'dev' : 'wechat';
        const [first, second] = [this.which % BUYERS, (this.which + 1) % BUYERS];
        return runRace(
          model,
          real,
          [orderOp(real, first, all, via, clock(model)), orderOp(real, second, all, via, clock(model))],
          what,
        );
      }
    }
  }
  toString = () => `race[${this.kind}](#${this.which}, ${this.other})`;
}

// ---------------------------------------------------------------- proxies (through the HTTP API)

interface Reply {
  status: number;
  body: unknown;
}

const refusalOf = (reply: Reply): Refusal | null =>
  reply.status < 300 ? null : { status: reply.status, code: String(errorOf(reply)?.code) };

/** The path of the resident's community, and the proxy acting for `residentId` (`X-Act-For`). */
const asProxy = (real: Real, residentId = real.resident.userId) => ({
  params: { cid: real.community.id },
  token: real.proxy.token,
  headers: { 'x-act-for': residentId },
});

class GrantResident implements Command {
  constructor(readonly points: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    await grantPoints(real.community.id, real.resident.userId, this.points);
    model.proxy.balance += this.points;
    model.proxy.ledgerEntries += 1;
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () => `grantResident(${this.points})`;
}

class ProxyRedeem implements Command {
  constructor(readonly quantity: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const reply = await send(contracts.redeem, {
      ...asProxy(real),
      body: { goodId: real.goodId, quantity: this.quantity },
    });
    const points = GOOD_PRICE * this.quantity;
    const expected = !model.proxy.relation
      ? 'proxy.not_authorized'
      : model.proxy.goodStock < this.quantity
        ? 'market.sold_out'
        : model.proxy.balance < points
          ? 'ledger.insufficient_funds'
          : null;
    expectCode(refusalOf(reply), expected, this.toString());
    if (expected === null) {
      if (reply.body.memberId !== real.resident.userId)
        throw new Error(`${this.toString()}: redeemed for ${String(reply.body.memberId)}`);
      model.proxy.balance -= points;
      model.proxy.goodStock -= this.quantity;
      model.proxy.redemptions.push({ quantity: this.quantity, status: 'reserved' });
      model.proxy.ledgerEntries += 1;
      model.proxy.audited.push('proxy.redeem');
      real.redemptionIds.push(String(reply.body.id));
    }
    await compare(model, real, this.toString(), true);
  }
  toString = () => `proxyRedeem(×${this.quantity})`;
}

class ProxyCancelRedemption implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.proxy.redemptions.length > 0;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const index = this.which % model.proxy.redemptions.length;
    const redemption = model.proxy.redemptions[index]!;
    const reply = await send(contracts.cancelRedemption, {
      ...asProxy(real),
      params: { cid: real.community.id, redemptionId: real.redemptionIds[index]! },
    });
    const expected = !model.proxy.relation
      ? 'proxy.not_authorized'
      : redemption.status !== 'reserved'
        ? 'market.not_reserved'
        : null;
    expectCode(refusalOf(reply), expected, this.toString());
    if (expected === null) {
      redemption.status = 'cancelled';
      model.proxy.ledgerEntries += 1;
      model.proxy.balance += GOOD_PRICE * redemption.quantity;
      model.proxy.goodStock += redemption.quantity;
      model.proxy.audited.push('proxy.cancelredemption');
    }
    await compare(model, real, this.toString(), true);
  }
  toString = () => `proxyCancelRedemption(#${this.which})`;
}

/** The proxy reads for the resident: their record, their ledger, their redemptions — or tries a stranger's. */
class ProxyRead implements Command {
  constructor(readonly what: 'me' | 'ledger' | 'redemptions' | 'stranger') {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const proxy = asProxy(real, this.what === 'stranger' ? real.buyers[0]!.userId : undefined);
    const reply =
      this.what === 'ledger'
        ? await send(contracts.getMyLedger, proxy)
        : this.what === 'redemptions'
          ? await send(contracts.listMyRedemptions, proxy)
          : await send(contracts.getMe, proxy);
    const expected = this.what === 'stranger' || !model.proxy.relation ? 'proxy.not_authorized' : null;
    expectCode(refusalOf(reply), expected, this.toString());
    const fail = (read: unknown) => {
      throw new Error(`${this.toString()}: read ${JSON.stringify(read)}`);
    };
    if (expected === null && this.what === 'me') {
      const me = reply.body as unknown as MeResponse;
      if (me.member.id !== real.resident.userId || me.balancePoints !== model.proxy.balance) fail(me);
    }
    // A whole page (no cursor): exactly the resident's entries and redemptions.
    const page = reply.body as unknown as { items: Record<string, unknown>[]; nextCursor?: string | null };
    if (expected === null && this.what === 'ledger' && !page.nextCursor) {
      const sum = page.items.reduce((total, entry) => total + Number(entry.amountPoints), 0);
      if (page.items.length !== model.proxy.ledgerEntries || sum !== model.proxy.balance) fail(page.items);
    }
    if (expected === null && this.what === 'redemptions' && !page.nextCursor) {
      const read = page.items.map((item) => [item.id, item.memberId, item.status]).sort();
      const made = real.redemptionIds
        .map((id, index) => [id, real.resident.userId, model.proxy.redemptions[index]!.status])
        .sort();
      if (JSON.stringify(read) !== JSON.stringify(made)) fail(read);
    }
    await compare(model, real, this.toString(), true);
  }
  toString = () => `proxyRead(${this.what})`;
}

const orderOf = (real: Real, oid: string) => ({ cid: real.community.id, oid });

/** What a proxy may not do for the resident — least of all for themselves. */
const NOT_PROXYABLE: Record<string, (real: Real, orderId: string, productId: string) => Promise<Reply>> = {
  order: (real, _order, productId) =>
    send(contracts.createOrder, { ...asProxy(real), body: { items: [{ productId, quantity: 1 }] } }),
  devPay: (real, orderId) => send(contracts.devPayOrder, { ...asProxy(real), params: orderOf(real, orderId) }),
  cancelOrder: (real, orderId) => send(contracts.cancelOrder, { ...asProxy(real), params: orderOf(real, orderId) }),
  refund: (real, orderId) =>
    send(contracts.refundOrder, { ...asProxy(real), params: orderOf(real, orderId), body: { reason: '不想要了' } }),
  fulfil: (real, orderId) =>
    send(contracts.fulfilOrder, { ...asProxy(real), params: orderOf(real, orderId), body: { status: 'completed' } }),
  donate: (real) => send(contracts.donate, { ...asProxy(real), body: { amountFen: 100 } }),
  pledge: (real) => send(contracts.createPledge, { ...asProxy(real), body: { amountFen: 500, dayOfMonth: 5 } }),
  listProduct: (real) =>
    send(contracts.createProduct, {
      ...asProxy(real),
      body: { title: '布鞋', description: '手工', priceFen: 100, stock: 1 },
    }),
  approveProduct: (real, _order, productId) =>
    send(contracts.approveProduct, { ...asProxy(real), params: { cid: real.community.id, pid: productId } }),
  payout: (real) =>
    send(contracts.recordPayout, {
      ...asProxy(real),
      params: { cid: real.community.id, memberId: real.proxy.userId },
      body: { amountFen: 100, note: '结算' },
    }),
  gift: (real) => send(contracts.giftPoints, { ...asProxy(real), body: { toMemberId: real.proxy.userId, points: 1 } }),
  roles: (real) =>
    send(contracts.setMemberRoles, {
      ...asProxy(real),
      params: { cid: real.community.id, memberId: real.proxy.userId },
      body: { roles: ['resident', 'staff'] },
    }),
  spendFund: (real) =>
    send(contracts.submitFundExpense, {
      ...asProxy(real),
      body: { amountFen: 100, purpose: '慰问', category: 'other' },
    }),
};

class ProxyNotProxyable implements Command {
  constructor(
    readonly action: string,
    readonly which: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const orderId = real.orders.length > 0 ? real.orders[this.which % real.orders.length]!.id : 'no-order';
    const productId = real.productIds[this.which % real.productIds.length]!;
    const reply = await NOT_PROXYABLE[this.action]!(real, orderId, productId);
    expectCode(refusalOf(reply), 'auth.not_proxyable', this.toString());
    await compare(model, real, this.toString(), true);
  }
  toString = () => `proxy${this.action[0]!.toUpperCase()}${this.action.slice(1)}(#${this.which})`;
}

/** The office ends the relation, or sets it up again. */
class ToggleRelation implements Command {
  check = () => true;
  async run(model: Model, real: Real) {
    tally.steps += 1;
    const input = {
      communityId: real.community.id,
      caller: real.staff,
      residentId: real.resident.userId,
      proxyId: real.proxy.userId,
    };
    if (model.proxy.relation) await removeProxy(input, stores.proxies());
    else await createProxy(input, { communities: stores.communities(), proxies: stores.proxies() });
    model.proxy.relation = !model.proxy.relation;
    tally.success(this.toString());
    await compare(model, real, this.toString());
  }
  toString = () => 'toggleRelation()';
}

// ---------------------------------------------------------------- arbitraries and the system

const maker = fc.nat({ max: MAKERS - 1 });
const buyer = fc.nat({ max: BUYERS - 1 });
const via = fc.constantFrom<Via>('dev', 'wechat');
const which = fc.nat({ max: 50 });
const portion = fc.constantFrom<Portion>('all', 'half', 'one', 'over');
const items = fc.array(
  fc.record({ product: fc.nat({ max: MAX_PRODUCTS - 1 }), quantity: fc.integer({ min: 1, max: 3 }) }),
  { minLength: 1, maxLength: 3 },
);
const placeOrder = fc.tuple(buyer, items, via).map(([who, lines, how]) => new PlaceOrder(who, lines, how));
const commands = [
  fc
    .tuple(
      maker,
      fc.constantFrom(1, 99, 101, 1500, 3333),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom(undefined, 0, 1500, 3333, 10_000),
    )
    .map(([who, price, stock, bps]) => new CreateProduct(who, price, stock, bps)),
  fc.tuple(which, fc.boolean()).map(([index, approve]) => new DecideProduct(index, approve)),
  placeOrder,
  placeOrder,
  placeOrder,
  fc.tuple(buyer, fc.constantFrom(1, 500, 2000), via).map(([who, amount, how]) => new Donate(who, amount, how)),
  which.map((index) => new DevPay(index)),
  which.map((index) => new DevPay(index)),
  fc.tuple(which, fc.boolean(), fc.boolean()).map(([index, notify, other]) => new WechatPay(index, notify, other)),
  which.map((index) => new WechatPay(index, true, false)),
  fc
    .tuple(which, fc.integer({ min: 1, max: 3 }), fc.boolean())
    .map(([index, copies, down]) => new Redeliver(index, copies, down)),
  which.map((index) => new StartPaying(index)),
  fc.tuple(which, fc.boolean(), fc.boolean()).map(([index, other, down]) => new Cancel(index, other, down)),
  fc.tuple(fc.constantFrom(0, 5, 10, 16, 20), fc.boolean()).map(([minutes, down]) => new Expire(minutes, down)),
  fc
    .tuple(which, fc.constantFrom<keyof typeof NEXT_STATUS_FROM>('ready_for_pickup', 'shipped', 'completed'))
    .map(([index, to]) => new Fulfil(index, to)),
  fc
    .tuple(which, fc.constantFrom<keyof typeof NEXT_STATUS_FROM>('ready_for_pickup', 'shipped', 'completed'))
    .map(([index, to]) => new Fulfil(index, to)),
  fc.tuple(which, fc.boolean(), fc.boolean()).map(([index, other, down]) => new Refund(index, other, down)),
  fc.tuple(which, fc.boolean()).map(([index, other]) => new Refund(index, other, false)),
  fc
    .tuple(which, fc.boolean(), fc.constantFrom<'SUCCESS' | 'ABNORMAL' | 'CLOSED'>('SUCCESS', 'ABNORMAL', 'CLOSED'))
    .map(([index, returned, status]) => new RefundNotice(index, returned, status)),
  fc.tuple(maker, portion, fc.boolean()).map(([who, part, twice]) => new Payout(who, part, twice)),
  fc.tuple(maker, portion, fc.boolean()).map(([who, part, twice]) => new Payout(who, part, twice)),
  portion.map((part) => new SpendFund(part)),
  fc.integer({ min: 1, max: 6 }).map((points) => new GrantResident(points)),
  fc.integer({ min: 1, max: 3 }).map((quantity) => new ProxyRedeem(quantity)),
  which.map((index) => new ProxyCancelRedemption(index)),
  fc
    .constantFrom('me' as const, 'ledger' as const, 'redemptions' as const, 'stranger' as const)
    .map((what) => new ProxyRead(what)),
  fc
    .tuple(fc.constantFrom(...Object.keys(NOT_PROXYABLE)), which)
    .map(([action, index]) => new ProxyNotProxyable(action, index)),
  fc
    .tuple(fc.constantFrom(...Object.keys(NOT_PROXYABLE)), which)
    .map(([action, index]) => new ProxyNotProxyable(action, index)),
  fc.constant(null).map(() => new ToggleRelation()),
  fc.tuple(fc.constantFrom(...RACES), which, which).map(([kind, index, other]) => new Race(kind, index, other)),
  fc.tuple(fc.constantFrom(...RACES), which, which).map(([kind, index, other]) => new Race(kind, index, other)),
];

async function freshSystem(lane: number): Promise<{ model: Model; real: Real }> {
  const community = await createCommunity();
  const communities = stores.communities();
  const joinedAt = new Date().toISOString();
  const add = async (roles: MemberRecord['roles'], name: string, userId = `model-${randomUUID().slice(0, 12)}`) => {
    const record: MemberRecord = { communityId: community.id, userId, roles, displayName: name, joinedAt };
    await communities.addMember(record);
    return record;
  };
  if (!proxies.has(lane)) proxies.set(lane, newUser('proxy'));
  const proxy = await proxies.get(lane)!;
  const [makers, residents, staff, otherStaff, thirdStaff] = await Promise.all([
    Promise.all(Array.from({ length: MAKERS }, (_, index) => add(['resident', 'maker'], `手作人${index}`))),
    Promise.all(Array.from({ length: STAFF_BUYER }, (_, index) => add(['resident'], `居民${index}`))),
    add(['staff'], '社工'),
    add(['staff'], '社工乙'),
    add(['staff'], '社工丙'),
    add(['resident'], '女儿', proxy.userId),
  ]);
  const setUpProxy = async () => {
    const offline = await createOfflineMember(
      { communityId: community.id, request: { displayName: '张阿姨' } },
      communities,
    );
    const resident = (await communities.getMember(community.id, offline.member.id))!;
    await createProxy(
      { communityId: community.id, caller: staff, residentId: resident.userId, proxyId: proxy.userId },
      { communities, proxies: stores.proxies() },
    );
    return resident;
  };
  // Two approved products from the start, so that orders are possible from the first command.
  const starting = [
    { maker: 0, priceFen: 1500, stock: 3, bps: 2000 },
    { maker: 1, priceFen: 333, stock: 2, bps: 3333 },
  ];
  const approved = async (product: (typeof starting)[number]) => {
    const listed = await createProduct(
      {
        community,
        maker: makers[product.maker]!,
        request: {
          title: '手工布包',
          description: '邻居手缝',
          priceFen: product.priceFen,
          stock: product.stock,
          fundShareBps: product.bps,
        },
      },
      stores.shop(),
    );
    await decideProduct(
      { communityId: community.id, productId: listed.id, actorId: staff.userId, approve: true },
      stores.shop(),
    );
    return listed.id;
  };
  const [resident, good, productIds] = await Promise.all([
    setUpProxy(),
    createGood(
      { communityId: community.id, request: { name: '小米', pricePoints: GOOD_PRICE, stock: 4, valueFen: 500 } },
      { supermarket: stores.supermarket(), communities },
    ),
    Promise.all(starting.map(approved)),
  ]);
  return {
    model: {
      products: starting.map((product) => ({ ...product, status: 'approved' as const, listed: product.stock })),
      orders: [],
      makers: makers.map(() => ({ earningsFen: 0, paidOutFen: 0, salesFen: 0, salesCount: 0 })),
      payouts: 0,
      approvedExpenses: [],
      fund: { balanceFen: 0, incomeFen: 0, expenseFen: 0, entries: 0 },
      stats: { orders: 0, salesFen: 0, refundsFen: 0 },
      clockMinutes: 0,
      proxy: { relation: true, balance: 0, goodStock: 4, redemptions: [], audited: [], ledgerEntries: 0 },
    },
    real: {
      community,
      makers,
      buyers: [...residents, otherStaff],
      staff,
      otherStaff,
      thirdStaff,
      productIds,
      orders: [],
      transactions: new Map(),
      resident,
      proxy,
      goodId: good.id,
      redemptionIds: [],
      fundEntries: [],
    },
  };
}

/** After a run: the office's view of the makers (S2) and reconciliation. */
async function afterRun(real: Real, model: Model) {
  await compare(model, real, 'the run', true);
  const view = await stores.shop().listMakers(real.community.id);
  model.makers.forEach((figures, index) => {
    const shown = view.find((entry) => entry.makerId === real.makers[index]!.userId);
    const net = figures.earningsFen - figures.paidOutFen;
    const owed = shown?.owedFen ?? 0;
    const debt = shown?.debtFen ?? 0;
    if (owed - debt !== net || (owed > 0 && debt > 0))
      throw new Error(`S2: maker ${index} is shown owed ${owed}, debt ${debt}; earnings − paid out = ${net}`);
  });
  const report = await reconcileCommunity(real.community.id, reconcileSource());
  if (report.drifts.length > 0) throw new Error(`drifts: ${JSON.stringify(report.drifts)}`);
}

beforeAll(async () => {
  standIn = await startWechatPayStandIn();
  Object.assign(process.env, standIn.environment);
  payments = wechatPayGateway((await env.wechatPay())!);
  // Thousands of notifications: their INFO lines would drown the report.
  logger.setLogLevel('WARN');
});

afterAll(async () => {
  for (const name of Object.keys(standIn.environment)) delete process.env[name];
  process.env.WECHAT_APP_ID = saved.WECHAT_APP_ID;
  await standIn.close();
  logger.setLogLevel('INFO');
});

let reconciled = 0;
modelTest('shop + fund + proxies model', 'shop model test', {
  settings: SETTINGS,
  tally,
  commands,
  maxCommands: MAX_COMMANDS,
  fresh: freshSystem,
  afterRun: async (real, _run, model) => {
    await afterRun(real, model);
    reconciled += 1;
  },
  report: () => `${reconciled} reconciliations without drift, `,
  msPerStep: 200,
});
