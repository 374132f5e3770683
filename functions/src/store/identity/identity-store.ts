import { PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Community, CertificateStatus, District, Notification, Page, Role } from '@linli/shared';
import { queryAll, queryPage } from '../cursor';
import { AppError } from '../../lib/errors';
import type {
  CommunityChange,
  CommunityStore,
  DistrictStore,
  InvitationStore,
  MemberOverview,
  MemberRecord,
  StoredInvitation,
  UserRecord,
  UserStore,
} from '../../domain/identity/ports';
import { cancellationReasons, getItems, isConditionalCheckFailed, readAhead } from '../client';
import { withMemberNumber } from './member-numbers';
import { searchableName } from './search-name';
import { ENTITY, INDEXES, keys, retentionKey } from '../keys';
import type { Effects } from '../../domain/effects';
import { effectItems, writeWithEffects } from '../effects';
import type { TransactionItem } from '../client';
import { getItem, putNewEntity, withoutKeys } from '../items';

const WECHAT_SESSION_TTL_SECONDS = 3 * 24 * 3600;
/** wx.login codes live 5 minutes on WeChat's side; remember used ones a little longer. */
const LOGIN_CODE_TTL_SECONDS = 15 * 60;

export class DynamoUserStore implements UserStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findUserByOpenid(openid: string): Promise<UserRecord | null> {
    const claim = await getItem(this.client, this.tableName, keys.openid(openid));
    const userId = claim?.userId as string | undefined;
    if (!userId) return null;
    return this.getUser(userId);
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    const user = await getItem(this.client, this.tableName, keys.user(userId));
    return user ? toUser(user) : null;
  }

  async createUser(user: UserRecord): Promise<'created' | 'exists'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.openid(user.openid), type: ENTITY.openid, userId: user.id },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.user(user.id), type: ENTITY.user, ...user },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return 'exists';
      throw error;
    }
  }

  async claimLoginCode(codeHash: string, now: Date = new Date()): Promise<boolean> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const key = keys.loginCode(codeHash);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key,
            type: 'LoginCode',
            expiresAt: nowSeconds + LOGIN_CODE_TTL_SECONDS,
            // found again by the retention job when it is due (pattern 79)
            ...retentionKey(key, nowSeconds + LOGIN_CODE_TTL_SECONDS),
          },
          // An expired record may linger (TTL deletion is lazy): it no longer counts.
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async saveWechatSession(userId: string, sessionKey: string, unionid: string | undefined): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.wechatSession(userId),
          type: ENTITY.wechatSession,
          sessionKey,
          unionid,
          updatedAt: new Date().toISOString(),
          expiresAt: Math.floor(Date.now() / 1000) + WECHAT_SESSION_TTL_SECONDS,
        },
      }),
    );
  }

  async listNotifications(userId: string): Promise<Notification[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':prefix': keys.notificationPrefix() },
        ScanIndexForward: false,
        Limit: 50,
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys<Notification>(item));
  }
}

export class DynamoCommunityStore implements CommunityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCommunity(communityId: string, options: { consistent?: boolean } = {}): Promise<Community | null> {
    const item = await getItem(this.client, this.tableName, keys.community(communityId), {
      consistent: options.consistent ?? false,
    });
    return item ? toCommunity(item) : null;
  }

  /** Every community (a platform has hundreds, not millions): pages through the listing. */
  async listCommunities(): Promise<Community[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.allCommunitiesPartition() },
      },
      5000,
    );
    return items.map(toCommunity);
  }

  async putCommunity(community: Community): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.community(community.id),
          ...keys.communityListing(community.id),
          type: ENTITY.community,
          ...community,
        },
      }),
    );
  }

  async createCommunity(community: Community, effects?: Effects): Promise<'created' | 'exists'> {
    const item = {
      ...keys.community(community.id),
      ...keys.communityListing(community.id),
      type: ENTITY.community,
      ...community,
    };
    return (await putNewEntity(this.client, this.tableName, item, effects)) ? 'created' : 'exists';
  }

  /**
   * Sets the fields and the rules the change names, each on its own (`SET #field`, `SET rules.#rule`),
   * so two admins changing different things at once both keep theirs.
   */
  async updateCommunity(community: Community, effects?: Effects, changed?: CommunityChange): Promise<void> {
    const rules = community.rules as Record<string, unknown>;
    const fields = changed?.fields ?? ['name', 'currencyName', 'office'];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const assignments: string[] = [];
    const removals: string[] = [];
    fields.forEach((field, index) => {
      const value = (community as unknown as Record<string, unknown>)[field];
      names[`#f${index}`] = field;
      if (value === undefined) removals.push(`#f${index}`);
      else {
        values[`:f${index}`] = value;
        assignments.push(`#f${index} = :f${index}`);
      }
    });
    if (changed === undefined) {
      names['#rules'] = 'rules';
      values[':rules'] = community.rules;
      assignments.push('#rules = :rules');
    } else {
      changed.rules.forEach((rule, index) => {
        names['#rules'] = 'rules';
        names[`#r${index}`] = rule;
        if (rules[rule] === undefined) removals.push(`#rules.#r${index}`);
        else {
          values[`:r${index}`] = rules[rule];
          assignments.push(`#rules.#r${index} = :r${index}`);
        }
      });
    }
    if (assignments.length === 0 && removals.length === 0) return;
    const expression = [
      assignments.length ? `SET ${assignments.join(', ')}` : '',
      removals.length ? `REMOVE ${removals.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    await writeWithEffects(
      this.client,
      {
        Update: {
          TableName: this.tableName,
          Key: keys.community(community.id),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        },
      },
      effects,
    );
  }

  async getMember(communityId: string, userId: string): Promise<MemberRecord | null> {
    const result = await getItem(this.client, this.tableName, keys.member(communityId, userId));
    return result ? toMember(result) : null;
  }

  async getMembers(communityId: string, userIds: readonly string[]): Promise<Map<string, MemberRecord>> {
    const unique = [...new Set(userIds)];
    const found = new Map<string, MemberRecord>();
    for (let start = 0; start < unique.length; start += 100) {
      const batch = unique.slice(start, start + 100);
      const items = await getItems(
        this.client,
        this.tableName,
        batch.map((userId) => keys.member(communityId, userId)),
      );
      for (const item of items) if (item) found.set(String(item.userId), toMember(item));
    }
    return found;
  }

  async getMemberOverview(communityId: string, userId: string): Promise<MemberOverview | null> {
    const { PK, SKPrefix } = keys.memberItemsPrefix(communityId, userId);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        // The same key range as begins_with; BETWEEN keeps DynamoDB Local from walking the partition.
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': PK, ':from': SKPrefix, ':to': `${SKPrefix}~` },
        ConsistentRead: true,
      }),
    );
    const items = result.Items ?? [];
    const profile = items.find((item) => item.type === ENTITY.member);
    if (!profile) return null;
    const account = items.find((item) => item.type === ENTITY.account);
    const certificate = items.find((item) => item.type === ENTITY.certificate);
    return {
      member: toMember(profile),
      balancePoints: typeof account?.balancePoints === 'number' ? account.balancePoints : 0,
      certificate: certificate
        ? { status: certificate.status as CertificateStatus, issuedAt: String(certificate.issuedAt) }
        : null,
    };
  }

  /**
   * Reads in one BatchGetItem what adding a member here reads one by one: the caller's user record
   * and membership (`callerId`: the one joining, or the staff member or guardian adding someone), the
   * community and its member-number counter (pattern 82).
   */
  async readAheadNewMember(communityId: string, callerId: string): Promise<void> {
    await readAhead(this.client, this.tableName, [
      keys.user(callerId),
      keys.community(communityId),
      keys.member(communityId, callerId),
      keys.memberNumbers(communityId),
    ]);
  }

  /** The member with the community's next number (pattern 82), in one transaction with the counter. */
  async addMember(member: MemberRecord, effects?: Effects): Promise<{ member: MemberRecord; created: boolean }> {
    try {
      const numbered = await withMemberNumber(this.client, this.tableName, member, async (numbered, items) => {
        await writeWithEffects(
          this.client,
          {
            Put: {
              TableName: this.tableName,
              Item: memberItem(numbered),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          { ...effects, gauges: { communityId: member.communityId, add: { members: 1 } } },
          { with: items },
        );
        return numbered;
      });
      return { member: numbered, created: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const existing = await this.getMember(member.communityId, member.userId);
      if (!existing) throw error;
      return { member: existing, created: false };
    }
  }

  async setRoles(
    communityId: string,
    userId: string,
    roles: Role[],
    expectedRoles: Role[],
    effects?: Effects,
  ): Promise<void> {
    try {
      await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.member(communityId, userId),
            UpdateExpression: 'SET #roles = :roles',
            ConditionExpression: 'attribute_exists(PK) AND #roles = :expected',
            ExpressionAttributeNames: { '#roles': 'roles' },
            ExpressionAttributeValues: { ':roles': roles, ':expected': expectedRoles },
          },
        },
        effects,
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new AppError('member.conflict', 'The roles changed meanwhile; reload and try again');
      }
      throw error;
    }
  }

  async setDisplayName(communityId: string, userId: string, displayName: string): Promise<boolean> {
    try {
      await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.member(communityId, userId),
            UpdateExpression: 'SET displayName = :displayName, searchName = :searchName',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':displayName': displayName, ':searchName': searchableName(displayName) },
          },
        },
        undefined,
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async listMembershipsOfUser(userId: string): Promise<MemberRecord[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition AND begins_with(GSI1SK, :prefix)',
        ExpressionAttributeValues: {
          ':partition': keys.membershipsOfUserPartition(userId),
          ':prefix': keys.membershipPrefix(),
        },
        Limit: 100,
      }),
    );
    return (result.Items ?? []).map(toMember);
  }

  async getMemberByNumber(communityId: string, memberNo: number): Promise<MemberRecord | null> {
    const given = await getItem(this.client, this.tableName, keys.memberNumber(communityId, memberNo));
    return typeof given?.userId === 'string' ? this.getMember(communityId, given.userId) : null;
  }

  async listMembers(communityId: string, cursor: string | undefined, search?: string): Promise<Page<MemberRecord>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi2,
      partition: keys.membersPartition(communityId),
      cursor,
      limit: 50,
      ...(search
        ? {
            filter: {
              expression: 'contains(#searchName, :folded) OR contains(#name, :search) OR #id = :search',
              names: { '#searchName': 'searchName', '#name': 'displayName', '#id': 'userId' },
              values: { ':folded': searchableName(search), ':search': search },
            },
          }
        : {}),
    });
    return { items: page.items.map(toMember), nextCursor: page.nextCursor };
  }
}

function toUser(item: Record<string, unknown>): UserRecord {
  return {
    id: String(item.id),
    openid: String(item.openid),
    nickname: String(item.nickname),
    createdAt: String(item.createdAt),
  };
}

function toCommunity(item: Record<string, unknown>): Community {
  return {
    id: String(item.id),
    name: String(item.name),
    currencyName: String(item.currencyName),
    ...(typeof item.currencyNameEn === 'string' ? { currencyNameEn: item.currencyNameEn } : {}),
    rules: item.rules as Community['rules'],
    ...(typeof item.districtId === 'string' ? { districtId: item.districtId } : {}),
    ...(item.office ? { office: item.office as Community['office'] } : {}),
    ...(item.fundHolder ? { fundHolder: item.fundHolder as Community['fundHolder'] } : {}),
  };
}

function toMember(item: Record<string, unknown>): MemberRecord {
  return {
    communityId: String(item.communityId),
    userId: String(item.userId),
    roles: item.roles as Role[],
    displayName: String(item.displayName),
    joinedAt: String(item.joinedAt),
    ...(typeof item.memberNo === 'number' ? { memberNo: item.memberNo } : {}),
    ...(item.offline === true ? { offline: true } : {}),
    ...(typeof item.phone === 'string' ? { phone: item.phone } : {}),
    ...(typeof item.noShows === 'number' && item.noShows > 0 ? { noShows: item.noShows } : {}),
    ...(typeof item.closedAt === 'string' ? { closedAt: item.closedAt } : {}),
    ...(typeof item.birthDate === 'string' ? { birthDate: item.birthDate } : {}),
    ...(typeof item.guardianId === 'string'
      ? {
          guardianId: item.guardianId,
          guardianName: String(item.guardianName ?? ''),
          ...(typeof item.guardianConsentAt === 'string' ? { guardianConsentAt: item.guardianConsentAt } : {}),
        }
      : {}),
  };
}

export class DynamoInvitationStore implements InvitationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createInvitation(invitation: StoredInvitation, effects?: Effects): Promise<void> {
    const stored = invitation;
    await writeWithEffects(
      this.client,
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.invitation(invitation.code),
            type: ENTITY.invitation,
            ...stored,
            // Kept a month past its expiry (TTL), for the audit trail's sake.
            expiresAtEpoch: Math.floor(Date.parse(invitation.expiresAt) / 1000) + 30 * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      effects,
    );
  }

  async getInvitation(code: string): Promise<StoredInvitation | null> {
    const item = await getItem(this.client, this.tableName, keys.invitation(code));
    if (!item) return null;
    const { expiresAtEpoch: _ttl, ...invitation } = withoutKeys<StoredInvitation & { expiresAtEpoch?: number }>(item);
    return { ...invitation, uses: Number(invitation.uses ?? 0) };
  }

  async acceptInvitation(
    use: { code: string; nowIso: string },
    membership: { member: MemberRecord; previousRoles: Role[] | null },
    effects?: Effects,
  ): Promise<{ accepted: MemberRecord } | 'gone' | 'member_changed'> {
    const { member, previousRoles } = membership;
    const take: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.invitation(use.code),
        UpdateExpression: 'ADD uses :one',
        ConditionExpression: 'attribute_exists(PK) AND uses < maxUses AND expiresAt > :now',
        ExpressionAttributeValues: { ':one': 1, ':now': use.nowIso },
      },
    };
    const send = async (items: TransactionItem[], gauges: boolean) => {
      const extra = effectItems(this.tableName, {
        ...effects,
        ...(gauges ? { gauges: { communityId: member.communityId, add: { members: 1 } } } : {}),
      });
      await this.client.send(new TransactWriteCommand({ TransactItems: [take, ...items, ...extra] }));
    };
    try {
      if (previousRoles) {
        await send([rolesChange(this.tableName, member, previousRoles)], false);
        return { accepted: member };
      }
      // A new member: their number with them (pattern 82), the counter read again if it moved meanwhile.
      const accepted = await withMemberNumber(this.client, this.tableName, member, async (numbered, numberItems) => {
        const put = {
          Put: {
            TableName: this.tableName,
            Item: memberItem(numbered),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        };
        await send([put, ...numberItems], true);
        return numbered;
      });
      return { accepted };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed') return 'gone';
      if (reasons?.[1] === 'ConditionalCheckFailed') return 'member_changed';
      throw error;
    }
  }
}

/** The member's roles replaced, while they are still `previousRoles` (no lost update). */
function rolesChange(tableName: string, member: MemberRecord, previousRoles: Role[]): TransactionItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.member(member.communityId, member.userId),
      UpdateExpression: 'SET #roles = :roles',
      ConditionExpression: 'attribute_exists(PK) AND #roles = :expected',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':roles': member.roles, ':expected': previousRoles },
    },
  };
}

export class DynamoDistrictStore implements DistrictStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createDistrict(district: District, effects?: Effects): Promise<'created' | 'exists'> {
    const item = {
      ...keys.district(district.id),
      GSI1PK: keys.districtsPartition(),
      GSI1SK: district.id,
      type: ENTITY.district,
      ...district,
    };
    return (await putNewEntity(this.client, this.tableName, item, effects)) ? 'created' : 'exists';
  }

  async getDistrict(districtId: string): Promise<District | null> {
    const item = await getItem(this.client, this.tableName, keys.district(districtId));
    return item ? withoutKeys<District>(item) : null;
  }

  async addOfficer(districtId: string, userId: string, effects?: Effects): Promise<void> {
    await writeWithEffects(
      this.client,
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.districtOfficer(districtId, userId),
            GSI1PK: keys.officerDistrictsPartition(userId),
            GSI1SK: districtId,
            type: ENTITY.districtOfficer,
            districtId,
            userId,
          },
        },
      },
      effects,
    );
  }

  async isOfficer(districtId: string, userId: string): Promise<boolean> {
    return (await getItem(this.client, this.tableName, keys.districtOfficer(districtId, userId))) !== null;
  }

  async listDistricts(): Promise<District[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.districtsPartition() },
    });
    return items.map((item) => ({ id: String(item.id), name: String(item.name), createdAt: String(item.createdAt) }));
  }

  async listDistrictsOfOfficer(userId: string): Promise<District[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.officerDistrictsPartition(userId) },
    });
    const districts = await Promise.all(items.map((item) => this.getDistrict(String(item.districtId))));
    return districts.filter((district): district is District => district !== null);
  }
}

/** A membership as stored: by community, in the user's list of communities, and in the member listing. */
/** A membership as stored, with the keys of patterns of the member, the user's memberships and the listing. */
export function memberItem(member: MemberRecord): Record<string, unknown> {
  return {
    ...keys.member(member.communityId, member.userId),
    ...keys.membershipOfUser(member.userId, member.communityId),
    ...keys.memberListing(member.communityId, member.joinedAt, member.userId),
    type: ENTITY.member,
    ...member,
    searchName: searchableName(member.displayName),
  };
}
