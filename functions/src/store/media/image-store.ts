import {
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ImageStatus, Page } from '@linli/shared';
import type { AuditDraft } from '../../domain/effects';
import type { ImageStore, StoredImage } from '../../domain/media/ports';
import { cancellationReasons, getItems, isConditionalCheckFailed, type TransactionItem } from '../client';
import { queryPage } from '../cursor';
import { ENTITY, INDEXES, keys, retentionValues } from '../keys';
import { getEntity, statusUpdate, transitionEntity, withoutKeys } from '../items';

/** Photos (pattern 71) and WeChat's trace ids for them (pattern 72). */
export class DynamoImageStore implements ImageStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Two uploads asked at the same moment by one member touch the same hourly counter: DynamoDB cancels
   * one transaction as a conflict (not the limit), which is tried again after a short pause.
   */
  async createImage(image: StoredImage, maxPerHour: number): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: this.createItems(image, maxPerHour) }));
        return true;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[1] === 'ConditionalCheckFailed') return false;
        if (!reasons.includes('TransactionConflict') || attempt >= 6) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  }

  private createItems(image: StoredImage, maxPerHour: number): TransactionItem[] {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.image(image.communityId, image.id), type: ENTITY.image, ...image },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.imageUploadsOfHour(image.communityId, image.uploadedBy, image.createdAt.slice(0, 13)),
          // found again by the retention job when it is due (pattern 79)
          UpdateExpression:
            'SET #type = :type, expiresAt = :expires, GSI1PK = :retainIn, GSI1SK = :retainAt ADD uploads :one',
          ConditionExpression: 'attribute_not_exists(uploads) OR uploads < :max',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: {
            ':type': ENTITY.imageUploads,
            ':one': 1,
            ':max': maxPerHour,
            ':expires': Math.floor(Date.parse(image.createdAt) / 1000) + 2 * 3600,
            ...retentionValues(
              keys.imageUploadsOfHour(image.communityId, image.uploadedBy, image.createdAt.slice(0, 13)),
              Math.floor(Date.parse(image.createdAt) / 1000) + 2 * 3600,
            ),
          },
        },
      },
    ];
  }

  async claimCompletion(image: StoredImage, now: Date, seconds: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.image(image.communityId, image.id),
          UpdateExpression: 'SET completingUntil = :until',
          ConditionExpression:
            '#status = :waiting AND (attribute_not_exists(completingUntil) OR completingUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':waiting': 'awaiting_upload',
            ':now': now.toISOString(),
            ':until': new Date(now.getTime() + seconds * 1000).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  getImage(communityId: string, imageId: string): Promise<StoredImage | null> {
    return getEntity<StoredImage>(this.client, this.tableName, keys.image(communityId, imageId));
  }

  async getImages(communityId: string, imageIds: readonly string[]): Promise<Map<string, StoredImage>> {
    const items = await getItems(
      this.client,
      this.tableName,
      imageIds.map((id) => keys.image(communityId, id)),
    );
    const found = new Map<string, StoredImage>();
    for (const item of items) {
      if (item) {
        const image = withoutKeys<StoredImage>(item);
        found.set(image.id, image);
      }
    }
    return found;
  }

  transition(
    image: StoredImage,
    from: readonly ImageStatus[],
    changes: Partial<StoredImage> & { status: ImageStatus },
    options: { audit?: AuditDraft } = {},
  ): Promise<StoredImage | null> {
    const held = changes.status === 'under_review';
    const checking = changes.status === 'checking' && changes.checkBy !== undefined;
    const update = statusUpdate({
      tableName: this.tableName,
      key: keys.image(image.communityId, image.id),
      fromStatuses: from,
      set: {
        ...changes,
        ...(held ? keys.heldImage(image.communityId, image.createdAt, image.id) : {}),
        ...(checking ? keys.checkingImage(image.communityId, changes.checkBy!, image.id) : {}),
      },
      remove: [
        ...(held ? [] : ['GSI1PK', 'GSI1SK']),
        ...(checking ? [] : ['GSI2PK', 'GSI2SK']),
        ...(changes.status === 'awaiting_upload' ? [] : ['completingUntil']),
      ],
    });
    return transitionEntity<StoredImage>(this.client, update, options.audit ? { audit: options.audit } : undefined);
  }

  async releaseCompletion(image: StoredImage): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.image(image.communityId, image.id),
          UpdateExpression: 'REMOVE completingUntil',
          ConditionExpression: 'attribute_exists(PK)',
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
      });
  }

  async saveTrace(traceId: string, communityId: string, imageId: string): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.mediaTrace(traceId), type: ENTITY.mediaTrace, traceId, communityId, imageId },
      }),
    );
  }

  async findTrace(traceId: string): Promise<{ communityId: string; imageId: string } | null> {
    return getEntity<{ communityId: string; imageId: string }>(this.client, this.tableName, keys.mediaTrace(traceId));
  }

  async listHeld(communityId: string, cursor: string | undefined, limit: number): Promise<Page<StoredImage>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.heldImagesPartition(communityId),
      cursor,
      limit,
    });
    return { items: page.items.map((item) => withoutKeys<StoredImage>(item)), nextCursor: page.nextCursor };
  }

  async listOverdueChecks(before: string, limit: number): Promise<StoredImage[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition AND GSI2SK < :before',
        ExpressionAttributeValues: { ':partition': keys.checkingImagesPartition(), ':before': before },
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys<StoredImage>(item));
  }
}
