import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, NotificationKind, Page, Recognition } from '@linli/shared';
import type { Effects } from '../../domain/effects';
import type { AuditFilter, EarnedMonth, OfficeStore, PendingPush, StatsItem } from '../../domain/office/ports';
import { queryAll, queryCount, queryPage } from '../cursor';
import { isConditionalCheckFailed } from '../client';
import { effectItems, writeWithEffects } from '../effects';
import { ENTITY, INDEXES, keys } from '../keys';
import { getItem, withoutKeys } from '../items';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

const AUDIT_PAGE_SIZE = 50;

/** Statistics, audit log, recognition and subscribe-message credits (patterns #48–#55). */
export class DynamoOfficeStore implements OfficeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Every statistics item and fund month of a community up to `toMonth`: bounded by months, not by activity. */
  async statsItems(communityId: string, toMonth: string): Promise<StatsItem[]> {
    const partition = keys.community(communityId).PK;
    const range = (from: string, to: string) =>
      queryAll(this.client, this.tableName, {
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
      });
    const [stats, fundMonths] = await Promise.all([
      range(keys.statsPrefix(), `${keys.statsPrefix()}${toMonth}#~`),
      range(keys.fundMonthPrefix(), `${keys.fundMonthPrefix()}${toMonth}`),
    ]);
    const items: StatsItem[] = fundMonths.map((item) => ({
      month: String(item.SK).slice(keys.fundMonthPrefix().length),
      section: 'FUND',
      values: { fundIncomeFen: Number(item.incomeFen ?? 0), fundExpenseFen: Number(item.expenseFen ?? 0) },
    }));
    for (const item of stats) {
      const values: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'number') values[name] = value;
        if (value instanceof Set) values[`${name}Count`] = value.size;
      }
      items.push({ month: String(item.month), section: String(item.section), values });
    }
    return items;
  }

  async gauges(communityId: string): Promise<Record<string, number>> {
    const result = await getItem(this.client, this.tableName, keys.gauges(communityId));
    const values: Record<string, number> = {};
    for (const [name, value] of Object.entries(result ?? {})) if (typeof value === 'number') values[name] = value;
    return values;
  }

  countActiveMerchants(communityId: string): Promise<number> {
    return queryCount(this.client, this.tableName, {
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.merchantsByStatus(communityId, 'active') },
    });
  }

  async pendingClaimEnds(communityId: string): Promise<string[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.claimQueuePartition(communityId, 'pending') },
        ProjectionExpression: 'activityEndsAt, createdAt',
      },
      5000,
    );
    return items.map((item) => String(item.activityEndsAt ?? item.createdAt));
  }

  async listAudit(communityId: string, filter: AuditFilter, cursor: string | undefined): Promise<Page<AuditEntry>> {
    const range = { from: filter.fromIso ?? '0', to: filter.toIso ?? '9' };
    const base =
      filter.objectType && filter.objectId
        ? {
            indexName: INDEXES.gsi2,
            partition: keys.auditObjectPartition(communityId, filter.objectType, filter.objectId),
            sortKey: 'GSI2SK',
          }
        : filter.actorId
          ? {
              indexName: INDEXES.gsi1,
              partition: keys.auditActorPartition(communityId, filter.actorId),
              sortKey: 'GSI1SK',
            }
          : { indexName: undefined, partition: keys.auditPartition(communityId), sortKey: 'SK' };
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: base.indexName,
      partition: base.partition,
      sortKeyCondition: {
        expression: `${base.sortKey} BETWEEN :from AND :to`,
        values: { ':from': range.from, ':to': range.to },
      },
      filters: {
        action: filter.action,
        objectType: filter.objectType,
        objectId: filter.objectId,
        actorId: filter.actorId,
      },
      cursor,
      limit: AUDIT_PAGE_SIZE,
      newestFirst: true,
    });
    const items = page.items
      .map((item) => withoutKeys<AuditEntry>(item))
      .filter(
        (entry) =>
          (!filter.action || entry.action === filter.action) &&
          (!filter.objectType || entry.objectType === filter.objectType) &&
          (!filter.actorId || entry.actorId === filter.actorId),
      );
    return { items, nextCursor: page.nextCursor };
  }

  async earners(communityId: string, month: string): Promise<EarnedMonth[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.earnersPartition(communityId, month) },
    });
    return items.map((item) => toEarned(String(item.memberId), month, item));
  }

  async memberMonths(communityId: string, memberId: string): Promise<EarnedMonth[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.community(communityId).PK, ':prefix': keys.earnedPrefix(memberId) },
      }),
    );
    return (result.Items ?? []).map((item) => toEarned(memberId, String(item.month), item));
  }

  async getEarned(communityId: string, memberId: string, month: string): Promise<EarnedMonth | null> {
    const result = await getItem(this.client, this.tableName, keys.earned(communityId, memberId, month));
    return result ? toEarned(memberId, month, result) : null;
  }

  async listRecognitions(communityId: string, month: string): Promise<Recognition[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.community(communityId).PK, ':prefix': keys.recognitionPrefix(month) },
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys<Recognition>(item));
  }

  /** Recognitions of a month, each with its audit entry and notification, in one transaction. */
  async putRecognitions(communityId: string, recognitions: Recognition[], effects: Effects[]): Promise<void> {
    const items = recognitions.flatMap((recognition, index) => [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.recognition(communityId, recognition.month, recognition.memberId),
            type: ENTITY.recognition,
            communityId,
            ...recognition,
          },
        },
      },
      ...effectItems(this.tableName, effects[index]),
    ]);
    await this.client.send(new TransactWriteCommand({ TransactItems: items }));
  }

  async memberIds(communityId: string): Promise<string[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi2,
      KeyConditionExpression: 'GSI2PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.membersPartition(communityId) },
      ProjectionExpression: 'userId',
    });
    return items.map((item) => String(item.userId));
  }

  async noticeOnce(communityId: string, memberId: string, cutoff: string, effects: Effects): Promise<boolean> {
    try {
      await writeWithEffects(
        this.client,
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.expiryNotice(communityId, memberId, cutoff), type: ENTITY.expiryNotice, cutoff },
            ConditionExpression: 'attribute_not_exists(PK)',
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

  /** Notifications waiting for a WeChat push, oldest first. */
  async pendingPushes(limit: number): Promise<PendingPush[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.pushPendingPartition() },
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => ({
      key: { PK: String(item.PK), SK: String(item.SK) },
      userId: String(item.userId),
      kind: item.kind as NotificationKind,
      title: String(item.title),
      body: String(item.body),
      createdAt: String(item.createdAt),
      attempts: Number(item.pushAttempts ?? 0),
    }));
  }

  /** Takes a pending push for this run (leaves the index), so two overlapping runs never send it twice. */
  async claimPush(key: { PK: string; SK: string }): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET push = :sending REMOVE GSI2PK, GSI2SK',
          ConditionExpression: 'push = :pending',
          ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending' },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Final state of a push, or back to pending (with the attempt counted) for a retry. */
  async finishPush(push: PendingPush, outcome: 'sent' | 'no_consent' | 'failed' | 'retry'): Promise<void> {
    const retry = outcome === 'retry';
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: push.key,
        UpdateExpression: retry
          ? 'SET push = :pending, pushAttempts = :attempts, GSI2PK = :partition, GSI2SK = :sort'
          : 'SET push = :outcome, pushAttempts = :attempts',
        ExpressionAttributeValues: retry
          ? {
              ':pending': 'pending',
              ':attempts': push.attempts + 1,
              ':partition': keys.pushPendingPartition(),
              ':sort': `${new Date().toISOString()}#${push.userId}`,
            }
          : { ':outcome': outcome, ':attempts': push.attempts + 1 },
      }),
    );
  }

  /** Uses one subscribe-message credit of this kind; false when the resident has none left. */
  async useCredit(userId: string, kind: NotificationKind, change: -1 | 1 = -1): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.subscriptions(userId),
          UpdateExpression: 'ADD credits.#kind :change',
          ConditionExpression: change < 0 ? 'credits.#kind > :zero' : 'attribute_exists(credits)',
          ExpressionAttributeNames: { '#kind': kind },
          ExpressionAttributeValues: { ':change': change, ':zero': 0 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Display names of up to 100 members, in one BatchGetItem. */
  async memberNames(communityId: string, memberIds: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unique = [...new Set(memberIds)].slice(0, 100);
    if (unique.length === 0) return names;
    let requested: Record<string, unknown>[] | undefined = unique.map((id) => ({ ...keys.member(communityId, id) }));
    for (let attempt = 0; requested && requested.length > 0 && attempt < 5; attempt += 1) {
      const result: BatchGetCommandOutput = await this.client.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: requested, ProjectionExpression: 'userId, displayName' } },
        }),
      );
      for (const item of result.Responses?.[this.tableName] ?? [])
        names.set(String(item.userId), String(item.displayName));
      requested = result.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return names;
  }

  async getSubscriptionCredits(userId: string): Promise<Partial<Record<NotificationKind, number>>> {
    const result = await getItem(this.client, this.tableName, keys.subscriptions(userId));
    return (result?.credits as Partial<Record<NotificationKind, number>> | undefined) ?? {};
  }

  async addSubscriptionCredits(userId: string, kinds: NotificationKind[]): Promise<void> {
    // A map attribute must exist before ADD can reach into it: set it first, then add.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.subscriptions(userId),
        UpdateExpression: 'SET credits = if_not_exists(credits, :empty), #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':empty': {}, ':type': ENTITY.subscriptions },
      }),
    );
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const additions = [...new Set(kinds)].map((kind, index) => {
      names[`#k${index}`] = kind;
      values[`:one${index}`] = 1;
      return `credits.#k${index} :one${index}`;
    });
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.subscriptions(userId),
        UpdateExpression: `ADD ${additions.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
}

function toEarned(memberId: string, month: string, item: Record<string, unknown>): EarnedMonth {
  return {
    memberId,
    month,
    earnedPoints: Number(item.earnedPoints ?? 0),
    volunteerMinutes: Number(item.volunteerMinutes ?? 0),
    ...(item.volunteerVisits === undefined ? {} : { volunteerVisits: Number(item.volunteerVisits) }),
  };
}
