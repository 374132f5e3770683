import { DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DueItem, RetentionStore } from '../domain/office/retention';
import { isConditionalCheckFailed } from './client';
import { INDEXES, RETENTION_SHARDS, keys } from './keys';

/** Pattern 77: the removal buckets on GSI1, and conditional deletes of what they hold. */
export class DynamoRetentionStore implements RetentionStore {
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
}
