import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  FundEntry,
  MakerEarnings,
  Order,
  OrderShipping,
  Page,
  PaymentRefund,
  Payout,
  Product,
  ReturnedPayment,
} from '@linli/shared';
import type { RefundField, ShopStore } from '../../domain/shop/ports';
import { cancellationReasons, isConditionalCheckFailed, readAhead } from '../client';
import { queryPage } from '../cursor';
import { heldMessageItems, refundedMessageItems } from '../fund/donation-messages';
import { refundedReceiptChange } from '../fund/receipt-requests';
import { fundAppendItems } from '../fund/fund-store';
import { getEntity, getItem, putNewEntity, statusUpdate, transitionEntity, withoutKeys } from '../items';
import type { Effects } from '../../domain/effects';
import type { PublicDonor } from '../../domain/fund/chain';
import { effectItems, writeWithEffects } from '../effects';
import { ENTITY, INDEXES, keys } from '../keys';
import type { TransactionItem } from '../client';

const stockChange = (tableName: string, communityId: string, productId: string, change: number): TransactionItem => ({
  Update: {
    TableName: tableName,
    Key: keys.product(communityId, productId),
    UpdateExpression: 'ADD stock :change',
    ...(change < 0
      ? {
          ConditionExpression: '#status = :approved AND stock >= :needed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':change': change, ':needed': -change, ':approved': 'approved' },
        }
      : { ExpressionAttributeValues: { ':change': change } }),
  },
});

/** An order item: unpaid orders sit in the sparse expiry index; buyers find theirs by GSI2. */
export function orderItem(communityId: string, order: Order) {
  return {
    ...keys.order(communityId, order.id),
    ...(order.status === 'pending_payment'
      ? { GSI1PK: keys.unpaidOrdersPartition(), GSI1SK: `${order.expiresAt}#${communityId}#${order.id}` }
      : {}),
    GSI2PK: keys.buyerOrders(communityId, order.buyerId),
    GSI2SK: `${order.createdAt}#${order.id}`,
    type: ENTITY.order,
    communityId,
    ...order,
  };
}

/** An order as stored, without its table keys and community id. */
/** A pending upload's place in the index of uploads due (sparse GSI1): by when it is next due. */
export function shippingIndexOf(
  communityId: string,
  orderId: string,
  shipping: OrderShipping,
): { GSI1PK: string; GSI1SK: string } | undefined {
  if (shipping.status !== 'pending' || !shipping.nextAttemptAt) return undefined;
  return { GSI1PK: keys.shippingDuePartition(), GSI1SK: `${shipping.nextAttemptAt}#${communityId}#${orderId}` };
}

function toOrder(item: Record<string, unknown>): Order {
  const { communityId: _community, ...order } = withoutKeys<Order & { communityId?: string }>(item);
  return order;
}

/** A maker account as shown: earned, paid out, and the difference as what is owed either way. */
function makerView(makerId: string, account: Record<string, unknown> | null): MakerEarnings {
  const earningsFen = Number(account?.earningsFen ?? 0);
  const paidOutFen = Number(account?.paidOutFen ?? 0);
  return {
    makerId,
    salesCount: Number(account?.salesCount ?? 0),
    salesFen: Number(account?.salesFen ?? 0),
    earningsFen,
    paidOutFen,
    owedFen: Math.max(0, earningsFen - paidOutFen),
    debtFen: Math.max(0, paidOutFen - earningsFen),
  };
}

/** The statuses a WeChat refund may come from to reach each status (never backwards; abnormal may still succeed). */
const REFUND_STATUS_FROM: Record<PaymentRefund['status'], PaymentRefund['status'][]> = {
  requested: [],
  processing: ['requested'],
  success: ['requested', 'processing', 'abnormal'],
  abnormal: ['requested', 'processing'],
  closed: ['requested', 'processing', 'abnormal'],
};

/** Lines that hold stock (a donation's single line does not). */
const stockLines = (order: Order) => order.lines.filter(() => order.kind !== 'donation');

/** Earnings per maker in an order (a maker with two lines gets one update; donations have none). */
function earningsByMaker(order: Order): Map<string, { salesFen: number; earningsFen: number; count: number }> {
  const byMaker = new Map<string, { salesFen: number; earningsFen: number; count: number }>();
  for (const line of order.lines.filter((candidate) => candidate.makerId !== '')) {
    const totals = byMaker.get(line.makerId) ?? { salesFen: 0, earningsFen: 0, count: 0 };
    totals.salesFen += line.grossFen;
    totals.earningsFen += line.makerFen;
    totals.count += line.quantity;
    byMaker.set(line.makerId, totals);
  }
  return byMaker;
}

export class DynamoShopStore implements ShopStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createProduct(communityId: string, product: Product): Promise<void> {
    await putNewEntity(this.client, this.tableName, {
      ...keys.product(communityId, product.id),
      GSI1PK: keys.productsByStatus(communityId, product.status),
      GSI1SK: `${product.createdAt}#${product.id}`,
      GSI2PK: keys.makerProducts(communityId, product.makerId),
      GSI2SK: `${product.createdAt}#${product.id}`,
      type: ENTITY.product,
      ...product,
    });
  }

  /**
   * Reads in one round trip what placing an order reads next: the buyer's membership and user
   * profile (the openid WeChat Pay needs) and the products (at most 20 lines).
   */
  async readAheadOrder(communityId: string, productIds: readonly string[], buyerId: string): Promise<void> {
    await readAhead(this.client, this.tableName, [
      keys.member(communityId, buyerId),
      keys.user(buyerId),
      ...productIds.slice(0, 50).map((productId) => keys.product(communityId, productId)),
    ]);
  }

  getProduct(communityId: string, productId: string): Promise<Product | null> {
    return getEntity<Product>(this.client, this.tableName, keys.product(communityId, productId));
  }

  async listProducts(
    communityId: string,
    status: Product['status'],
    cursor: string | undefined,
  ): Promise<Page<Product>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.productsByStatus(communityId, status),
      cursor,
      limit: 50,
      newestFirst: true,
    });
    return { items: page.items.map((item) => withoutKeys<Product>(item)), nextCursor: page.nextCursor };
  }

  async listMakerProducts(communityId: string, makerId: string): Promise<Product[]> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi2,
      partition: keys.makerProducts(communityId, makerId),
      cursor: undefined,
      limit: 100,
      newestFirst: true,
    });
    return page.items.map((item) => withoutKeys<Product>(item));
  }

  decideProduct(
    communityId: string,
    productId: string,
    to: 'approved' | 'rejected',
    decision: { by: string; at: string; reason?: string },
    effects?: Effects,
  ) {
    return transitionEntity<Product>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.product(communityId, productId),
        fromStatuses: ['pending'],
        set: {
          status: to,
          GSI1PK: keys.productsByStatus(communityId, to),
          decidedBy: decision.by,
          decidedAt: decision.at,
          reason: decision.reason,
        },
      }),
      effects,
    );
  }

  /** 'duplicate': an order with this id exists already (a retry of a request that went through). */
  async createOrder(communityId: string, order: Order): Promise<'created' | 'sold_out' | 'duplicate'> {
    const items: TransactionItem[] = [
      ...stockLines(order).map((line) => stockChange(this.tableName, communityId, line.productId, -line.quantity)),
      {
        Put: {
          TableName: this.tableName,
          Item: orderItem(communityId, order),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[stockLines(order).length] === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons.slice(0, stockLines(order).length).includes('ConditionalCheckFailed')) return 'sold_out';
        if (reasons.includes('TransactionConflict') && attempt < 8) {
          await new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 40));
          continue;
        }
        if (reasons.includes('TransactionConflict')) {
          const stocks = await Promise.all(order.lines.map((line) => this.getProduct(communityId, line.productId)));
          if (stocks.some((product, index) => !product || product.stock < order.lines[index]!.quantity))
            return 'sold_out';
        }
        throw error;
      }
    }
  }

  async getOrder(communityId: string, orderId: string): Promise<Order | null> {
    const item = await getEntity<Record<string, unknown>>(
      this.client,
      this.tableName,
      keys.order(communityId, orderId),
    );
    return item ? toOrder(item) : null;
  }

  async listBuyerOrders(communityId: string, buyerId: string, cursor: string | undefined): Promise<Page<Order>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi2,
      partition: keys.buyerOrders(communityId, buyerId),
      cursor,
      limit: 25,
      newestFirst: true,
    });
    return {
      items: page.items.map(toOrder),
      nextCursor: page.nextCursor,
    };
  }

  async markPaid(
    communityId: string,
    order: Order,
    /** `donors`: the donors named beside the entries (by entry id), outside their hash. */
    payment: { reference: string; paidAt: string; shipping?: OrderShipping; donors?: ReadonlyMap<string, PublicDonor> },
    fundEntries: FundEntry[],
    expectedFundSequence: number,
    effects?: Effects,
  ): Promise<'paid' | 'not_payable' | 'fund_conflict'> {
    // It leaves the expiry index, and joins the index of shipping uploads due if it owes one.
    const shippingIndex = payment.shipping ? shippingIndexOf(communityId, order.id, payment.shipping) : undefined;
    const orderUpdate: TransactionItem = {
      Update: statusUpdate({
        tableName: this.tableName,
        key: keys.order(communityId, order.id),
        fromStatuses: ['pending_payment'],
        set: {
          status: 'paid',
          paidAt: payment.paidAt,
          paymentReference: payment.reference,
          fundEntryIds: fundEntries.map((entry) => entry.id),
          shipping: payment.shipping,
          ...shippingIndex,
        },
        remove: shippingIndex ? [] : ['GSI1PK', 'GSI1SK'],
      }),
    };
    const earnings = this.earningsItems(communityId, order, 1);
    const fund = fundAppendItems(this.tableName, communityId, fundEntries, expectedFundSequence, payment.donors);
    try {
      const extra = effectItems(this.tableName, effects);
      // A donation's held message joins the office's queue with the payment.
      const message = heldMessageItems(this.tableName, communityId, order, fundEntries, payment.paidAt);
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [orderUpdate, ...earnings, ...fund, ...message, ...extra] }),
      );
      return 'paid';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'not_payable';
      return 'fund_conflict';
    }
  }

  /** ADDs (sign 1) or takes back (sign −1) each maker's sales, earnings and unpaid balance. */
  private earningsItems(communityId: string, order: Order, sign: 1 | -1): TransactionItem[] {
    return [...earningsByMaker(order)].map(([makerId, totals]) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.makerAccount(communityId, makerId),
        UpdateExpression:
          'ADD salesFen :sales, earningsFen :earnings, balanceFen :balance, salesCount :count SET #type = :type, makerId = :maker',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':sales': sign * totals.salesFen,
          ':earnings': sign * totals.earningsFen,
          ':balance': sign * totals.earningsFen,
          ':count': sign * totals.count,
          ':type': ENTITY.makerAccount,
          ':maker': makerId,
        },
      },
    }));
  }

  async ordersDueForExpiry(nowIso: string): Promise<{ communityId: string; orderId: string }[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK < :now',
        ExpressionAttributeValues: { ':partition': keys.unpaidOrdersPartition(), ':now': nowIso },
        Limit: 200,
      }),
    );
    return (result.Items ?? []).map((item) => ({ communityId: String(item.communityId), orderId: String(item.id) }));
  }

  expireOrder(communityId: string, order: Order): Promise<boolean> {
    return this.closeUnpaid(communityId, order, 'expired');
  }

  /** An unpaid order leaves the expiry index as expired or cancelled, and its stock returns, together. */
  private async closeUnpaid(communityId: string, order: Order, to: 'expired' | 'cancelled'): Promise<boolean> {
    const status: TransactionItem = {
      Update: statusUpdate({
        tableName: this.tableName,
        key: keys.order(communityId, order.id),
        fromStatuses: ['pending_payment'],
        set: { status: to },
        remove: ['GSI1PK', 'GSI1SK'],
      }),
    };
    const stock = stockLines(order).map((line) =>
      stockChange(this.tableName, communityId, line.productId, line.quantity),
    );
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: [status, ...stock] }));
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async makerEarnings(communityId: string, makerId: string): Promise<MakerEarnings> {
    const account = await getEntity<Record<string, unknown>>(
      this.client,
      this.tableName,
      keys.makerAccount(communityId, makerId),
    );
    return makerView(makerId, account);
  }

  async listMakers(communityId: string): Promise<MakerEarnings[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.communityPartition(communityId),
          ':prefix': keys.makerAccountPrefix(),
        },
        Limit: 200,
      }),
    );
    return (result.Items ?? []).map((item) => makerView(String(item.makerId), item));
  }

  async listOrders(
    communityId: string,
    cursor: string | undefined,
    filter: { status?: Order['status']; shipping?: 'failed' } = {},
  ): Promise<Page<Order>> {
    const partition = keys.communityPartition(communityId);
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      partition,
      sortKeyCondition: { expression: 'begins_with(SK, :prefix)', values: { ':prefix': keys.orderPrefix() } },
      filters: { status: filter.status },
      filter: filter.shipping
        ? {
            expression: '#shipping.#shippingStatus = :shippingStatus',
            names: { '#shipping': 'shipping', '#shippingStatus': 'status' },
            values: { ':shippingStatus': filter.shipping },
          }
        : undefined,
      cursor,
      limit: 50,
      newestFirst: true,
    });
    return {
      items: page.items
        .map(toOrder)
        .filter((order) => !filter.status || order.status === filter.status)
        .filter((order) => !filter.shipping || order.shipping?.status === filter.shipping),
      nextCursor: page.nextCursor,
    };
  }

  async transitionOrder(
    communityId: string,
    orderId: string,
    from: readonly Order['status'][],
    to: Order['status'],
    set: Partial<Order>,
    effects?: Effects,
  ) {
    // An owed shipping upload joins the index of uploads due (the order, paid, is in no other GSI1).
    const index = set.shipping ? shippingIndexOf(communityId, orderId, set.shipping) : undefined;
    const moved = await transitionEntity<Record<string, unknown>>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.order(communityId, orderId),
        fromStatuses: from,
        set: { ...set, ...index, status: to },
      }),
      effects,
    );
    return moved ? toOrder(moved) : null;
  }

  cancelOrder(communityId: string, order: Order): Promise<boolean> {
    return this.closeUnpaid(communityId, order, 'cancelled');
  }

  async updateShipping(
    communityId: string,
    orderId: string,
    shipping: OrderShipping,
    expectedAttempts: number,
  ): Promise<boolean> {
    const index = shippingIndexOf(communityId, orderId, shipping);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.order(communityId, orderId),
          UpdateExpression: index
            ? 'SET #shipping = :shipping, GSI1PK = :partition, GSI1SK = :due'
            : 'SET #shipping = :shipping REMOVE GSI1PK, GSI1SK',
          ConditionExpression: '#shipping.attempts = :expected',
          ExpressionAttributeNames: { '#shipping': 'shipping' },
          ExpressionAttributeValues: {
            ':shipping': shipping,
            ':expected': expectedAttempts,
            ...(index ? { ':partition': index.GSI1PK, ':due': index.GSI1SK } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async shippingDue(nowIso: string): Promise<{ communityId: string; orderId: string }[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK < :now',
        ExpressionAttributeValues: { ':partition': keys.shippingDuePartition(), ':now': nowIso },
        Limit: 100,
      }),
    );
    return (result.Items ?? []).map((item) => ({ communityId: String(item.communityId), orderId: String(item.id) }));
  }

  async refund(
    communityId: string,
    order: Order,
    decision: { by: string; at: string; reason: string; returnStock: boolean; wechatRefund?: PaymentRefund },
    fundEntries: FundEntry[],
    expectedFundSequence: number,
    effects?: Effects,
  ): Promise<'refunded' | 'not_refundable' | 'fund_conflict'> {
    // A donation's receipt request: an open one is rejected, an issued receipt becomes void (as read, else retried).
    const receipt = refundedReceiptChange(this.tableName, communityId, order, decision.at);
    const status: TransactionItem = {
      Update: statusUpdate({
        tableName: this.tableName,
        key: keys.order(communityId, order.id),
        fromStatuses: [order.status],
        set: {
          status: 'refunded',
          refundedBy: decision.by,
          refundedAt: decision.at,
          refundReason: decision.reason,
          refund: decision.wechatRefund,
          ...receipt.set,
        },
        extraCondition: receipt.condition,
        // A refunded order owes WeChat no shipping information: an upload not yet accepted is dropped
        // with its place in the index of uploads due (an accepted one stays on record).
        remove: order.shipping && order.shipping.status !== 'uploaded' ? ['shipping', 'GSI1PK', 'GSI1SK'] : [],
      }),
    };
    const lookup = decision.wechatRefund
      ? [this.refundLookupItem(communityId, order.id, 'refund', decision.wechatRefund.outRefundNo)]
      : [];
    const stock = decision.returnStock
      ? stockLines(order).map((line) => stockChange(this.tableName, communityId, line.productId, line.quantity))
      : [];
    const fund = fundAppendItems(this.tableName, communityId, fundEntries, expectedFundSequence);
    // A refunded donation's message leaves the office's queue and the public page with it.
    const message = await refundedMessageItems(this.client, this.tableName, communityId, order, decision.at);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            status,
            ...message,
            ...receipt.items,
            ...stock,
            ...this.earningsItems(communityId, order, -1),
            ...fund,
            ...lookup,
            ...effectItems(this.tableName, effects),
          ],
        }),
      );
      return 'refunded';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'not_refundable';
      return 'fund_conflict';
    }
  }

  /** Where a refund notification's `out_refund_no` leads: its community, order and which refund of the order. */
  private refundLookupItem(communityId: string, orderId: string, field: RefundField, outRefundNo: string) {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.wechatRefund(outRefundNo),
          type: ENTITY.wechatRefund,
          communityId,
          orderId,
          field,
          outRefundNo,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  async findRefund(outRefundNo: string): Promise<{ communityId: string; orderId: string; field: RefundField } | null> {
    const item = await getItem(this.client, this.tableName, keys.wechatRefund(outRefundNo));
    if (!item) return null;
    return { communityId: String(item.communityId), orderId: String(item.orderId), field: item.field as RefundField };
  }

  async recordReturnedPayment(
    communityId: string,
    order: Order,
    returned: ReturnedPayment,
    effects?: Effects,
  ): Promise<boolean> {
    // An unpaid order whose payment we cannot accept closes with it: its stock returns, together.
    const closes = order.status === 'pending_payment';
    const status: TransactionItem = {
      Update: statusUpdate({
        tableName: this.tableName,
        key: keys.order(communityId, order.id),
        fromStatuses: [order.status],
        set: { returnedPayment: returned, ...(closes ? { status: 'cancelled' } : {}) },
        remove: closes ? ['GSI1PK', 'GSI1SK'] : [],
        extraCondition: { expression: 'attribute_not_exists(returnedPayment)', values: {} },
      }),
    };
    const stock = closes
      ? stockLines(order).map((line) => stockChange(this.tableName, communityId, line.productId, line.quantity))
      : [];
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            status,
            ...stock,
            this.refundLookupItem(communityId, order.id, 'returnedPayment', returned.outRefundNo),
            ...effectItems(this.tableName, effects),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  async updateRefundStatus(
    communityId: string,
    orderId: string,
    field: RefundField,
    change: { outRefundNo: string; status: PaymentRefund['status']; refundId?: string; at: string },
    effects?: Effects,
  ): Promise<Order | null> {
    const from = REFUND_STATUS_FROM[change.status];
    if (from.length === 0) return null;
    const values: Record<string, unknown> = { ':no': change.outRefundNo, ':to': change.status, ':at': change.at };
    from.forEach((status, index) => (values[`:from${index}`] = status));
    if (change.refundId !== undefined) values[':refundId'] = change.refundId;
    const update = {
      TableName: this.tableName,
      Key: keys.order(communityId, orderId),
      UpdateExpression:
        'SET #field.#status = :to, #field.updatedAt = :at' +
        (change.refundId === undefined ? '' : ', #field.refundId = :refundId'),
      ConditionExpression: `#field.outRefundNo = :no AND #field.#status IN (${from.map((_status, index) => `:from${index}`).join(', ')})`,
      ExpressionAttributeNames: { '#field': field, '#status': 'status' },
      ExpressionAttributeValues: values,
    };
    try {
      const item = await writeWithEffects(this.client, { Update: update }, effects ?? {}, { returnNew: true });
      return item ? toOrder(item) : null;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }

  /** false when the maker is owed less; 'duplicate' when this payout (id) is recorded already. */
  async recordPayout(communityId: string, payout: Payout, effects?: Effects): Promise<boolean | 'duplicate'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.makerAccount(communityId, payout.makerId),
                UpdateExpression: 'ADD paidOutFen :amount, balanceFen :taken',
                ConditionExpression: 'balanceFen >= :amount',
                ExpressionAttributeValues: { ':amount': payout.amountFen, ':taken': -payout.amountFen },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.payout(communityId, payout.id), type: ENTITY.payout, communityId, ...payout },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...effectItems(this.tableName, effects),
          ],
        }),
      );
      return true;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[1] === 'ConditionalCheckFailed') return 'duplicate';
      if (reasons?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }
}
