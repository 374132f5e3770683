import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TeamJoinRequest, TeamMember } from '@linli/shared';
import type { Effects } from '../../domain/effects';
import type { StatsItem } from '../../domain/office/ports';
import type { ActivityRecord, TeamChange, TeamRecord, TeamStore } from '../../domain/timebank/ports';
import { cancellationReasons, getItems, isConditionalCheckFailed, type TransactionItem } from '../client';
import { queryAll } from '../cursor';
import { effectItems, writeWithEffects } from '../effects';
import { getEntity, withoutKeys } from '../items';
import { ENTITY, INDEXES, keys } from '../keys';

const FAILED = 'ConditionalCheckFailed';
/** Did the transaction's item at `index` fail its condition? */
const failed = (reasons: readonly string[], index: number) => reasons[index] === FAILED;

/**
 * Volunteer teams (access patterns 59–65 of `keys.ts`): the team item, its name claim, one item per
 * membership and per join request — both also on the member's own GSI2 partition, so "my teams"
 * is one Query — and the teams' month counters in the statistics (section TEAMS).
 */
export class DynamoTeamStore implements TeamStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createTeam(team: TeamRecord, leaders: TeamMember[], effects: Effects): Promise<'created' | 'name_taken'> {
    const items: TransactionItem[] = [
      {
        Put: { TableName: this.tableName, Item: this.teamItem(team), ConditionExpression: 'attribute_not_exists(PK)' },
      },
      this.nameClaim(team),
      ...leaders.map((leader) => this.membershipPut(team.communityId, leader)),
      ...effectItems(this.tableName, effects),
    ];
    const refused = await this.transact(items, (reasons) => (failed(reasons, 1) ? 'name_taken' : undefined));
    return refused ?? 'created';
  }

  async getTeam(communityId: string, teamId: string): Promise<TeamRecord | null> {
    return getEntity<TeamRecord>(this.client, this.tableName, keys.team(communityId, teamId));
  }

  async listTeams(communityId: string): Promise<TeamRecord[]> {
    const items = await queryAll(this.client, this.tableName, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.communityPartition(communityId), ':prefix': keys.teamsPrefix() },
    });
    return items.map((item) => withoutKeys<TeamRecord>(item));
  }

  async updateTeam(change: TeamChange, effects: Effects): Promise<'updated' | 'name_taken' | 'conflict'> {
    const { before, after } = change;
    const communityId = before.communityId;
    const renamed = keys.teamName(communityId, before.name).SK !== keys.teamName(communityId, after.name).SK;
    const items: TransactionItem[] = [
      this.versionedUpdate(before, {
        set: {
          name: after.name,
          description: after.description,
          leaderIds: after.leaderIds,
          updatedAt: after.updatedAt,
          version: after.version,
        },
        add: change.joined.length,
      }),
      ...(renamed
        ? [
            this.nameClaim(after),
            { Delete: { TableName: this.tableName, Key: keys.teamName(communityId, before.name) } },
          ]
        : []),
      ...change.joined.flatMap((member) => [
        this.membershipPut(communityId, member),
        this.requestSettled(communityId, member),
      ]),
      ...change.roles.map(({ memberId, role }) => ({
        Update: {
          TableName: this.tableName,
          Key: keys.teamMember(communityId, before.id, memberId),
          UpdateExpression: 'SET #role = :role',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':role': role },
        },
      })),
      ...effectItems(this.tableName, effects),
    ];
    const refused = await this.transact(items, (reasons) => {
      if (renamed && failed(reasons, 1)) return 'name_taken' as const;
      return reasons.includes(FAILED) ? ('conflict' as const) : undefined;
    });
    return refused ?? 'updated';
  }

  async getMember(communityId: string, teamId: string, memberId: string): Promise<TeamMember | null> {
    return getEntity<TeamMember>(this.client, this.tableName, keys.teamMember(communityId, teamId, memberId));
  }

  async listMembers(communityId: string, teamId: string): Promise<TeamMember[]> {
    return this.prefixed<TeamMember>(communityId, keys.teamMembersPrefix(teamId));
  }

  async myTeams(
    communityId: string,
    memberId: string,
  ): Promise<{ memberships: TeamMember[]; requests: TeamJoinRequest[] }> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi2,
      KeyConditionExpression: 'GSI2PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.myTeamsPartition(communityId, memberId) },
    });
    return {
      memberships: items.filter((item) => item.type === ENTITY.teamMember).map((item) => withoutKeys<TeamMember>(item)),
      requests: items
        .filter((item) => item.type === ENTITY.teamRequest)
        .map((item) => withoutKeys<TeamJoinRequest>(item)),
    };
  }

  async addMember(
    communityId: string,
    member: TeamMember,
    effects: Effects,
  ): Promise<'added' | 'already_member' | 'no_team'> {
    const items = [
      this.membershipPut(communityId, member),
      this.countChange(communityId, member.teamId, 1),
      this.requestSettled(communityId, member),
      ...effectItems(this.tableName, effects),
    ];
    const refused = await this.transact(items, (reasons) =>
      failed(reasons, 0) ? ('already_member' as const) : failed(reasons, 1) ? ('no_team' as const) : undefined,
    );
    return refused ?? 'added';
  }

  async removeMember(
    team: TeamRecord,
    member: TeamMember,
    leaderIds: string[] | null,
    effects: Effects,
  ): Promise<'removed' | 'not_member' | 'conflict'> {
    const teamChange = leaderIds
      ? this.versionedUpdate(team, { set: { leaderIds, version: team.version + 1 }, add: -1 })
      : this.countChange(team.communityId, team.id, -1);
    const membership: TransactionItem = {
      Delete: {
        TableName: this.tableName,
        Key: keys.teamMember(team.communityId, team.id, member.memberId),
        ConditionExpression: 'attribute_exists(PK)',
      },
    };
    const refused = await this.transact([membership, teamChange, ...effectItems(this.tableName, effects)], (reasons) =>
      failed(reasons, 0) ? ('not_member' as const) : failed(reasons, 1) ? ('conflict' as const) : undefined,
    );
    return refused ?? 'removed';
  }

  async getJoinRequest(communityId: string, teamId: string, memberId: string): Promise<TeamJoinRequest | null> {
    return getEntity<TeamJoinRequest>(this.client, this.tableName, keys.teamRequest(communityId, teamId, memberId));
  }

  async listPendingRequests(communityId: string, teamId: string): Promise<TeamJoinRequest[]> {
    const requests = await this.prefixed<TeamJoinRequest>(communityId, keys.teamRequestsPrefix(teamId));
    return requests
      .filter((request) => request.status === 'pending')
      .sort((left, right) => left.requestedAt.localeCompare(right.requestedAt));
  }

  async putJoinRequest(
    communityId: string,
    request: TeamJoinRequest,
    effects: Effects,
  ): Promise<'created' | 'pending_exists' | 'already_member' | 'no_team'> {
    const items: TransactionItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: this.requestItem(communityId, request),
          ConditionExpression: 'attribute_not_exists(PK) OR #status <> :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        },
      },
      this.check(keys.teamMember(communityId, request.teamId, request.memberId), 'attribute_not_exists(PK)'),
      this.check(keys.team(communityId, request.teamId), 'attribute_exists(PK)'),
      ...effectItems(this.tableName, effects),
    ];
    const outcomes = ['pending_exists', 'already_member', 'no_team'] as const;
    const refused = await this.transact(items, (reasons) => outcomes.find((_outcome, index) => failed(reasons, index)));
    return refused ?? 'created';
  }

  async approveJoinRequest(
    communityId: string,
    request: TeamJoinRequest,
    member: TeamMember,
    effects: Effects,
  ): Promise<'approved' | 'not_pending' | 'already_member' | 'no_team'> {
    const items = [
      this.decision(communityId, request),
      this.membershipPut(communityId, member),
      this.countChange(communityId, member.teamId, 1),
      ...effectItems(this.tableName, effects),
    ];
    const outcomes = ['not_pending', 'already_member', 'no_team'] as const;
    const refused = await this.transact(items, (reasons) => outcomes.find((_outcome, index) => failed(reasons, index)));
    return refused ?? 'approved';
  }

  async rejectJoinRequest(
    communityId: string,
    request: TeamJoinRequest,
    effects: Effects,
  ): Promise<'rejected' | 'not_pending'> {
    try {
      await writeWithEffects(this.client, this.decision(communityId, request), effects);
      return 'rejected';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'not_pending';
      throw error;
    }
  }

  async teamStats(communityId: string, months: string[]): Promise<StatsItem[]> {
    const found = await getItems(
      this.client,
      this.tableName,
      months.map((month) => keys.stats(communityId, month, 'TEAMS')),
    );
    return found.flatMap((item) => {
      if (!item) return [];
      const values: Record<string, number> = {};
      for (const [name, value] of Object.entries(item)) if (typeof value === 'number') values[name] = value;
      return [{ month: String(item.month), section: 'TEAMS', values }];
    });
  }

  async teamActivities(communityId: string, teamId: string, fromIso: string, limit: number): Promise<ActivityRecord[]> {
    // The community's activities from `fromIso` on, filtered to the team's (pattern 65): a few pages at most.
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK >= :from',
        FilterExpression: 'teamId = :team',
        ExpressionAttributeValues: {
          ':partition': keys.activitiesPartition(communityId),
          ':from': fromIso,
          ':team': teamId,
        },
      },
      limit,
    );
    return items.slice(0, limit).map((item) => {
      const { shardedCount, ...activity } = withoutKeys<ActivityRecord & { shardedCount?: number }>(item);
      return { ...activity, attendeeCount: Number(activity.attendeeCount ?? 0) + Number(shardedCount ?? 0) };
    });
  }

  // ---------------------------------------------------------------- items

  /**
   * Sends the items as one transaction: null when it committed, else its cancellation reasons
   * (`explain` maps them to an outcome; an unexplained cancellation is rethrown as it came).
   */
  private async transact<Outcome>(
    items: TransactionItem[],
    explain: (reasons: string[]) => Outcome | undefined,
  ): Promise<Outcome | null> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return null;
      } catch (error) {
        const reasons = cancellationReasons(error);
        const outcome = reasons ? explain(reasons) : undefined;
        if (outcome !== undefined) return outcome;
        // Only busy (another transaction on one of its items): try again, a few times.
        if (!reasons?.includes('TransactionConflict') || reasons.includes(FAILED) || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 25));
      }
    }
  }

  private teamItem(team: TeamRecord) {
    return { ...keys.team(team.communityId, team.id), type: ENTITY.team, ...team };
  }

  private nameClaim(team: TeamRecord): TransactionItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.teamName(team.communityId, team.name), type: ENTITY.teamName, teamId: team.id },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  private membershipPut(communityId: string, member: TeamMember): TransactionItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.teamMember(communityId, member.teamId, member.memberId),
          ...keys.myTeams(communityId, member.memberId, member.teamId, 'MEMBER'),
          type: ENTITY.teamMember,
          communityId,
          ...member,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  /** A member who joins otherwise than by approval settles their request: it is gone (the audit keeps it). */
  private requestSettled(communityId: string, member: TeamMember): TransactionItem {
    return {
      Delete: { TableName: this.tableName, Key: keys.teamRequest(communityId, member.teamId, member.memberId) },
    };
  }

  private requestItem(communityId: string, request: TeamJoinRequest) {
    return {
      ...keys.teamRequest(communityId, request.teamId, request.memberId),
      ...keys.myTeams(communityId, request.memberId, request.teamId, 'REQUEST'),
      type: ENTITY.teamRequest,
      communityId,
      ...request,
    };
  }

  /** Pending → the request's (decided) status, with who decided, when and why. */
  private decision(communityId: string, request: TeamJoinRequest): TransactionItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.teamRequest(communityId, request.teamId, request.memberId),
        UpdateExpression:
          'SET #status = :status, decidedBy = :by, decidedAt = :at' + (request.reason ? ', reason = :reason' : ''),
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': request.status,
          ':pending': 'pending',
          ':by': request.decidedBy,
          ':at': request.decidedAt,
          ...(request.reason ? { ':reason': request.reason } : {}),
        },
      },
    };
  }

  private countChange(communityId: string, teamId: string, change: number): TransactionItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.team(communityId, teamId),
        UpdateExpression: 'ADD memberCount :change',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':change': change },
      },
    };
  }

  /** SETs fields (absent ones REMOVEd) and ADDs to the member count, while the team's version is as read. */
  private versionedUpdate(team: TeamRecord, change: { set: Record<string, unknown>; add: number }): TransactionItem {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':version': team.version, ':add': change.add };
    const sets: string[] = [];
    const removes: string[] = [];
    Object.entries(change.set).forEach(([name, value], index) => {
      names[`#f${index}`] = name;
      if (value === undefined) removes.push(`#f${index}`);
      else {
        values[`:f${index}`] = value;
        sets.push(`#f${index} = :f${index}`);
      }
    });
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.team(team.communityId, team.id),
        UpdateExpression: [
          `SET ${sets.join(', ')}`,
          'ADD memberCount :add',
          removes.length ? `REMOVE ${removes.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(' '),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { ...names, '#version': 'version' },
        ExpressionAttributeValues: values,
      },
    };
  }

  private check(key: { PK: string; SK: string }, condition: string): TransactionItem {
    return { ConditionCheck: { TableName: this.tableName, Key: key, ConditionExpression: condition } };
  }

  private async prefixed<T>(communityId: string, prefix: string): Promise<T[]> {
    const items = await queryAll(this.client, this.tableName, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.communityPartition(communityId), ':prefix': prefix },
    });
    return items.map((item) => withoutKeys<T>(item));
  }
}
