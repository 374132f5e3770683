import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type {
  BackfillState,
  DueItem,
  NotificationBackfillStore,
  RetentionStore,
  UnkeyedNotification,
} from '../domain/office/retention';
import { isConditionalCheckFailed } from './client';
import { getItem } from './items';
import { ENTITY, INDEXES, RETENTION_SHARDS, keys, retentionValues } from './keys';

/**
 * Pattern 79: the removal buckets on GSI1, and conditional deletes of what they hold; pattern 80: the
 * one-off backfill of notifications written before they had a removal key.
 */
export class DynamoRetentionStore implements RetentionStore, NotificationBackfillStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  partitionsOf(day: string): string[] {
    return Array.from({ length: RETENTION_SHARDS }, (_, shard) => keys.retentionPartition(day, shard));
  }

  async dueItems(partition: string, nowSeconds: number, limit: number, startKey?: Record<string, unknown>) {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK <= :now',
        ExpressionAttributeValues: { ':partition': partition, ':now': String(nowSeconds).padStart(12, '0') },
        ProjectionExpression: 'PK, SK, GSI1PK, GSI1SK, #type',
        ExpressionAttributeNames: { '#type': 'type' },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items: DueItem[] = (page.Items ?? []).map((item) => ({
      PK: String(item.PK),
      SK: String(item.SK),
      bucket: String(item.GSI1PK),
      removeAt: String(item.GSI1SK),
      type: String(item.type ?? 'unknown'),
    }));
    return { items, nextKey: page.LastEvaluatedKey };
  }

  async remove(items: readonly DueItem[]): Promise<DueItem[]> {
    const outcomes = await Promise.all(
      items.map(async (item) => {
        try {
          await this.client.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { PK: item.PK, SK: item.SK },
              // Only while it is still due as read: a record written again since (a reused key) stays.
              ConditionExpression: 'GSI1PK = :bucket AND GSI1SK = :removeAt',
              ExpressionAttributeValues: { ':bucket': item.bucket, ':removeAt': item.removeAt },
            }),
          );
          return item;
        } catch (error) {
          if (isConditionalCheckFailed(error)) return null;
          throw error;
        }
      }),
    );
    return outcomes.filter((item): item is DueItem => item !== null);
  }

  async backfillState(): Promise<BackfillState> {
    const item = await getItem(this.client, this.tableName, keys.notificationBackfill(), { consistent: true });
    if (!item) return { done: false };
    return item.done === true ? { done: true } : { done: false, startKey: item.startKey as Record<string, unknown> };
  }

  async saveBackfillState(state: BackfillState): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.notificationBackfill(), type: 'RetentionBackfill', ...state },
      }),
    );
  }

  async unkeyedNotifications(limit: number, startKey?: Record<string, unknown>) {
    const page = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#type = :notification AND attribute_not_exists(GSI1PK)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':notification': ENTITY.notification },
        ProjectionExpression: 'PK, SK, createdAt',
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items: UnkeyedNotification[] = (page.Items ?? []).map((item) => ({
      PK: String(item.PK),
      SK: String(item.SK),
      createdAt: String(item.createdAt ?? ''),
    }));
    return { items, nextKey: page.LastEvaluatedKey };
  }

  async keyNotification(item: UnkeyedNotification, removeAtSeconds: number): Promise<boolean> {
    return this.unlessKeyed(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: 'SET GSI1PK = :retainIn, GSI1SK = :retainAt',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI1PK)',
        ExpressionAttributeValues: retentionValues(item, removeAtSeconds),
      }),
    );
  }

  async removeUnkeyed(item: UnkeyedNotification): Promise<boolean> {
    return this.unlessKeyed(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { PK: item.PK, SK: item.SK },
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI1PK)',
      }),
    );
  }

  private async unlessKeyed(command: UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.client.send(command);
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
