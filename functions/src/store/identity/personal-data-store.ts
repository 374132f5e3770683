import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  ExportBudget,
  FilteredList,
  MemberList,
  MemberRecords,
  PersonalDataStore,
  StoredRecord,
  UserRecords,
} from '../../domain/identity/data-export';
import { getItem } from '../client';
import { ENTITY, INDEXES, keys } from '../keys';
import { withoutKeys } from '../items';

/** Items per Query page: large pages, few round trips (a page is at most 1 MB anyway). */
const PAGE_LIMIT = 500;

/** One "this person's …" read: a partition (of the table or an index), optionally a sort-key prefix and a filter. */
interface PersonalQuery {
  indexName?: string;
  partition: string;
  prefix?: string;
  /** Items whose attribute `name` equals `value` (a community-wide prefix narrowed to the person). */
  filter?: { name: string; value: string };
  newestFirst?: boolean;
}

interface StoredRow {
  type: string;
  record: StoredRecord;
}

/** The member's own lists: each a GSI2 partition of theirs (keys.ts patterns 18d, 21, 26, 29, 33, 38, 39, 45, 63, 66, 67, 77). */
const MEMBER_LISTS: Record<MemberList, (communityId: string, userId: string) => string> = {
  claims: keys.memberClaimsPartition,
  signups: keys.memberSignupsPartition,
  teams: keys.myTeamsPartition,
  recordRequests: keys.memberRecordRequests,
  serviceCertificates: keys.memberServiceCertificates,
  merchantRoles: keys.myMerchants,
  discountUses: keys.memberUses,
  redemptions: keys.memberRedemptions,
  orders: keys.buyerOrders,
  products: keys.makerProducts,
  pledges: keys.memberPledges,
  receiptRequests: keys.memberReceiptRequests,
};

/** Lists with no per-person index: a prefix of the community's partition and the attribute naming the person. */
const FILTERED_LISTS: Record<FilteredList, { prefix: () => string; attribute: string }> = {
  complaints: { prefix: keys.complaintPrefix, attribute: 'memberId' },
  contributions: { prefix: keys.contributionPrefix, attribute: 'memberId' },
  photos: { prefix: keys.imagePrefix, attribute: 'uploadedBy' },
};

/**
 * The reads of the data export (issue 20, "My data"): every record about one person, by the key
 * patterns of `keys.ts` — Queries only, never a Scan, every page read (`LastEvaluatedKey`).
 * `budget.take(count)` is told of each page, so a history too large to export stops the read early.
 */
export class DynamoPersonalDataStore implements PersonalDataStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private async queryAll(query: PersonalQuery, budget: ExportBudget): Promise<StoredRow[]> {
    const partitionName =
      query.indexName === INDEXES.gsi1 ? 'GSI1PK' : query.indexName === INDEXES.gsi2 ? 'GSI2PK' : 'PK';
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: query.indexName,
      KeyConditionExpression: query.prefix ? '#pk = :pk AND begins_with(SK, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partitionName, ...(query.filter ? { '#filter': query.filter.name } : {}) },
      ExpressionAttributeValues: {
        ':pk': query.partition,
        ...(query.prefix ? { ':prefix': query.prefix } : {}),
        ...(query.filter ? { ':filter': query.filter.value } : {}),
      },
      ...(query.filter ? { FilterExpression: '#filter = :filter' } : {}),
      ScanIndexForward: !query.newestFirst,
      Limit: PAGE_LIMIT,
    };
    const rows: StoredRow[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      const items = page.Items ?? [];
      budget.take(items.length);
      rows.push(...items.map((item) => ({ type: String(item.type), record: withoutKeys<StoredRecord>(item) })));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rows;
  }

  private records(query: PersonalQuery, budget: ExportBudget): Promise<StoredRecord[]> {
    return this.queryAll(query, budget).then((rows) => rows.map((row) => row.record));
  }

  /** The user's own partition (patterns 1, 3, 46, 54, 70) in one read; the WeChat session is not the person's data. */
  async userRecords(userId: string, budget: ExportBudget): Promise<UserRecords> {
    const rows = await this.queryAll({ partition: keys.userPartition(userId) }, budget);
    const ofType = (type: string) => rows.filter((row) => row.type === type).map((row) => row.record);
    return {
      profile: ofType(ENTITY.user)[0] ?? null,
      consents: ofType(ENTITY.consent),
      notifications: ofType(ENTITY.notification).reverse(),
      subscriptions: ofType(ENTITY.subscriptions),
    };
  }

  /** The user's member records, one per community (pattern 8). */
  async memberships(userId: string, budget: ExportBudget) {
    const rows = await this.queryAll(
      { indexName: INDEXES.gsi1, partition: keys.membershipsOfUserPartition(userId) },
      budget,
    );
    return rows.filter((row) => row.type === ENTITY.member).map((row) => row.record);
  }

  districts(userId: string, budget: ExportBudget) {
    return this.records({ indexName: INDEXES.gsi1, partition: keys.officerDistrictsPartition(userId) }, budget);
  }

  /** The member's profile, points account and certificate (pattern 7) in one read. */
  async memberRecords(communityId: string, userId: string, budget: ExportBudget): Promise<MemberRecords> {
    const { PK, SKPrefix } = keys.memberItemsPrefix(communityId, userId);
    const rows = await this.queryAll({ partition: PK, prefix: SKPrefix }, budget);
    const ofType = (type: string) => rows.filter((row) => row.type === type).map((row) => row.record);
    return { accounts: ofType(ENTITY.account), certificates: ofType(ENTITY.certificate) };
  }

  async proxies(communityId: string, userId: string, budget: ExportBudget) {
    const [actingForMe, iActFor] = await Promise.all([
      this.records(
        { partition: keys.communityPartition(communityId), prefix: keys.proxiesOfResidentPrefix(userId) },
        budget,
      ),
      this.records({ indexName: INDEXES.gsi1, partition: keys.proxiesForPartition(communityId, userId) }, budget),
    ]);
    return { actingForMe, iActFor };
  }

  earnedMonths(communityId: string, userId: string, budget: ExportBudget) {
    return this.records({ partition: keys.communityPartition(communityId), prefix: keys.earnedPrefix(userId) }, budget);
  }

  /** One of the member's own lists, each a GSI2 partition of theirs, newest first. */
  memberList(communityId: string, userId: string, list: MemberList, budget: ExportBudget) {
    return this.records(
      { indexName: INDEXES.gsi2, partition: MEMBER_LISTS[list](communityId, userId), newestFirst: true },
      budget,
    );
  }

  /** Records of the community with no per-person index, narrowed to the person by a filter. */
  filtered(communityId: string, userId: string, list: FilteredList, budget: ExportBudget) {
    const { prefix, attribute } = FILTERED_LISTS[list];
    return this.records(
      {
        partition: keys.communityPartition(communityId),
        prefix: prefix(),
        filter: { name: attribute, value: userId },
        newestFirst: true,
      },
      budget,
    );
  }

  /** The points account's postings, newest first (pattern 13). */
  ledger(communityId: string, userId: string, budget: ExportBudget) {
    return this.records(
      { partition: keys.ledgerPartition(communityId, `member:${userId}`), newestFirst: true },
      budget,
    );
  }

  async volunteerProfile(communityId: string, userId: string): Promise<StoredRecord | null> {
    const item = await getItem(this.client, this.tableName, keys.volunteerProfile(communityId, userId));
    return item ? withoutKeys<StoredRecord>(item) : null;
  }

  async makerAccount(communityId: string, userId: string): Promise<StoredRecord | null> {
    const item = await getItem(this.client, this.tableName, keys.makerAccount(communityId, userId));
    return item ? withoutKeys<StoredRecord>(item) : null;
  }
}
