import type { DonationMessage, FundEntry, Order, Page } from '@linli/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Effects } from '../../domain/effects';
import type { DonationMessageStore } from '../../domain/fund/ports';
import { env } from '../../lib/env';
import { getDocumentClient, getItem, isConditionalCheckFailed, type TransactionItem } from '../client';
import { queryPage } from '../cursor';
import { writeWithEffects } from '../effects';
import { getEntity, statusUpdate, withoutKeys } from '../items';
import { ENTITY, INDEXES, keys } from '../keys';

/** A held message as stored: the public shape and the sequence of its fund entry (the entry's key). */
type StoredMessage = DonationMessage & { entrySequence: number };

/**
 * The write that puts a paid donation's held message in the office's queue (pattern 74), for the
 * payment's own transaction: none unless the order is a donation with a held message.
 */
export function heldMessageItems(
  tableName: string,
  communityId: string,
  order: Order,
  entries: readonly FundEntry[],
  paidAt: string,
): TransactionItem[] {
  const entry = entries[0];
  if (order.kind !== 'donation' || !order.heldMessage || !entry) return [];
  const message: StoredMessage = {
    id: order.id,
    entryId: entry.id,
    entrySequence: entry.sequence,
    donorId: order.buyerId,
    donorName: order.buyerName,
    anonymous: order.anonymous ?? false,
    amountFen: order.totalFen,
    text: order.heldMessage,
    status: 'under_review',
    createdAt: paidAt,
  };
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.donationMessage(communityId, order.id),
          ...keys.donationMessageIndex(communityId, 'under_review', paidAt, order.id),
          type: ENTITY.donationMessage,
          ...message,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

/**
 * The writes that take a refunded donation's message away (for the refund's own transaction): out of
 * the queue and off the public page, conditional on the state read here — a release or removal in
 * between cancels the refund's transaction, which the refund then tries again.
 */
export async function refundedMessageItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  communityId: string,
  order: Order,
  at: string,
): Promise<TransactionItem[]> {
  if (order.kind !== 'donation' || !order.heldMessage) return [];
  const item = await getItem(client, tableName, keys.donationMessage(communityId, order.id));
  if (!item) return [];
  const message = withoutKeys<StoredMessage>(item);
  if (message.status === 'removed') return [];
  return decisionItems(tableName, communityId, message, 'removed', { by: 'system', at, reason: 'refunded' });
}

function decisionItems(
  tableName: string,
  communityId: string,
  message: StoredMessage,
  to: 'released' | 'removed',
  decision: { by: string; at: string; reason?: string },
): [TransactionItem, TransactionItem] {
  const entryKey = keys.fundEntry(communityId, message.entrySequence);
  return [
    {
      Update: statusUpdate({
        tableName,
        key: keys.donationMessage(communityId, message.id),
        fromStatuses: [message.status],
        // A released message moves to the list of released ones (staff may still take it off); a removed one leaves both.
        set: {
          status: to,
          decidedBy: decision.by,
          decidedAt: decision.at,
          reason: decision.reason,
          ...(to === 'released'
            ? keys.donationMessageIndex(communityId, 'released', message.createdAt, message.id)
            : {}),
        },
        remove: to === 'released' ? [] : ['GSI1PK', 'GSI1SK'],
      }),
    },
    // The public page shows a released message beside its entry: an attribute outside the entry's hash.
    to === 'released'
      ? {
          Update: {
            TableName: tableName,
            Key: entryKey,
            UpdateExpression: 'SET donorMessage = :text',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':text': message.text },
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: entryKey,
            UpdateExpression: 'REMOVE donorMessage',
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
  ];
}

/** Donors' messages held for review (pattern 74). */
export class DynamoDonationMessageStore implements DonationMessageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMessage(communityId: string, messageId: string): Promise<DonationMessage | null> {
    const stored = await getEntity<StoredMessage>(
      this.client,
      this.tableName,
      keys.donationMessage(communityId, messageId),
    );
    return stored ? publicMessage(stored) : null;
  }

  async list(
    communityId: string,
    status: 'under_review' | 'released',
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<DonationMessage>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.donationMessagesPartition(communityId, status),
      cursor,
      limit,
    });
    return {
      items: page.items.map((item) => publicMessage(withoutKeys<StoredMessage>(item))),
      nextCursor: page.nextCursor,
    };
  }

  async decide(
    communityId: string,
    messageId: string,
    expected: DonationMessage['status'],
    to: 'released' | 'removed',
    decision: { by: string; at: string; reason?: string },
    effects?: Effects,
  ): Promise<DonationMessage | null> {
    const stored = await getEntity<StoredMessage>(
      this.client,
      this.tableName,
      keys.donationMessage(communityId, messageId),
    );
    if (!stored || stored.status !== expected) return null;
    const [message, entry] = decisionItems(this.tableName, communityId, stored, to, decision);
    try {
      await writeWithEffects(this.client, message, effects, { with: [entry] });
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
    return {
      ...publicMessage(stored),
      status: to,
      decidedBy: decision.by,
      decidedAt: decision.at,
      reason: decision.reason,
    };
  }
}

function publicMessage(stored: StoredMessage): DonationMessage {
  const { entrySequence: _sequence, ...message } = stored;
  return message;
}

/**
 * The store as the fund function's handlers use it, built here rather than in `wiring.ts` (which every
 * function bundles): only the fund function carries the class.
 */
export const donationMessages = () => new DynamoDonationMessageStore(getDocumentClient(), env.tableName());
