import type { Order, Page, ReceiptRequest } from '@linli/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Effects } from '../../domain/effects';
import type { ReceiptRequestStore } from '../../domain/fund/ports';
import { env } from '../../lib/env';
import { cancellationReasons, getDocumentClient, isConditionalCheckFailed, type TransactionItem } from '../client';
import { queryPage } from '../cursor';
import { writeWithEffects } from '../effects';
import { getEntity, statusUpdate, withoutKeys } from '../items';
import { ENTITY, INDEXES, keys } from '../keys';

type Marker = NonNullable<Order['receiptRequest']>;

/** The order's receipt marker as read (none, or its id and status): a condition on the order item. */
function markerCondition(marker: Marker | undefined) {
  return marker
    ? {
        expression: 'receiptRequest.id = :receiptId AND receiptRequest.#status = :receiptStatus',
        values: { ':receiptId': marker.id, ':receiptStatus': marker.status },
      }
    : { expression: 'attribute_not_exists(receiptRequest)', values: {} };
}

/** A request from `marker.status` to `to`: it moves to that queue (its sort key, createdAt#id, stays). */
function requestMove(tableName: string, communityId: string, marker: Marker, set: Partial<ReceiptRequest>) {
  return {
    Update: statusUpdate({
      tableName,
      key: keys.receiptRequest(communityId, marker.id),
      fromStatuses: [marker.status],
      set: { ...set, GSI1PK: keys.receiptRequestQueue(communityId, set.status ?? marker.status) },
    }),
  };
}

/** The order's marker moves with its request, only while it is as read. */
function orderMarkerUpdate(tableName: string, communityId: string, orderId: string, from: Marker, to: Marker) {
  const condition = markerCondition(from);
  return {
    Update: {
      TableName: tableName,
      Key: keys.order(communityId, orderId),
      UpdateExpression: 'SET receiptRequest = :marker',
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...condition.values, ':marker': to },
    },
  };
}

/**
 * What a donation's refund does to its receipt request, in the refund's transaction: an open request
 * is rejected and an issued receipt becomes `void` (the paper receipt is to be handed back); the
 * refund holds only while the order's marker is as read. Shop orders: nothing.
 */
export function refundedReceiptChange(tableName: string, communityId: string, order: Order, at: string) {
  const marker = order.receiptRequest;
  if (order.kind !== 'donation') return { set: {}, items: [] as TransactionItem[] };
  if (!marker || (marker.status !== 'requested' && marker.status !== 'issued')) {
    return { condition: markerCondition(marker), set: {}, items: [] as TransactionItem[] };
  }
  const status = marker.status === 'issued' ? 'void' : 'rejected';
  return {
    condition: markerCondition(marker),
    set: { receiptRequest: { ...marker, status } },
    items: [
      requestMove(tableName, communityId, marker, { status, decidedBy: 'system', decidedAt: at, reason: 'refunded' }),
    ],
  };
}

/** Donation receipt requests (pattern 77) and the open one on each order (78). */
export class DynamoReceiptRequestStore implements ReceiptRequestStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(communityId: string, request: ReceiptRequest, order: Order): Promise<boolean> {
    const condition = markerCondition(order.receiptRequest);
    const marker: Marker = { id: request.id, status: 'requested' };
    try {
      await writeWithEffects(
        this.client,
        {
          Update: statusUpdate({
            tableName: this.tableName,
            key: keys.order(communityId, order.id),
            fromStatuses: ['paid', 'ready_for_pickup', 'shipped', 'completed'],
            set: { receiptRequest: marker },
            extraCondition: {
              expression: `buyerId = :donor AND kind = :donation AND ${condition.expression}`,
              values: { ...condition.values, ':donor': request.donorId, ':donation': 'donation' },
            },
          }),
        },
        undefined,
        { with: [this.putRequest(communityId, request)] },
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  private putRequest(communityId: string, request: ReceiptRequest): TransactionItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.receiptRequest(communityId, request.id),
          ...keys.receiptRequestIndexes(communityId, request),
          type: ENTITY.receiptRequest,
          ...request,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  get(communityId: string, requestId: string): Promise<ReceiptRequest | null> {
    return getEntity<ReceiptRequest>(this.client, this.tableName, keys.receiptRequest(communityId, requestId));
  }

  async list(
    communityId: string,
    status: ReceiptRequest['status'],
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<ReceiptRequest>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.receiptRequestQueue(communityId, status),
      cursor,
      limit,
    });
    return { items: page.items.map((item) => withoutKeys<ReceiptRequest>(item)), nextCursor: page.nextCursor };
  }

  async listMine(communityId: string, donorId: string): Promise<ReceiptRequest[]> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi2,
      partition: keys.memberReceiptRequests(communityId, donorId),
      cursor: undefined,
      limit: 100,
      newestFirst: true,
    });
    return page.items.map((item) => withoutKeys<ReceiptRequest>(item));
  }

  async decide(
    communityId: string,
    request: ReceiptRequest,
    to: 'issued' | 'rejected',
    decision: { by: string; at: string; receiptNo?: string; reason?: string },
    effects?: Effects,
  ): Promise<ReceiptRequest | null | 'number_used'> {
    const from: Marker = { id: request.id, status: 'requested' };
    const set = { status: to, decidedBy: decision.by, decidedAt: decision.at, ...pick(decision) };
    const number = decision.receiptNo ? [this.putReceiptNumber(communityId, request, decision.receiptNo)] : [];
    try {
      await writeWithEffects(this.client, requestMove(this.tableName, communityId, from, set), effects, {
        with: [
          orderMarkerUpdate(this.tableName, communityId, request.orderId, from, {
            id: request.id,
            status: to,
            ...(decision.receiptNo ? { receiptNo: decision.receiptNo } : {}),
          }),
          ...number,
        ],
      });
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      // The request and its order as read, the number given out before: the third item's condition.
      if (number.length > 0 && cancellationReasons(error)?.[2] === 'ConditionalCheckFailed') return 'number_used';
      throw error;
    }
    return { ...request, ...set };
  }

  /** The receipt number, once per issuing charity (pattern 78b): kept when the receipt is later void. */
  private putReceiptNumber(communityId: string, request: ReceiptRequest, receiptNo: string): TransactionItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.receiptNumber(communityId, request.holderCreditCode, receiptNo),
          type: ENTITY.receiptNumber,
          receiptNo,
          requestId: request.id,
          orderId: request.orderId,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }
}

const pick = (decision: { receiptNo?: string; reason?: string }) => ({
  ...(decision.receiptNo ? { receiptNo: decision.receiptNo } : {}),
  ...(decision.reason ? { reason: decision.reason } : {}),
});

/**
 * The store as the fund function's handlers use it, built here rather than in `wiring.ts` (which every
 * function bundles): only the fund function carries it.
 */
export const receiptRequests = () => new DynamoReceiptRequestStore(getDocumentClient(), env.tableName());
