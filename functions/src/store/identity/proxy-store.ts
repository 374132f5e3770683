import { type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_CHILDREN, type ProxyRelation } from '@linli/shared';
import type { Effects } from '../../domain/effects';
import type { MemberRecord, ProxyStore } from '../../domain/identity/ports';
import { memberItem } from './identity-store';
import { cancellationReasons, isConditionalCheckFailed, type TransactionItem } from '../client';
import { withMemberNumber } from './member-numbers';
import { queryAll } from '../cursor';
import { writeWithEffects } from '../effects';
import { ENTITY, INDEXES, keys } from '../keys';
import { getEntity, withoutKeys } from '../items';

/** Proxy relations: who may act for a resident without a phone (patterns #53). */
export class DynamoProxyStore implements ProxyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getProxy(communityId: string, residentId: string, proxyId: string): Promise<ProxyRelation | null> {
    return getEntity<ProxyRelation>(this.client, this.tableName, keys.proxy(communityId, residentId, proxyId));
  }

  async createProxy(relation: ProxyRelation, effects?: Effects): Promise<'created' | 'exists'> {
    try {
      await writeWithEffects(
        this.client,
        {
          Put: {
            TableName: this.tableName,
            Item: this.relationItem(relation),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        effects,
      );
      return 'created';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'exists';
      throw error;
    }
  }

  async addChild(child: MemberRecord, relation: ProxyRelation, effects?: Effects): Promise<MemberRecord | 'limit'> {
    const count: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.guardianChildren(child.communityId, relation.proxyId),
        UpdateExpression: 'SET childCount = if_not_exists(childCount, :zero) + :one',
        // The limit holds however many are added at once: each raises the count in its own transaction.
        ConditionExpression: 'attribute_not_exists(childCount) OR childCount < :max',
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': MAX_CHILDREN },
      },
    };
    const relationPut: TransactionItem = { Put: { TableName: this.tableName, Item: this.relationItem(relation) } };
    try {
      // The child's number with them (pattern 82); a busy counter or item is read again and retried there.
      return await withMemberNumber(this.client, this.tableName, child, async (numbered, numberItems) => {
        await writeWithEffects(
          this.client,
          {
            Put: {
              TableName: this.tableName,
              Item: memberItem(numbered),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          { ...effects, gauges: { communityId: child.communityId, add: { members: 1 } } },
          { with: [relationPut, count, ...numberItems] },
        );
        return numbered;
      });
    } catch (error) {
      if (cancellationReasons(error)?.[2] === 'ConditionalCheckFailed') return 'limit';
      throw error;
    }
  }

  async removeProxy(communityId: string, residentId: string, proxyId: string, effects?: Effects): Promise<boolean> {
    try {
      await writeWithEffects(
        this.client,
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.proxy(communityId, residentId, proxyId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        effects,
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** The resident's proxies (`PROXY#{residentId}#`) or every relation of the community. */
  async listProxiesOf(communityId: string, residentId?: string): Promise<ProxyRelation[]> {
    const prefix = residentId ? keys.proxiesOfResidentPrefix(residentId) : keys.proxyPrefix();
    return this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.community(communityId).PK, ':prefix': prefix },
    });
  }

  /** The residents a proxy acts for. */
  async listActingFor(communityId: string, proxyId: string): Promise<ProxyRelation[]> {
    return this.queryAll({
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.proxiesForPartition(communityId, proxyId) },
    });
  }

  private relationItem(relation: ProxyRelation): Record<string, unknown> {
    return {
      ...keys.proxy(relation.communityId, relation.residentId, relation.proxyId),
      ...keys.proxiesFor(relation.communityId, relation.proxyId, relation.residentId),
      type: ENTITY.proxy,
      ...relation,
    };
  }

  private async queryAll(input: Parameters<typeof queryAll>[2]) {
    const items = await queryAll(this.client, this.tableName, input, 1000);
    return items.map((item) => withoutKeys<ProxyRelation>(item));
  }
}
