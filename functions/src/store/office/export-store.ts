import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  MERCHANT_STATUSES,
  type Claim,
  type DiscountUse,
  type FundEntry,
  type Order,
  type Redemption,
} from '@linli/shared';
import type { ExportSource, TimeRange } from '../../domain/office/exports/ports';
import type { MemberRecord } from '../../domain/identity/ports';
import type { Transfer } from '../../domain/ledger/transfer';
import { idTimePrefix } from '../../lib/ids';
import { withoutKeys } from '../items';
import { storedFundEntry } from '../fund/fund-store';
import { INDEXES, keys } from '../keys';

const REDEMPTION_STATUSES: Redemption['status'][] = ['reserved', 'picked_up', 'cancelled'];
/** Order ids start with their creation time; widen the id window a little around the range. */
const ORDER_ID_SLACK_MS = 60_000;

type Item = Record<string, unknown>;

/**
 * Read-only queries behind the office exports (access patterns 9, 20, 24, 28, 33, 35, 42, 47
 * in keys.ts). Never a Scan: each reads one partition, with the date range on the sort key
 * wherever the sort key starts with the time.
 */
export class DynamoExportStore implements ExportSource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async members(communityId: string, range: TimeRange, limit: number): Promise<MemberRecord[]> {
    const items = await this.queryAll(this.gsiRange(INDEXES.gsi2, keys.membersPartition(communityId), range), limit);
    return items.map((item) => {
      const {
        communityId: community,
        userId,
        roles,
        displayName,
        joinedAt,
        memberNo,
      } = withoutKeys<MemberRecord>(item);
      return { communityId: community, userId, roles, displayName, joinedAt, ...(memberNo ? { memberNo } : {}) };
    });
  }

  async memberNames(communityId: string): Promise<Map<string, string>> {
    const items = await this.queryAll(
      {
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.membersPartition(communityId) },
        ProjectionExpression: 'userId, displayName',
      },
      Number.MAX_SAFE_INTEGER,
    );
    return new Map(items.map((item) => [String(item.userId), String(item.displayName)]));
  }

  async activitiesStarting(communityId: string, range: TimeRange, limit: number): Promise<string[]> {
    const items = await this.queryAll(this.gsiRange(INDEXES.gsi1, keys.activitiesPartition(communityId), range), limit);
    return items.map((item) => String(item.id));
  }

  async approvedClaims(communityId: string, range: TimeRange, limit: number): Promise<Claim[]> {
    const partition = keys.claimQueuePartition(communityId, 'approved');
    const items = await this.queryAll(this.gsiRange(INDEXES.gsi1, partition, range), limit);
    return items.map((item) => withoutKeys<Claim>(item));
  }

  async transfers(communityId: string, range: TimeRange, limit: number): Promise<Transfer[]> {
    const partition = keys.transferJournalPartition(communityId);
    const items = await this.queryAll(this.gsiRange(INDEXES.gsi1, partition, range), limit);
    return items.map((item) => {
      const { transferId, kind, memo, postings, actorId, createdAt, reversesTransferId } = item as unknown as Transfer;
      return { communityId, transferId, kind, memo, postings, actorId, createdAt, reversesTransferId };
    });
  }

  async redemptions(communityId: string, range: TimeRange, limit: number): Promise<Redemption[]> {
    const byStatus = await Promise.all(
      REDEMPTION_STATUSES.map((status) =>
        this.queryAll(this.gsiRange(INDEXES.gsi1, keys.redemptionsByStatus(communityId, status), range), limit),
      ),
    );
    return byStatus
      .flat()
      .map((item) => withoutKeys<Redemption & { communityId?: string }>(item))
      .map(({ communityId: _community, ...redemption }) => redemption)
      .sort((left, right) => compare(left.createdAt + left.id, right.createdAt + right.id))
      .slice(0, limit);
  }

  async merchantUses(communityId: string, range: TimeRange, limit: number): Promise<DiscountUse[]> {
    const merchants = (
      await Promise.all(
        MERCHANT_STATUSES.map((status) =>
          this.queryAll(
            {
              TableName: this.tableName,
              IndexName: INDEXES.gsi1,
              KeyConditionExpression: 'GSI1PK = :partition',
              ExpressionAttributeValues: { ':partition': keys.merchantsByStatus(communityId, status) },
              ProjectionExpression: 'id',
            },
            Number.MAX_SAFE_INTEGER,
          ),
        ),
      )
    ).flat();
    const uses: DiscountUse[] = [];
    for (const merchant of merchants) {
      const partition = keys.merchantUses(communityId, String(merchant.id));
      const items = await this.queryAll(this.gsiRange(INDEXES.gsi1, partition, range), limit - uses.length);
      uses.push(...items.map((item) => toDiscountUse(item)));
      if (uses.length >= limit) break;
    }
    return uses.sort((left, right) => compare(left.at + left.id, right.at + right.id));
  }

  async orders(communityId: string, range: TimeRange, limit: number): Promise<Order[]> {
    const fromId = idTimePrefix(Date.parse(range.fromIso) - ORDER_ID_SLACK_MS);
    const toId = idTimePrefix(Date.parse(range.toIso) + ORDER_ID_SLACK_MS);
    const items = await this.queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :partition AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':partition': keys.community(communityId).PK,
          ':from': `${keys.orderPrefix()}${fromId}`,
          ':to': `${keys.orderPrefix()}${toId}`,
        },
      },
      limit,
      (item) => inRange(String(item.createdAt), range),
    );
    return items
      .map((item) => withoutKeys<Order & { communityId?: string }>(item))
      .map(({ communityId: _community, ...order }) => order)
      .sort((left, right) => compare(left.createdAt + left.id, right.createdAt + right.id));
  }

  async fundEntries(communityId: string, range: TimeRange, limit: number): Promise<FundEntry[]> {
    const entries: FundEntry[] = [];
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :partition',
          ExpressionAttributeValues: { ':partition': keys.fundEntriesPartition(communityId) },
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: 500,
        }),
      );
      for (const item of result.Items ?? []) {
        const createdAt = String(item.createdAt);
        // Newest first: once an entry is older than the range, every later one is too.
        if (createdAt < range.fromIso) return entries.reverse();
        if (createdAt >= range.toIso) continue;
        // The named donor beside the entry (outside its hash) is the donor column of the office's export.
        const { entry, publicDonorName } = storedFundEntry(item);
        entries.push(publicDonorName ? { ...entry, donorName: publicDonorName } : entry);
        if (entries.length >= limit) return entries.reverse();
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return entries.reverse();
  }

  /** A GSI partition whose sort key is `{ISO time}#{id}`, limited to the range, oldest first. */
  private gsiRange(index: 'GSI1' | 'GSI2', partition: string, range: TimeRange): QueryCommandInput {
    // `{toIso}#…` sorts after `toIso`, so BETWEEN keeps fromIso ≤ t < toIso.
    return {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}PK = :partition AND ${index}SK BETWEEN :from AND :to`,
      ExpressionAttributeValues: { ':partition': partition, ':from': range.fromIso, ':to': range.toIso },
    };
  }

  /** Every page of a query (LastEvaluatedKey), stopping at `limit` kept items. */
  private async queryAll(
    input: QueryCommandInput,
    limit: number,
    keep: (item: Item) => boolean = () => true,
  ): Promise<Item[]> {
    const items: Item[] = [];
    if (limit <= 0) return items;
    let startKey: Item | undefined;
    do {
      const result = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      for (const item of result.Items ?? []) {
        if (!keep(item)) continue;
        items.push(item);
        if (items.length >= limit) return items;
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

const compare = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
const inRange = (iso: string, range: TimeRange) => iso >= range.fromIso && iso < range.toIso;

function toDiscountUse(item: Item): DiscountUse {
  const use = withoutKeys<DiscountUse & { communityId?: string }>(item);
  return {
    id: use.id,
    merchantId: use.merchantId,
    merchantName: use.merchantName,
    memberId: use.memberId,
    memberName: use.memberName,
    at: use.at,
    billFen: use.billFen,
    flagged: Boolean(use.flagged),
    flagReasons: use.flagReasons ?? [],
  };
}
