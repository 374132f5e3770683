import { env } from '../../lib/env';
import { getDocumentClient } from '../client';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ActivitySeries } from '@linli/shared';
import type { ActivityDraft, ActivityRecord, ActivitySeriesStore } from '../../domain/timebank/ports';
import type { Effects } from '../../domain/effects';
import { getItems, type TransactionItem } from '../client';
import { effectItems, writeWithEffects } from '../effects';
import { getEntity } from '../items';
import { ENTITY, keys } from '../keys';
import { activityItem, toActivityRecord } from './timebank-store';

/** DynamoDB's limit of items in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;

/** Weekly activity series (issue 17): the series item, and its occurrences written with it at once. */
export class DynamoActivitySeriesStore implements ActivitySeriesStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * One transaction: the series, each occurrence (the item `createActivity` writes) with its audit
   * entry, and the activities of each month counted once per month (an item appears once).
   */
  async createSeries(series: ActivitySeries, occurrences: ActivityDraft[], effects?: Effects): Promise<void> {
    const items: TransactionItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.activitySeries(series.communityId, series.id), type: ENTITY.activitySeries, ...series },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...effectItems(this.tableName, effects),
    ];
    for (const occurrence of occurrences) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: activityItem(occurrence.activity),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
      items.push(...effectItems(this.tableName, { ...occurrence.effects, stats: undefined }));
    }
    const stats = occurrences.flatMap((occurrence) => occurrence.effects?.stats ?? []);
    items.push(...effectItems(this.tableName, { stats }));
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(`a series of ${occurrences.length} occurrences needs ${items.length} items in one transaction`);
    }
    await this.client.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async getSeries(communityId: string, seriesId: string): Promise<ActivitySeries | null> {
    return getEntity<ActivitySeries>(this.client, this.tableName, keys.activitySeries(communityId, seriesId));
  }

  async getOccurrences(communityId: string, activityIds: readonly string[]): Promise<ActivityRecord[]> {
    if (activityIds.length === 0) return [];
    const items = await getItems(
      this.client,
      this.tableName,
      activityIds.map((activityId) => keys.activity(communityId, activityId)),
    );
    return items.filter((item): item is Record<string, unknown> => item !== null).map(toActivityRecord);
  }

  async saveSeries(series: ActivitySeries, effects?: Effects): Promise<void> {
    await writeWithEffects(
      this.client,
      {
        Update: {
          TableName: this.tableName,
          Key: keys.activitySeries(series.communityId, series.id),
          UpdateExpression: 'SET #until = :until, #status = :status, updatedBy = :by, updatedAt = :at',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#until': 'until', '#status': 'status' },
          ExpressionAttributeValues: {
            ':until': series.until,
            ':status': series.status,
            ':by': series.updatedBy,
            ':at': series.updatedAt,
          },
        },
      },
      effects,
    );
  }
}

/**
 * The store as the timebank function use it, built here rather than in `wiring.ts` (which every function
 * bundles): only they carry the class.
 */
export const activitySeriesStore = () => new DynamoActivitySeriesStore(getDocumentClient(), env.tableName());
