import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Attendance, Certificate, Claim, Page } from '@linli/shared';
import type {
  ActivityRecord,
  ActivityStore,
  AttendanceStore,
  CertificateStore,
  ClaimStore,
  Decision,
} from '../domain/timebank/ports';
import type { Transfer } from '../domain/ledger/transfer';
import { cancellationReasons, isConditionalCheckFailed } from './client';
import { queryPage } from './cursor';
import { withoutKeys } from './items';
import { ENTITY, INDEXES, keys } from './keys';
import { AppError } from '../lib/errors';
import { insufficientFunds, monthlyCapReached, transferFailure, transferItems } from './ledger-store';
import type { Effects } from '../domain/effects';
import { effectItems, writeWithEffects } from './effects';

const PAGE_SIZE = 25;
const closeAfter = (activity: ActivityRecord) =>
  new Date(Date.parse(activity.endsAt) + activity.graceMinutes * 60_000).toISOString();

function activityItem(activity: ActivityRecord) {
  return {
    ...keys.activity(activity.communityId, activity.id),
    ...keys.activityListing(activity.communityId, activity.startsAt, activity.id),
    ...(activity.status === 'scheduled'
      ? keys.activityAutoClose(closeAfter(activity), activity.communityId, activity.id)
      : {}),
    type: ENTITY.activity,
    ...activity,
  };
}

export class DynamoActivityStore implements ActivityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createActivity(activity: ActivityRecord, effects?: Effects): Promise<void> {
    await writeWithEffects(
      this.client,
      {
        Put: {
          TableName: this.tableName,
          Item: activityItem(activity),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      effects,
    );
  }

  async getActivity(communityId: string, activityId: string): Promise<ActivityRecord | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.activity(communityId, activityId), ConsistentRead: true }),
    );
    return result.Item ? withoutKeys<ActivityRecord>(result.Item) : null;
  }

  async listActivities(
    communityId: string,
    fromIso: string,
    cursor: string | undefined,
  ): Promise<Page<ActivityRecord>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.activitiesPartition(communityId),
      sortKeyCondition: { expression: 'GSI1SK >= :from', values: { ':from': fromIso }, fromClock: true },
      cursor,
      limit: PAGE_SIZE,
    });
    return { items: page.items.map((item) => withoutKeys<ActivityRecord>(item)), nextCursor: page.nextCursor };
  }

  async saveActivity(
    activity: ActivityRecord,
    effects?: Effects,
  ): Promise<'saved' | 'not_scheduled' | 'below_attendance'> {
    try {
      await writeWithEffects(
        this.client,
        {
          Put: {
            TableName: this.tableName,
            Item: activityItem(activity),
            ConditionExpression: '#status = :scheduled AND attendeeCount <= :capacity',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':scheduled': 'scheduled',
              ':capacity': activity.capacity ?? Number.MAX_SAFE_INTEGER,
            },
          },
        },
        effects,
      );
      return 'saved';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.getActivity(activity.communityId, activity.id);
      return current?.status === 'scheduled' ? 'below_attendance' : 'not_scheduled';
    }
  }

  async cancelActivity(
    communityId: string,
    activityId: string,
    effects?: Effects,
  ): Promise<'cancelled' | 'not_scheduled'> {
    try {
      await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.activity(communityId, activityId),
            UpdateExpression: 'SET #status = :cancelled REMOVE GSI2PK, GSI2SK',
            ConditionExpression: '#status = :scheduled',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':scheduled': 'scheduled' },
          },
        },
        effects,
      );
      return 'cancelled';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'not_scheduled';
      throw error;
    }
  }

  async activitiesDueForAutoClose(nowIso: string): Promise<{ communityId: string; activityId: string }[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition AND GSI2SK < :now',
        ExpressionAttributeValues: { ':partition': keys.activityAutoClosePartition(), ':now': nowIso },
        Limit: 100,
      }),
    );
    return (result.Items ?? []).map((item) => ({ communityId: String(item.communityId), activityId: String(item.id) }));
  }

  async markAutoCloseDone(communityId: string, activityId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.activity(communityId, activityId),
        UpdateExpression: 'REMOVE GSI2PK, GSI2SK SET autoClosedAt = :now',
        ExpressionAttributeValues: { ':now': new Date().toISOString() },
      }),
    );
  }
}

function claimItem(claim: Claim) {
  return {
    ...keys.claim(claim.communityId, claim.id),
    ...keys.claimQueue(claim.communityId, claim.status, claim.createdAt, claim.id),
    ...keys.memberClaims(claim.communityId, claim.memberId, claim.createdAt, claim.id),
    type: ENTITY.claim,
    ...claim,
  };
}

export class DynamoAttendanceStore implements AttendanceStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getAttendance(communityId: string, activityId: string, memberId: string): Promise<Attendance | null> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.attendance(communityId, activityId, memberId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? withoutKeys<Attendance>(result.Item) : null;
  }

  async checkIn(communityId: string, attendance: Attendance): Promise<'created' | 'exists' | 'full' | 'not_scheduled'> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.tryCheckIn(communityId, attendance);
      // A conflict with a concurrent check-in to the same activity decides nothing: try again.
      if (outcome !== 'conflict') return outcome;
      if (attempt >= 6) throw new AppError('checkin.busy', 'Many people are checking in; please scan again');
      await new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 25));
    }
  }

  private async tryCheckIn(
    communityId: string,
    attendance: Attendance,
  ): Promise<'created' | 'exists' | 'full' | 'not_scheduled' | 'conflict'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.attendance(communityId, attendance.activityId, attendance.memberId),
                  type: ENTITY.attendance,
                  communityId,
                  ...attendance,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.activity(communityId, attendance.activityId),
                UpdateExpression: 'ADD attendeeCount :one',
                ConditionExpression:
                  '#status = :scheduled AND (attribute_not_exists(#capacity) OR attendeeCount < #capacity)',
                ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
                ExpressionAttributeValues: { ':one': 1, ':scheduled': 'scheduled' },
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'exists';
      if (reasons.includes('TransactionConflict')) return 'conflict';
      if (reasons[1] === 'ConditionalCheckFailed') {
        const activity = await this.client.send(
          new GetCommand({
            TableName: this.tableName,
            Key: keys.activity(communityId, attendance.activityId),
            ConsistentRead: true,
          }),
        );
        return activity.Item?.status === 'scheduled' ? 'full' : 'not_scheduled';
      }
      throw error;
    }
  }

  async checkOut(communityId: string, attendance: Attendance, claim: Claim): Promise<'closed' | 'not_open'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.attendance(communityId, attendance.activityId, attendance.memberId),
                UpdateExpression: 'SET #status = :closed, checkedOutAt = :out, claimId = :claim, autoClosed = :auto',
                ConditionExpression: '#status = :open',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':closed': 'closed',
                  ':open': 'open',
                  ':out': attendance.checkedOutAt,
                  ':claim': claim.id,
                  ':auto': attendance.autoClosed ?? false,
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: claimItem(claim),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return 'closed';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && (reasons.includes('ConditionalCheckFailed') || reasons.includes('TransactionConflict')))
        return 'not_open';
      throw error;
    }
  }

  async listOpenAttendances(communityId: string, activityId: string): Promise<Attendance[]> {
    const open: Attendance[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          FilterExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pk': `COMMUNITY#${communityId}`,
            ':prefix': keys.attendancesPrefix(activityId),
            ':open': 'open',
          },
          ExclusiveStartKey: startKey,
        }),
      );
      open.push(...(result.Items ?? []).map((item) => withoutKeys<Attendance>(item)));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return open;
  }
}

export class DynamoClaimStore implements ClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putClaim(claim: Claim, effects?: Effects): Promise<void> {
    await writeWithEffects(
      this.client,
      { Put: { TableName: this.tableName, Item: claimItem(claim), ConditionExpression: 'attribute_not_exists(PK)' } },
      effects,
    );
  }

  async getClaim(communityId: string, claimId: string): Promise<Claim | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.claim(communityId, claimId), ConsistentRead: true }),
    );
    return result.Item ? withoutKeys<Claim>(result.Item) : null;
  }

  listClaims(communityId: string, status: Claim['status'], cursor: string | undefined): Promise<Page<Claim>> {
    return this.page('GSI1', keys.claimQueuePartition(communityId, status), cursor, true);
  }

  listMemberClaims(
    communityId: string,
    memberId: string,
    cursor: string | undefined,
    status?: Claim['status'],
  ): Promise<Page<Claim>> {
    return this.page('GSI2', keys.memberClaimsPartition(communityId, memberId), cursor, false, status);
  }

  private async page(
    index: 'GSI1' | 'GSI2',
    partition: string,
    cursor: string | undefined,
    oldestFirst: boolean,
    status?: Claim['status'],
  ) {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: index,
      partition,
      cursor,
      limit: PAGE_SIZE,
      newestFirst: !oldestFirst,
      filter: status
        ? { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': status } }
        : undefined,
    });
    return { items: page.items.map((item) => withoutKeys<Claim>(item)), nextCursor: page.nextCursor };
  }

  private decisionUpdate(claim: Claim, status: Claim['status'], decision: Decision, transferId?: string) {
    return {
      TableName: this.tableName,
      Key: keys.claim(claim.communityId, claim.id),
      UpdateExpression:
        'SET #status = :status, decidedBy = :by, decidedAt = :at, GSI1PK = :queue' +
        (decision.reason ? ', reason = :reason' : '') +
        (transferId ? ', transferId = :transfer' : ''),
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':pending': 'pending',
        ':by': decision.decidedBy,
        ':at': decision.decidedAt,
        ':queue': keys.claimQueuePartition(claim.communityId, status),
        ...(decision.reason ? { ':reason': decision.reason } : {}),
        ...(transferId ? { ':transfer': transferId } : {}),
      },
    };
  }

  async approveClaim(
    claim: Claim,
    decision: Decision,
    transfer: Transfer | null,
    effects?: Effects,
  ): Promise<'approved' | 'already_decided'> {
    const update = { Update: this.decisionUpdate(claim, 'approved', decision, transfer?.transferId) };
    const parts = transfer ? transferItems(this.tableName, transfer, 1) : null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const items = [update, ...(parts?.items ?? []), ...effectItems(this.tableName, effects)];
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'approved';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[0] === 'ConditionalCheckFailed') return 'already_decided';
        const failure = parts ? transferFailure(error, parts) : undefined;
        if (failure === 'duplicate') return 'already_decided';
        if (failure === 'insufficient_funds') throw insufficientFunds();
        if (failure === 'monthly_cap') throw monthlyCapReached();
        if (reasons.includes('TransactionConflict') && attempt < 4) {
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
          continue;
        }
        throw error;
      }
    }
  }

  async rejectClaim(claim: Claim, decision: Decision, effects?: Effects): Promise<'rejected' | 'already_decided'> {
    try {
      await writeWithEffects(this.client, { Update: this.decisionUpdate(claim, 'rejected', decision) }, effects);
      return 'rejected';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'already_decided';
      throw error;
    }
  }
}

export class DynamoCertificateStore implements CertificateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getCertificate(communityId: string, memberId: string): Promise<Certificate | null> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.memberCertificate(communityId, memberId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? toCertificate(result.Item) : null;
  }

  async issueCertificate(communityId: string, memberId: string, issuedAt: string, effects?: Effects): Promise<boolean> {
    try {
      await writeWithEffects(
        this.client,
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...keys.memberCertificate(communityId, memberId),
              type: ENTITY.certificate,
              communityId,
              memberId,
              status: 'active',
              issuedAt,
            },
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

  async setCertificateStatus(
    communityId: string,
    memberId: string,
    change: { from: Certificate['status']; to: Certificate['status']; by: string; at: string; reason?: string },
    effects?: Effects,
  ): Promise<Certificate | null> {
    const revoking = change.to === 'revoked';
    try {
      const result = await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.memberCertificate(communityId, memberId),
            UpdateExpression: revoking
              ? 'SET #status = :to, revokedAt = :at, revokedBy = :by, reason = :reason'
              : 'SET #status = :to, reinstatedAt = :at, reinstatedBy = :by REMOVE revokedAt, revokedBy, reason',
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':from': change.from,
              ':to': change.to,
              ':at': change.at,
              ':by': change.by,
              ...(revoking ? { ':reason': change.reason ?? '' } : {}),
            },
          },
        },
        effects,
        { returnNew: true },
      );
      return result ? toCertificate(result) : null;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return null;
      throw error;
    }
  }
}

function toCertificate(item: Record<string, unknown>): Certificate {
  return {
    memberId: String(item.memberId),
    status: item.status as Certificate['status'],
    issuedAt: String(item.issuedAt),
    ...(item.revokedAt
      ? { revokedAt: String(item.revokedAt), revokedBy: String(item.revokedBy), reason: String(item.reason) }
      : {}),
  };
}
