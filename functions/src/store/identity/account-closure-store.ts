import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addMonths, CLOSED_ACCOUNT_NAME, CONTRIBUTION_KINDS, monthOf } from '@linli/shared';
import type { AccountClosureStore } from '../../domain/identity/close-account';
import type { MemberRecord } from '../../domain/identity/ports';
import { getItem, isConditionalCheckFailed } from '../client';
import { searchableName } from './search-name';
import { forEachConcurrently } from '../../lib/concurrency';
import { AppError } from '../../lib/errors';
import { INDEXES, keys } from '../keys';

/** Name erasures sent at once: a handful, well inside a table's write capacity and a Lambda's sockets. */
const ERASE_CONCURRENCY = 8;

/** Closing accounts (issue 20): the tombstone on the user record and the erasures around it. */
export class DynamoAccountClosureStore implements AccountClosureStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async eraseMember(member: MemberRecord, now: string): Promise<void> {
    const { communityId, userId } = member;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.member(communityId, userId),
              UpdateExpression:
                'SET displayName = :name, searchName = :searchName, #roles = :roles, closedAt = if_not_exists(closedAt, :now) REMOVE phone, birthDate, guardianName',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#roles': 'roles' },
              ExpressionAttributeValues: {
                ':name': CLOSED_ACCOUNT_NAME,
                ':searchName': searchableName(CLOSED_ACCOUNT_NAME),
                ':roles': ['resident'],
                ':now': now,
              },
            },
          },
          { Delete: { TableName: this.tableName, Key: keys.volunteerProfile(communityId, userId) } },
        ],
      }),
    );
    await this.eraseBoardNames(member, now);
    await this.eraseGoodDonorNames(member);
  }

  async retireProducts(communityId: string, productIds: readonly string[], now: string): Promise<void> {
    await forEachConcurrently(productIds, ERASE_CONCURRENCY, (productId) =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.product(communityId, productId),
          UpdateExpression:
            'SET #status = :rejected, GSI1PK = :index, makerName = :name, decidedAt = :now, decidedBy = :system, reason = :reason',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':rejected': 'rejected',
            ':index': keys.productsByStatus(communityId, 'rejected'),
            ':name': CLOSED_ACCOUNT_NAME,
            ':now': now,
            ':system': 'system',
            ':reason': 'maker_account_closed',
          },
        }),
      ),
    );
  }

  /**
   * The name on the 光荣榜 (the contributions board and the office's monthly recognition), each month
   * since joining and each kind it has a line in.
   */
  private async eraseBoardNames(member: MemberRecord, now: string): Promise<void> {
    const last = monthOf(now);
    const names: { key: { PK: string; SK: string }; attribute: string }[] = [];
    for (let month = monthOf(member.joinedAt); month <= last; month = addMonths(month, 1)) {
      for (const kind of [...CONTRIBUTION_KINDS, 'all'])
        names.push({
          key: keys.leaderboardEntry(member.communityId, month, kind, member.userId),
          attribute: 'memberName',
        });
      names.push({ key: keys.recognition(member.communityId, month, member.userId), attribute: 'displayName' });
    }
    // Independent items: a few at a time, not one after another (years of months × kinds).
    await forEachConcurrently(names, ERASE_CONCURRENCY, ({ key, attribute }) => this.renameIfPresent(key, attribute));
  }

  /** The donor's name on the supermarket goods they gave (members read the goods list). */
  private async eraseGoodDonorNames(member: MemberRecord): Promise<void> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.gsi1,
          KeyConditionExpression: 'GSI1PK = :partition',
          FilterExpression: 'donorMemberId = :donor',
          ExpressionAttributeValues: { ':partition': keys.goodsPartition(member.communityId), ':donor': member.userId },
          ExclusiveStartKey: startKey,
        }),
      );
      await forEachConcurrently(page.Items ?? [], ERASE_CONCURRENCY, (item) =>
        this.renameIfPresent({ PK: String(item.PK), SK: String(item.SK) }, 'donorName'),
      );
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** Sets `attribute` of the item at `key` to the neutral name, if the item exists (nothing otherwise). */
  private async renameIfPresent(key: { PK: string; SK: string }, attribute: string): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET #name = :name',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#name': attribute },
          ExpressionAttributeValues: { ':name': CLOSED_ACCOUNT_NAME },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionalCheckFailed(error)) throw error;
      });
  }

  async closeUser(userId: string, now: string): Promise<string> {
    const user = await getItem(this.client, this.tableName, keys.user(userId));
    if (!user) throw new AppError('auth.account_closed', 'This account does not exist');
    const closedAt = typeof user.closedAt === 'string' ? user.closedAt : now;
    const openid = typeof user.openid === 'string' ? user.openid : undefined;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.user(userId),
              UpdateExpression: 'SET closedAt = :closedAt, nickname = :name REMOVE openid',
              ExpressionAttributeValues: { ':closedAt': closedAt, ':name': CLOSED_ACCOUNT_NAME },
            },
          },
          // The same WeChat account logs in to a new user: its claim goes (only if it is still this user's).
          ...(openid
            ? [
                {
                  Delete: {
                    TableName: this.tableName,
                    Key: keys.openid(openid),
                    ConditionExpression: 'attribute_not_exists(PK) OR userId = :user',
                    ExpressionAttributeValues: { ':user': userId },
                  },
                },
              ]
            : []),
          { Delete: { TableName: this.tableName, Key: keys.wechatSession(userId) } },
          { Delete: { TableName: this.tableName, Key: keys.subscriptions(userId) } },
        ],
      }),
    );
    return closedAt;
  }
}
