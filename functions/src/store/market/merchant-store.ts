import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  Complaint,
  DiscountUse,
  MerchantDetail,
  MerchantPost,
  MerchantStatus,
  Offer,
  Page,
  ProxyFlag,
} from '@linli/shared';
import type { ComplaintStore, DiscountStore, MerchantStore, PostStore, StaffDecision } from '../../domain/market/ports';
import { AppError } from '../../lib/errors';
import { cancellationReasons } from '../client';
import { queryPage } from '../cursor';
import { getEntity, putNewEntity, statusUpdate, transitionEntity, withoutKeys } from '../items';
import type { Effects } from '../../domain/effects';
import { effectItems } from '../effects';
import { ENTITY, INDEXES, keys } from '../keys';

const PAGE_SIZE = 25;

const merchantItem = (merchant: MerchantDetail) => ({
  ...keys.merchant(merchant.communityId, merchant.id),
  GSI1PK: keys.merchantsByStatus(merchant.communityId, merchant.status),
  GSI1SK: `${merchant.createdAt}#${merchant.id}`,
  type: ENTITY.merchant,
  ...merchant,
  // A string set, so that adding staff is one ADD (no read-modify-write of a list).
  staffIds: new Set(merchant.staffIds),
});

/** Staff ids come back from DynamoDB as a Set; callers and JSON want an array. */
function toMerchant(merchant: MerchantDetail | null): MerchantDetail | null {
  if (!merchant) return null;
  const staffIds = merchant.staffIds as unknown as Set<string> | string[] | undefined;
  return { ...merchant, staffIds: staffIds ? [...staffIds].sort() : [] };
}

const staffLinkItem = (communityId: string, merchantId: string, userId: string) => ({
  ...keys.merchantStaff(communityId, merchantId, userId),
  GSI2PK: keys.myMerchants(communityId, userId),
  GSI2SK: merchantId,
  type: ENTITY.merchantStaff,
  communityId,
  merchantId,
  userId,
});

/** Merchants, their staff, discount uses and proxy flags, complaints and posts. */
export class DynamoMerchantStore implements MerchantStore, DiscountStore, ComplaintStore, PostStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createMerchant(merchant: MerchantDetail): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: merchantItem(merchant),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: staffLinkItem(merchant.communityId, merchant.id, merchant.ownerId),
            },
          },
        ],
      }),
    );
  }

  async getMerchant(communityId: string, merchantId: string): Promise<MerchantDetail | null> {
    return toMerchant(
      await getEntity<MerchantDetail>(this.client, this.tableName, keys.merchant(communityId, merchantId)),
    );
  }

  async listMerchantsByStatus(communityId: string, status: MerchantStatus, cursor: string | undefined) {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.merchantsByStatus(communityId, status),
      cursor,
      limit: PAGE_SIZE,
    });
    return {
      items: page.items.map((item) => toMerchant(withoutKeys<MerchantDetail>(item)) as MerchantDetail),
      nextCursor: page.nextCursor,
    };
  }

  async transition(
    communityId: string,
    merchantId: string,
    from: readonly MerchantStatus[],
    to: MerchantStatus,
    decision: StaffDecision,
    effects?: Effects,
  ) {
    return toMerchant(
      await transitionEntity<MerchantDetail>(
        this.client,
        statusUpdate({
          tableName: this.tableName,
          key: keys.merchant(communityId, merchantId),
          fromStatuses: from,
          set: {
            status: to,
            GSI1PK: keys.merchantsByStatus(communityId, to),
            decidedBy: decision.by,
            decidedAt: decision.at,
            reason: decision.reason,
          },
        }),
        effects,
      ),
    );
  }

  async updateOffer(communityId: string, merchantId: string, offer: Offer) {
    return toMerchant(
      await transitionEntity<MerchantDetail>(
        this.client,
        statusUpdate({
          tableName: this.tableName,
          key: keys.merchant(communityId, merchantId),
          fromStatuses: ['pending', 'active', 'warned', 'suspended'],
          set: { offer },
        }),
      ),
    );
  }

  /** The storefront photo set (an image id) or taken off (null), while the merchant is not removed. */
  async updateStorefront(communityId: string, merchantId: string, imageId: string | null) {
    return toMerchant(
      await transitionEntity<MerchantDetail>(
        this.client,
        statusUpdate({
          tableName: this.tableName,
          key: keys.merchant(communityId, merchantId),
          fromStatuses: ['pending', 'active', 'warned', 'suspended'],
          set: imageId ? { storefrontImageId: imageId } : {},
          remove: imageId ? [] : ['storefrontImageId'],
        }),
      ),
    );
  }

  async addStaff(communityId: string, merchantId: string, userId: string): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: staffLinkItem(communityId, merchantId, userId) } },
          {
            Update: {
              TableName: this.tableName,
              Key: keys.merchant(communityId, merchantId),
              UpdateExpression: 'ADD staffIds :user',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':user': new Set([userId]) },
            },
          },
        ],
      }),
    );
  }

  async isStaff(communityId: string, merchantId: string, userId: string): Promise<boolean> {
    return (await getEntity(this.client, this.tableName, keys.merchantStaff(communityId, merchantId, userId))) !== null;
  }

  async listMyMerchants(communityId: string, userId: string): Promise<MerchantDetail[]> {
    const links = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi2,
      partition: keys.myMerchants(communityId, userId),
      cursor: undefined,
      limit: 20,
    });
    const merchants = await Promise.all(
      links.items.map((link) => this.getMerchant(communityId, String(link.merchantId))),
    );
    return merchants.filter((merchant): merchant is MerchantDetail => merchant !== null);
  }

  async usesOfMemberSince(communityId: string, memberId: string, sinceIso: string): Promise<DiscountUse[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition AND GSI2SK >= :since',
        ExpressionAttributeValues: { ':partition': keys.memberUses(communityId, memberId), ':since': sinceIso },
        Limit: 200,
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys<DiscountUse>(item));
  }

  async recordUse(
    communityId: string,
    use: DiscountUse,
    flag: ProxyFlag | null,
    effects?: Effects,
  ): Promise<'recorded' | 'duplicate'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.discountUse(communityId, use.id),
                  GSI1PK: keys.merchantUses(communityId, use.merchantId),
                  GSI1SK: `${use.at}#${use.id}`,
                  GSI2PK: keys.memberUses(communityId, use.memberId),
                  GSI2SK: `${use.at}#${use.id}`,
                  type: ENTITY.discountUse,
                  ...use,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.merchant(communityId, use.merchantId),
                UpdateExpression: 'ADD usesCount :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            ...(flag
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: {
                        ...keys.flag(communityId, flag.id),
                        GSI1PK: keys.flagsByStatus(communityId, flag.status),
                        GSI1SK: `${flag.createdAt}#${flag.id}`,
                        type: ENTITY.flag,
                        ...flag,
                      },
                    },
                  },
                ]
              : []),
            ...effectItems(this.tableName, effects),
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && (reasons[0] === 'ConditionalCheckFailed' || reasons.includes('TransactionConflict')))
        return 'duplicate';
      throw error;
    }
  }

  getUse(communityId: string, useId: string): Promise<DiscountUse | null> {
    return getEntity<DiscountUse>(this.client, this.tableName, keys.discountUse(communityId, useId));
  }

  async listMerchantUses(
    communityId: string,
    merchantId: string,
    cursor: string | undefined,
  ): Promise<Page<DiscountUse>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.merchantUses(communityId, merchantId),
      cursor,
      limit: PAGE_SIZE,
      newestFirst: true,
    });
    return { items: page.items.map((item) => withoutKeys<DiscountUse>(item)), nextCursor: page.nextCursor };
  }

  async listFlags(
    communityId: string,
    status: ProxyFlag['status'],
    cursor: string | undefined,
  ): Promise<Page<ProxyFlag>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.flagsByStatus(communityId, status),
      cursor,
      limit: PAGE_SIZE,
    });
    return { items: page.items.map((item) => withoutKeys<ProxyFlag>(item)), nextCursor: page.nextCursor };
  }

  getFlag(communityId: string, flagId: string): Promise<ProxyFlag | null> {
    return getEntity<ProxyFlag>(this.client, this.tableName, keys.flag(communityId, flagId));
  }

  resolveFlag(
    communityId: string,
    flagId: string,
    outcome: 'dismissed' | 'confirmed',
    decision: StaffDecision,
    effects?: Effects,
  ) {
    return transitionEntity<ProxyFlag>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.flag(communityId, flagId),
        fromStatuses: ['open'],
        set: {
          status: outcome,
          GSI1PK: keys.flagsByStatus(communityId, outcome),
          decidedBy: decision.by,
          decidedAt: decision.at,
          note: decision.reason,
        },
      }),
      effects,
    );
  }

  async fileComplaint(communityId: string, complaint: Complaint): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.complaint(communityId, complaint.id),
                GSI1PK: keys.complaintsByStatus(communityId, complaint.status),
                GSI1SK: `${complaint.createdAt}#${complaint.id}`,
                type: ENTITY.complaint,
                ...complaint,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: keys.merchant(communityId, complaint.merchantId),
              UpdateExpression: 'ADD complaintsCount :one',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
  }

  getComplaint(communityId: string, complaintId: string): Promise<Complaint | null> {
    return getEntity<Complaint>(this.client, this.tableName, keys.complaint(communityId, complaintId));
  }

  async listComplaints(communityId: string, status: Complaint['status'], cursor: string | undefined) {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.complaintsByStatus(communityId, status),
      cursor,
      limit: PAGE_SIZE,
    });
    return { items: page.items.map((item) => withoutKeys<Complaint>(item)), nextCursor: page.nextCursor };
  }

  async resolveComplaint(
    communityId: string,
    complaint: Complaint,
    merchantChange: { outcome: NonNullable<Complaint['outcome']>; to: MerchantStatus | null; upheld: boolean },
    decision: StaffDecision,
    effects?: Effects,
  ): Promise<'resolved' | 'already_resolved'> {
    const complaintUpdate = statusUpdate({
      tableName: this.tableName,
      key: keys.complaint(communityId, complaint.id),
      fromStatuses: ['open'],
      set: {
        status: 'resolved',
        GSI1PK: keys.complaintsByStatus(communityId, 'resolved'),
        outcome: merchantChange.outcome,
        note: decision.reason,
        decidedBy: decision.by,
        decidedAt: decision.at,
      },
    });
    const merchantUpdate = merchantChange.upheld
      ? statusUpdate({
          tableName: this.tableName,
          key: keys.merchant(communityId, complaint.merchantId),
          fromStatuses: ['active', 'warned', 'suspended', 'removed'],
          set: merchantChange.to
            ? {
                status: merchantChange.to,
                GSI1PK: keys.merchantsByStatus(communityId, merchantChange.to),
                decidedBy: decision.by,
                decidedAt: decision.at,
                reason: decision.reason,
              }
            : {},
          add: { upheldComplaintsCount: 1 },
        })
      : null;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: complaintUpdate },
            ...(merchantUpdate ? [{ Update: merchantUpdate }] : []),
            ...effectItems(this.tableName, effects),
          ],
        }),
      );
      return 'resolved';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'already_resolved';
      if (reasons?.[1] === 'ConditionalCheckFailed') {
        throw new AppError('merchant.invalid_status_change', 'This merchant is not in the alliance; dismiss instead');
      }
      throw error;
    }
  }

  async createPost(communityId: string, post: MerchantPost): Promise<void> {
    await putNewEntity(this.client, this.tableName, {
      ...keys.post(communityId, post.id),
      GSI1PK: keys.postsByStatus(communityId, post.status),
      GSI1SK: `${post.createdAt}#${post.id}`,
      type: ENTITY.post,
      ...post,
    });
  }

  async listActivePosts(communityId: string, nowIso: string, cursor: string | undefined): Promise<Page<MerchantPost>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.postsByStatus(communityId, 'active'),
      cursor,
      limit: PAGE_SIZE,
      newestFirst: true,
    });
    const items = page.items.map((item) => withoutKeys<MerchantPost>(item)).filter((post) => post.expiresAt > nowIso);
    return { items, nextCursor: page.nextCursor };
  }

  async listHeldPosts(communityId: string, cursor: string | undefined): Promise<Page<MerchantPost>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.postsByStatus(communityId, 'under_review'),
      cursor,
      limit: PAGE_SIZE,
    });
    return { items: page.items.map((item) => withoutKeys<MerchantPost>(item)), nextCursor: page.nextCursor };
  }

  release(communityId: string, postId: string, effects: Effects) {
    return transitionEntity<MerchantPost>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.post(communityId, postId),
        fromStatuses: ['under_review'],
        set: { status: 'active', GSI1PK: keys.postsByStatus(communityId, 'active') },
      }),
      effects,
    );
  }

  takeDown(communityId: string, postId: string, decision: StaffDecision, effects?: Effects) {
    return transitionEntity<MerchantPost>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.post(communityId, postId),
        fromStatuses: ['active', 'under_review'],
        set: {
          status: 'taken_down',
          GSI1PK: keys.postsByStatus(communityId, 'taken_down'),
          takenDownBy: decision.by,
          takenDownAt: decision.at,
          reason: decision.reason,
        },
      }),
      effects,
    );
  }
}
