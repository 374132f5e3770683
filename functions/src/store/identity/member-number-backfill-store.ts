import { PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MemberNumberBackfillState, MemberNumberBackfillStore } from '../../domain/identity/member-numbers';
import { cancellationReasons, getItem, type TransactionItem } from '../client';
import { queryAll } from '../cursor';
import { INDEXES, keys } from '../keys';
import { withMemberNumber } from './member-numbers';

/** Pattern 82c: the backfill of numbers for members added before there were any. */
export class DynamoMemberNumberBackfillStore implements MemberNumberBackfillStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async backfillState(): Promise<MemberNumberBackfillState> {
    const item = await getItem(this.client, this.tableName, keys.memberNumberBackfill());
    if (!item) return { done: false };
    if (item.done === true) return { done: true };
    return {
      done: false,
      ...(typeof item.communityId === 'string' ? { communityId: item.communityId } : {}),
      ...(item.startKey ? { startKey: item.startKey as Record<string, unknown> } : {}),
    };
  }

  async saveBackfillState(state: MemberNumberBackfillState): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.memberNumberBackfill(), type: 'MemberNumberBackfill', ...state },
      }),
    );
  }

  async communityIds(): Promise<string[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.allCommunitiesPartition() },
      ProjectionExpression: 'GSI1SK',
    });
    return items.map((item) => String(item.GSI1SK));
  }

  async membersPage(communityId: string, limit: number, startKey?: Record<string, unknown>) {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.membersPartition(communityId) },
        ProjectionExpression: 'userId, memberNo',
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (page.Items ?? []).map((item) => ({
      userId: String(item.userId),
      ...(typeof item.memberNo === 'number' ? { memberNo: item.memberNo } : {}),
    }));
    return { items, ...(page.LastEvaluatedKey ? { nextKey: page.LastEvaluatedKey } : {}) };
  }

  async numberMember(communityId: string, userId: string): Promise<number | null> {
    try {
      return await withMemberNumber(this.client, this.tableName, { communityId, userId }, async (numbered, items) => {
        const member: TransactionItem = {
          Update: {
            TableName: this.tableName,
            Key: keys.member(communityId, userId),
            UpdateExpression: 'SET memberNo = :memberNo',
            // Only a member without a number: two runs at once number them once.
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(memberNo)',
            ExpressionAttributeValues: { ':memberNo': numbered.memberNo },
          },
        };
        await this.client.send(new TransactWriteCommand({ TransactItems: [member, ...items] }));
        return numbered.memberNo;
      });
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return null;
      throw error;
    }
  }
}
