import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order, Pledge } from '@linli/shared';
import type { NotificationDraft } from '../../domain/effects';
import type { PledgeStore } from '../../domain/fund/ports';
import { env } from '../../lib/env';
import { cancellationReasons, getDocumentClient } from '../client';
import { queryPage } from '../cursor';
import { effectItems } from '../effects';
import { getEntity, putNewEntity, statusUpdate, transitionEntity, withoutKeys } from '../items';
import { ENTITY, INDEXES, keys } from '../keys';
import { orderItem } from '../shop/shop-store';

const dueKeys = (communityId: string, pledge: Pledge) => ({
  GSI1PK: keys.pledgesDue(pledge.dayOfMonth),
  GSI1SK: `${communityId}#${pledge.id}`,
});

/** 月月捐 pledges and the in-app notifications they send. */
export class DynamoPledgeStore implements PledgeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createPledge(communityId: string, pledge: Pledge): Promise<void> {
    await putNewEntity(this.client, this.tableName, {
      ...keys.pledge(communityId, pledge.id),
      ...dueKeys(communityId, pledge),
      GSI2PK: keys.memberPledges(communityId, pledge.donorId),
      GSI2SK: `${pledge.createdAt}#${pledge.id}`,
      type: ENTITY.pledge,
      communityId,
      ...pledge,
    });
  }

  async getPledge(communityId: string, pledgeId: string): Promise<Pledge | null> {
    const pledge = await getEntity<Pledge & { communityId?: string }>(
      this.client,
      this.tableName,
      keys.pledge(communityId, pledgeId),
    );
    if (!pledge) return null;
    const { communityId: _community, ...rest } = pledge;
    return rest;
  }

  async listMemberPledges(communityId: string, memberId: string): Promise<Pledge[]> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi2,
      partition: keys.memberPledges(communityId, memberId),
      cursor: undefined,
      limit: 50,
      newestFirst: true,
    });
    return page.items.map((item) => {
      const { communityId: _community, ...pledge } = withoutKeys<Pledge & { communityId: string }>(item);
      return pledge;
    });
  }

  async setPledgeStatus(communityId: string, pledge: Pledge, to: Pledge['status']): Promise<Pledge | null> {
    const active = to === 'active';
    const changed = await transitionEntity<Pledge & { communityId?: string }>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.pledge(communityId, pledge.id),
        fromStatuses: [pledge.status],
        set: { status: to, ...(active ? dueKeys(communityId, pledge) : {}) },
        remove: active ? [] : ['GSI1PK', 'GSI1SK'],
      }),
    );
    if (!changed) return null;
    const { communityId: _community, ...rest } = changed;
    return rest;
  }

  async pledgesDueOn(dayOfMonth: number): Promise<{ communityId: string; pledgeId: string }[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.pledgesDue(dayOfMonth) },
      }),
    );
    return (result.Items ?? []).map((item) => ({ communityId: String(item.communityId), pledgeId: String(item.id) }));
  }

  async createMonthlyDonation(
    communityId: string,
    pledge: Pledge,
    order: Order,
    month: string,
    notification: NotificationDraft,
  ) {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.pledge(communityId, pledge.id),
                UpdateExpression: 'SET lastDueMonth = :month',
                ConditionExpression:
                  '#status = :active AND (attribute_not_exists(lastDueMonth) OR lastDueMonth <> :month)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':month': month, ':active': 'active' },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: orderItem(communityId, order),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            ...effectItems(this.tableName, { notify: [notification] }),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
      throw error;
    }
  }
}

/**
 * The store as the fund function and the pledge job use it, built here rather than in `wiring.ts`
 * (which every function bundles): only they carry the class.
 */
export const pledgeStore = () => new DynamoPledgeStore(getDocumentClient(), env.tableName());
