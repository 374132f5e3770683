import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Attendance, Certificate, Claim, Page } from '@linli/shared';
import { monthOf } from '@linli/shared';
import {
  WHOLE_ACTIVITY,
  type ActivityRecord,
  type ActivityStore,
  type ActivityWindow,
  type AttendanceStore,
  type CertificateStore,
  type ClaimStore,
  type Decision,
} from '../../domain/timebank/ports';
import type { TransferGuards } from '../../domain/ledger/ports';
import type { Transfer } from '../../domain/ledger/transfer';
import { cancellationReasons, isConditionalCheckFailed, readAhead } from '../client';
import { queryAll, queryPage } from '../cursor';
import { getEntity, getItem, statusUpdate, transitionEntity, withoutKeys } from '../items';
import { ATTENDEE_SHARDS, ENTITY, INDEXES, attendeeShardOf, keys } from '../keys';
import { AppError } from '../../lib/errors';
import {
  earnedMonthUpdate,
  insufficientFunds,
  monthlyCapReached,
  transferFailure,
  transferFailureFromReasons,
  transferItems,
} from '../ledger/ledger-store';
import type { TransactionItem } from '../client';
import type { Effects } from '../../domain/effects';
import { effectItems, writeWithEffects } from '../effects';

const PAGE_SIZE = 25;
/** Fields staff may edit (PATCH); everything else on the item is kept as it is. */
const EDITABLE_FIELDS = [
  'title',
  'category',
  'description',
  'startsAt',
  'endsAt',
  'location',
  'capacity',
  'graceMinutes',
  'signupRequired',
  'signupClosesAt',
  'requirements',
] as const;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 25));
const closeAfter = (activity: ActivityRecord) =>
  new Date(Date.parse(activity.endsAt) + activity.graceMinutes * 60_000).toISOString();

/** An activity as its item (keys, listing, auto-close): also what a weekly series writes for each occurrence. */
export function activityItem(activity: ActivityRecord) {
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

/** What a check-in's write needs of the activity as it read it. */
type CheckinActivity = Pick<
  ActivityRecord,
  | 'capacity'
  | 'attended'
  | 'startsAt'
  | 'endsAt'
  | 'graceMinutes'
  | 'signupRequired'
  | 'signupCounts'
  | 'positions'
  | 'requirements'
>;

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
    const item = await getItem(this.client, this.tableName, keys.activity(communityId, activityId));
    return item ? toActivityRecord(item) : null;
  }

  async getActivityWithLiveCount(communityId: string, activityId: string): Promise<ActivityRecord | null> {
    const { item, live } = await this.activityAndShards(communityId, activityId);
    return item ? toActivityRecord({ ...item, shardedCount: live }) : null;
  }

  async foldAttendeeCount(communityId: string, activityId: string): Promise<void> {
    const { item, live } = await this.activityAndShards(communityId, activityId);
    if (!item?.attended) return;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.activity(communityId, activityId),
          // Only ever upwards: a fold that read before a later one never lowers what that one wrote.
          UpdateExpression: 'SET shardedCount = :count',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(shardedCount) OR shardedCount < :count)',
          ExpressionAttributeValues: { ':count': live },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** The activity item and the sum of its attendee shards, in one Query. */
  private async activityAndShards(communityId: string, activityId: string) {
    const range = keys.activityWithShards(communityId, activityId);
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': range.PK, ':from': range.from, ':to': range.to },
        ConsistentRead: true,
      }),
    );
    const items = result.Items ?? [];
    const live = items
      .filter((item) => item.type === ENTITY.attendeeShard)
      .reduce((sum, item) => sum + Number(item.attendees ?? 0), 0);
    return { item: items.find((item) => item.type === ENTITY.activity), live };
  }

  async activitiesCheckingIn(nowIso: string): Promise<{ communityId: string; activityId: string }[]> {
    // In the auto-close index until its window has closed; an activity lasts at most a day.
    const dayLater = new Date(Date.parse(nowIso) + 24 * 3600_000).toISOString();
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi2,
      KeyConditionExpression: 'GSI2PK = :partition AND GSI2SK BETWEEN :now AND :later',
      FilterExpression: 'attended = :true',
      ExpressionAttributeValues: {
        ':partition': keys.activityAutoClosePartition(),
        ':now': nowIso,
        ':later': dayLater,
        ':true': true,
      },
    });
    return items.map((item) => ({ communityId: String(item.communityId), activityId: String(item.id) }));
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
    return { items: page.items.map(toActivityRecord), nextCursor: page.nextCursor };
  }

  async activitiesStartingBetween(communityId: string, fromIso: string, toIso: string): Promise<ActivityRecord[]> {
    const items = await queryAll(
      this.client,
      this.tableName,
      {
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': keys.activitiesPartition(communityId),
          ':from': fromIso,
          ':to': `${toIso}~`,
        },
      },
      500,
    );
    return items.map(toActivityRecord);
  }

  /**
   * An UpdateItem of the editable fields only (never a Put of what was read: a concurrent
   * check-in's count must not be overwritten), on the conditions of `ActivityStore.saveActivity`.
   */
  async saveActivity(
    activity: ActivityRecord,
    effects?: Effects,
  ): Promise<'saved' | 'not_scheduled' | 'below_attendance' | 'window_below_attendance'> {
    const names: Record<string, string> = { '#status': 'status', '#capacity': 'capacity' };
    const values: Record<string, unknown> = {
      ':scheduled': 'scheduled',
      ':capacity': activity.capacity ?? Number.MAX_SAFE_INTEGER,
      ':unlimited': Number.MAX_SAFE_INTEGER,
      ':zero': 0,
      ':GSI1SK': keys.activityListing(activity.communityId, activity.startsAt, activity.id).GSI1SK,
      ...keyValues(keys.activityAutoClose(closeAfter(activity), activity.communityId, activity.id)),
    };
    const assignments = ['GSI1SK = :GSI1SK', 'GSI2PK = :GSI2PK', 'GSI2SK = :GSI2SK'];
    for (const field of EDITABLE_FIELDS) {
      if (activity[field] === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = activity[field];
      assignments.push(`#${field} = :${field}`);
    }
    // Without positions, the capacity is also the number of sign-up places.
    if (activity.capacity !== undefined && activity.signupCounts?.[WHOLE_ACTIVITY] && !activity.positions?.length) {
      names['#whole'] = WHOLE_ACTIVITY;
      assignments.push('signupCounts.#whole.#capacity = :capacity');
    }
    try {
      await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.activity(activity.communityId, activity.id),
            UpdateExpression: `SET ${assignments.join(', ')}`,
            // Once anyone attended, the window may only widen: no attendance or claim falls outside it.
            // Scan check-ins to an uncapped activity are counted on shards (`attended` marks them):
            // such an activity cannot be given a capacity any more.
            ConditionExpression:
              '#status = :scheduled AND attendeeCount <= :capacity AND ' +
              '(attribute_not_exists(attended) OR attribute_exists(#capacity) OR :capacity = :unlimited) AND ' +
              '((attendeeCount = :zero AND attribute_not_exists(attended)) OR ' +
              '(#startsAt >= :startsAt AND #endsAt <= :endsAt AND #graceMinutes <= :graceMinutes))',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        effects,
      );
      return 'saved';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.getActivity(activity.communityId, activity.id);
      if (current?.status !== 'scheduled') return 'not_scheduled';
      if (current.attended && current.capacity === undefined && activity.capacity !== undefined)
        return 'below_attendance';
      return current.attendeeCount > (activity.capacity ?? Number.MAX_SAFE_INTEGER)
        ? 'below_attendance'
        : 'window_below_attendance';
    }
  }

  releaseHeld(communityId: string, activityId: string, effects?: Effects): Promise<ActivityRecord | null> {
    return transitionEntity<ActivityRecord>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.activity(communityId, activityId),
        fromStatuses: ['scheduled'],
        set: {},
        remove: ['heldForReview'],
        extraCondition: { expression: 'heldForReview = :held', values: { ':held': true } },
      }),
      effects,
    );
  }

  /** The evidence photos of a scheduled activity, set alone (an edit's full save would queue it for auto-close again). */
  setEvidence(
    communityId: string,
    activityId: string,
    imageIds: string[],
    effects?: Effects,
  ): Promise<ActivityRecord | null> {
    return transitionEntity<ActivityRecord>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.activity(communityId, activityId),
        fromStatuses: ['scheduled'],
        set: { evidenceImageIds: imageIds },
      }),
      effects,
    );
  }

  async cancelActivity(
    communityId: string,
    activityId: string,
    cancellation: { by: string; at: string },
    effects?: Effects,
  ): Promise<'cancelled' | 'not_scheduled' | 'has_approved_claims'> {
    const settlement = keys.activitySettlement(cancellation.at, communityId, activityId);
    // Every attendee shard says so too: a scan that read the activity before the cancellation
    // (and writes only its shard) is refused.
    const shards: TransactionItem[] = Array.from({ length: ATTENDEE_SHARDS }, (_, shard) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.attendeeShard(communityId, activityId, shard),
        UpdateExpression: 'SET #status = :cancelled, #type = :type, communityId = :community, activityId = :activity',
        ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':type': ENTITY.attendeeShard,
          ':community': communityId,
          ':activity': activityId,
        },
      },
    }));
    try {
      await writeWithEffects(
        this.client,
        {
          Update: {
            TableName: this.tableName,
            Key: keys.activity(communityId, activityId),
            UpdateExpression:
              'SET #status = :cancelled, cancelledBy = :by, cancelledAt = :at, GSI2PK = :settle, GSI2SK = :settleKey',
            ConditionExpression:
              '#status = :scheduled AND (attribute_not_exists(approvedClaimCount) OR approvedClaimCount <= :zero)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':cancelled': 'cancelled',
              ':scheduled': 'scheduled',
              ':by': cancellation.by,
              ':at': cancellation.at,
              ':settle': settlement.GSI2PK,
              ':settleKey': settlement.GSI2SK,
              ':zero': 0,
            },
          },
        },
        effects ?? {},
        { with: shards },
      );
      return 'cancelled';
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.getActivity(communityId, activityId);
      return current?.status === 'scheduled' ? 'has_approved_claims' : 'not_scheduled';
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

  /** Leaves the auto-close index, unless the activity has left it already (cancelled: its settlement stays queued). */
  async markAutoCloseDone(communityId: string, activityId: string): Promise<void> {
    await this.leaveIndex(communityId, activityId, keys.activityAutoClosePartition(), 'autoClosedAt');
  }

  async activitiesToSettle(): Promise<{ communityId: string; activityId: string }[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :partition',
        ExpressionAttributeValues: { ':partition': keys.activitySettlementPartition() },
        Limit: 100,
      }),
    );
    return (result.Items ?? []).map((item) => ({ communityId: String(item.communityId), activityId: String(item.id) }));
  }

  async markSettled(communityId: string, activityId: string): Promise<void> {
    await this.leaveIndex(communityId, activityId, keys.activitySettlementPartition(), 'settledAt');
  }

  private async leaveIndex(communityId: string, activityId: string, partition: string, stamp: string) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.activity(communityId, activityId),
          UpdateExpression: 'REMOVE GSI2PK, GSI2SK SET #stamp = :now',
          ConditionExpression: 'GSI2PK = :partition',
          ExpressionAttributeNames: { '#stamp': stamp },
          ExpressionAttributeValues: { ':now': new Date().toISOString(), ':partition': partition },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
}

const keyValues = (key: Record<string, string>) =>
  Object.fromEntries(Object.entries(key).map(([name, value]) => [`:${name}`, value]));

/** The activity is scheduled (and, when given, still has the window a decision was made on). */
function scheduledCondition(window?: ActivityWindow) {
  return {
    ConditionExpression:
      '#status = :scheduled' +
      (window ? ' AND startsAt = :startsAt AND endsAt = :endsAt AND graceMinutes = :grace' : ''),
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':scheduled': 'scheduled',
      ...(window ? { ':startsAt': window.startsAt, ':endsAt': window.endsAt, ':grace': window.graceMinutes } : {}),
    },
  };
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

  /**
   * Reads in one round trip what a check-in or check-out reads next: the member, the community
   * (a check-out's claim needs its rules), the activity and the member's attendance at it.
   */
  async readAheadCheckin(communityId: string, activityId: string, memberId: string): Promise<void> {
    await readAhead(this.client, this.tableName, [
      keys.member(communityId, memberId),
      keys.community(communityId),
      keys.activity(communityId, activityId),
      keys.attendance(communityId, activityId, memberId),
      keys.signup(communityId, activityId, memberId),
    ]);
  }

  async getAttendance(communityId: string, activityId: string, memberId: string): Promise<Attendance | null> {
    return getEntity<Attendance>(this.client, this.tableName, keys.attendance(communityId, activityId, memberId));
  }

  async checkIn(
    communityId: string,
    attendance: Attendance,
    activity: CheckinActivity,
  ): Promise<'created' | 'exists' | 'full' | 'not_scheduled' | 'window_changed' | 'not_signed_up'> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.tryCheckIn(communityId, attendance, activity);
      // A conflict with a concurrent check-in decides nothing: try again.
      if (outcome !== 'conflict') return outcome;
      if (attempt >= 6) throw new AppError('checkin.busy', 'Many people are checking in; please scan again');
      await new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 25));
    }
  }

  /** The items that count one check-in (see `tryCheckIn`). */
  private attendeeCounting(
    communityId: string,
    attendance: Attendance,
    activity: CheckinActivity,
    capped: boolean,
  ): TransactionItem[] {
    const activityKey = keys.activity(communityId, attendance.activityId);
    return capped
      ? [
          {
            Update: {
              TableName: this.tableName,
              Key: activityKey,
              UpdateExpression: 'ADD attendeeCount :one',
              ConditionExpression:
                '#status = :scheduled AND (attribute_not_exists(#capacity) OR attendeeCount < #capacity)',
              ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
              ExpressionAttributeValues: { ':one': 1, ':scheduled': 'scheduled' },
            },
          },
        ]
      : [
          ...(activity.attended
            ? []
            : [
                {
                  Update: {
                    TableName: this.tableName,
                    Key: activityKey,
                    UpdateExpression: 'SET attended = :true',
                    // Still scheduled, uncapped and with the times this scan was checked against
                    // (until someone attends, staff may move them either way).
                    ConditionExpression:
                      '#status = :scheduled AND attribute_not_exists(#capacity) AND ' +
                      '#startsAt = :startsAt AND #endsAt = :endsAt AND #grace = :grace',
                    ExpressionAttributeNames: {
                      '#status': 'status',
                      '#capacity': 'capacity',
                      '#startsAt': 'startsAt',
                      '#endsAt': 'endsAt',
                      '#grace': 'graceMinutes',
                    },
                    ExpressionAttributeValues: {
                      ':true': true,
                      ':scheduled': 'scheduled',
                      ':startsAt': activity.startsAt,
                      ':endsAt': activity.endsAt,
                      ':grace': activity.graceMinutes,
                    },
                  },
                },
              ]),
          {
            Update: {
              TableName: this.tableName,
              Key: keys.attendeeShard(communityId, attendance.activityId, attendeeShardOf(attendance.memberId)),
              UpdateExpression:
                'ADD attendees :one SET #type = :type, communityId = :community, activityId = :activity',
              // A cancellation marks every shard: no scan counts after it (the activity item is not read).
              ConditionExpression: 'attribute_not_exists(#status) OR #status = :scheduled',
              ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':type': ENTITY.attendeeShard,
                ':community': communityId,
                ':activity': attendance.activityId,
                ':scheduled': 'scheduled',
              },
            },
          },
        ];
  }

  /**
   * Whose place a check-in of a capped activity takes, where its capacity is also its sign-up places
   * (no positions, counters present): a confirmed member's own (`reserved`: no capacity condition —
   * their place was counted when they signed up); else a free sign-up place, taken as a walk-in
   * (`walk_in`), never one held by a confirmed member or owed to the waitlist. `none`: the activity
   * counts attendees only (positions, or made before sign-up existed).
   */
  private async placeOf(
    communityId: string,
    attendance: Attendance,
    activity: CheckinActivity,
  ): Promise<'reserved' | 'walk_in' | 'not_signed_up' | 'full' | 'none'> {
    if (activity.positions?.length || !activity.signupCounts?.[WHOLE_ACTIVITY]) return 'none';
    const signup = await getItem(
      this.client,
      this.tableName,
      keys.signup(communityId, attendance.activityId, attendance.memberId),
    );
    if (signup?.status === 'confirmed') return 'reserved';
    if (activity.signupRequired || activity.requirements) return 'not_signed_up';
    // On the waitlist: no place is free for them (a free one would have gone to the queue's head).
    return signup?.status === 'waitlisted' ? 'full' : 'walk_in';
  }

  /** The condition that the member's sign-up for the activity is confirmed. */
  private confirmedSignup(communityId: string, attendance: Attendance): TransactionItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.signup(communityId, attendance.activityId, attendance.memberId),
        ConditionExpression: '#status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':confirmed': 'confirmed' },
      },
    };
  }

  /** The counting of a `reserved` or `walk_in` check-in (see `placeOf`): one update of the activity item. */
  private placeCounting(
    communityId: string,
    attendance: Attendance,
    activity: CheckinActivity,
    place: 'reserved' | 'walk_in',
  ): TransactionItem[] {
    const key = keys.activity(communityId, attendance.activityId);
    if (place === 'reserved') {
      return [
        {
          Update: {
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'ADD attendeeCount :one',
            ConditionExpression: '#status = :scheduled',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':one': 1, ':scheduled': 'scheduled' },
          },
        },
      ];
    }
    const walkIn = {
      id: `${attendance.activityId}_${attendance.memberId}`,
      communityId,
      activityId: attendance.activityId,
      activityStartsAt: activity.startsAt,
      memberId: attendance.memberId,
      displayName: '',
      status: 'confirmed',
      signedUpAt: attendance.checkedInAt,
      confirmedAt: attendance.checkedInAt,
      walkIn: true,
    };
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD attendeeCount :one, signupCounts.#whole.#confirmed :one',
          ConditionExpression:
            '#status = :scheduled AND attendeeCount < #capacity AND signupCounts.#whole.#waiting = :zero AND ' +
            'signupCounts.#whole.#confirmed < signupCounts.#whole.#capacity',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#capacity': 'capacity',
            '#whole': WHOLE_ACTIVITY,
            '#confirmed': 'confirmed',
            '#waiting': 'waiting',
          },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':scheduled': 'scheduled' },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.signup(communityId, attendance.activityId, attendance.memberId),
            ...keys.memberSignup(communityId, attendance.memberId, activity.startsAt, attendance.activityId),
            type: ENTITY.signup,
            ...walkIn,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR #status = :cancelled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':cancelled': 'cancelled' },
        },
      },
    ];
  }

  /**
   * The attendance (once per member) and its count: on the activity item under the capacity
   * condition when capped; else on the member's shard, with the activity marked `attended` (and
   * checked to be scheduled) only by check-ins that read it unmarked — the first moments of a crowd.
   */
  private async tryCheckIn(
    communityId: string,
    attendance: Attendance,
    activity: CheckinActivity,
  ): Promise<'created' | 'exists' | 'full' | 'not_scheduled' | 'window_changed' | 'not_signed_up' | 'conflict'> {
    const activityKey = keys.activity(communityId, attendance.activityId);
    const capped = activity.capacity !== undefined && activity.capacity !== null;
    const places = capped ? await this.placeOf(communityId, attendance, activity) : 'none';
    if (places === 'not_signed_up' || places === 'full') return places;
    const counting =
      places === 'reserved' || places === 'walk_in'
        ? this.placeCounting(communityId, attendance, activity, places)
        : this.attendeeCounting(communityId, attendance, activity, capped);
    // Sign-up required, requirements (checked at sign-up) or a reserved place: the member's confirmed
    // sign-up must stand when the check-in is written.
    const needsSignup = activity.signupRequired === true || activity.requirements !== undefined;
    const signedUp = needsSignup || places === 'reserved' ? [this.confirmedSignup(communityId, attendance)] : [];
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
            ...counting,
            ...signedUp,
          ],
        }),
      );
      return 'created';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'exists';
      if (signedUp.length > 0 && reasons[1 + counting.length] === 'ConditionalCheckFailed') {
        // A reserved place whose sign-up was cancelled meanwhile is decided again, as a walk-in.
        return places === 'reserved' && !needsSignup ? 'conflict' : 'not_signed_up';
      }
      // A walk-in's sign-up item changed meanwhile (they signed up): decide again.
      if (places === 'walk_in' && reasons[2] === 'ConditionalCheckFailed') return 'conflict';
      if (reasons.includes('TransactionConflict')) return 'conflict';
      const shardFailed = counting.some(
        (item, index) => item.Update?.Key?.SK !== activityKey.SK && reasons[index + 1] === 'ConditionalCheckFailed',
      );
      if (shardFailed) return 'not_scheduled';
      if (counting[0]?.Update?.Key?.SK === activityKey.SK && reasons[1] === 'ConditionalCheckFailed') {
        const current = await getItem(this.client, this.tableName, activityKey);
        if (current?.status !== 'scheduled') return 'not_scheduled';
        const moved = ['startsAt', 'endsAt', 'graceMinutes'] as const;
        if (!capped && moved.some((field) => current[field] !== activity[field])) return 'window_changed';
        // A capacity was set meanwhile (before anyone had checked in): count on the item instead.
        if (!capped && current.capacity !== undefined) {
          return this.tryCheckIn(communityId, attendance, { ...activity, capacity: Number(current.capacity) });
        }
        return 'full';
      }
      throw error;
    }
  }

  async checkOut(
    communityId: string,
    attendance: Attendance,
    claim: Claim,
  ): Promise<'closed' | 'not_open' | 'not_scheduled'> {
    const items: TransactionItem[] = [
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
      { Put: { TableName: this.tableName, Item: claimItem(claim), ConditionExpression: 'attribute_not_exists(PK)' } },
      // A cancelled activity files no claim, however the check-out races the cancellation.
      this.scheduledCheck(communityId, attendance.activityId),
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'closed';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[2] === 'ConditionalCheckFailed') return 'not_scheduled';
        if (reasons.includes('ConditionalCheckFailed')) return 'not_open';
        if (!reasons.includes('TransactionConflict')) throw error;
        if (attempt >= 6) throw new AppError('checkin.busy', 'Many people are checking in; please scan again');
        await pause(attempt);
      }
    }
  }

  private scheduledCheck(communityId: string, activityId: string, window?: ActivityWindow): TransactionItem {
    return {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.activity(communityId, activityId),
        ...scheduledCondition(window),
      },
    };
  }

  async recordOfficeAttendance(
    communityId: string,
    entry: { attendance: Attendance; claim: Claim; window: ActivityWindow; replacesClaimId?: string },
    effects?: Effects,
  ): Promise<'recorded' | 'exists' | 'full' | 'not_scheduled' | 'window_changed'> {
    const { attendance, claim, window, replacesClaimId } = entry;
    const scheduled = scheduledCondition(window);
    const activityItem: TransactionItem = replacesClaimId
      ? this.scheduledCheck(communityId, attendance.activityId, window)
      : {
          Update: {
            TableName: this.tableName,
            Key: keys.activity(communityId, attendance.activityId),
            UpdateExpression: 'ADD attendeeCount :one',
            ConditionExpression: `${scheduled.ConditionExpression} AND (attribute_not_exists(#capacity) OR attendeeCount < #capacity)`,
            ExpressionAttributeNames: { ...scheduled.ExpressionAttributeNames, '#capacity': 'capacity' },
            ExpressionAttributeValues: { ...scheduled.ExpressionAttributeValues, ':one': 1 },
          },
        };
    const items: TransactionItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.attendance(communityId, attendance.activityId, attendance.memberId),
            type: ENTITY.attendance,
            communityId,
            ...attendance,
          },
          // One attendance per member and activity; a correction replaces one whose claim was rejected.
          ...(replacesClaimId
            ? {
                ConditionExpression: 'claimId = :replaced AND #status = :closed',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':replaced': replacesClaimId, ':closed': 'closed' },
              }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      },
      { Put: { TableName: this.tableName, Item: claimItem(claim), ConditionExpression: 'attribute_not_exists(PK)' } },
      activityItem,
      ...effectItems(this.tableName, effects),
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'recorded';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[0] === 'ConditionalCheckFailed' || reasons[1] === 'ConditionalCheckFailed') return 'exists';
        if (reasons[2] === 'ConditionalCheckFailed') return this.whyRefused(communityId, attendance.activityId, window);
        if (!reasons.includes('TransactionConflict')) throw error;
        if (attempt >= 6) throw new AppError('checkin.busy', 'Many people are checking in; please try again');
        await pause(attempt);
      }
    }
  }

  private async whyRefused(
    communityId: string,
    activityId: string,
    window: ActivityWindow,
  ): Promise<'not_scheduled' | 'window_changed' | 'full'> {
    const activity = await getItem(this.client, this.tableName, keys.activity(communityId, activityId));
    if (activity?.status !== 'scheduled') return 'not_scheduled';
    const same =
      activity.startsAt === window.startsAt &&
      activity.endsAt === window.endsAt &&
      activity.graceMinutes === window.graceMinutes;
    return same ? 'full' : 'window_changed';
  }

  async closeCancelled(communityId: string, attendance: Attendance, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.attendance(communityId, attendance.activityId, attendance.memberId),
          UpdateExpression: 'SET #status = :closed, checkedOutAt = :at, cancelled = :true',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': at, ':true': true },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async listOpenAttendances(communityId: string, activityId: string): Promise<Attendance[]> {
    return this.attendancesOf(communityId, activityId, true);
  }

  async listAttendances(communityId: string, activityId: string): Promise<Attendance[]> {
    return this.attendancesOf(communityId, activityId, false);
  }

  private async attendancesOf(communityId: string, activityId: string, openOnly: boolean): Promise<Attendance[]> {
    const found: Attendance[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ...(openOnly
            ? { FilterExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' } }
            : {}),
          ExpressionAttributeValues: {
            ':pk': keys.communityPartition(communityId),
            ':prefix': keys.attendancesPrefix(activityId),
            ...(openOnly ? { ':open': 'open' } : {}),
          },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(result.Items ?? []).map((item) => withoutKeys<Attendance>(item)));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return found;
  }
}

export class DynamoClaimStore implements ClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Reads in one round trip what an approval reads next: the approver's membership, the
   * community (its rules), the claim, and — when the claim id names its member — the member's
   * account and certificate (the certificate decision).
   */
  async readAheadApproval(
    communityId: string,
    claimId: string,
    approverId: string,
    memberId: string | undefined,
  ): Promise<void> {
    await readAhead(this.client, this.tableName, [
      keys.member(communityId, approverId),
      keys.community(communityId),
      keys.claim(communityId, claimId),
      ...(memberId
        ? [
            // The claim's member: their guardian, if a child, may not approve their hours.
            keys.member(communityId, memberId),
            keys.memberAccount(communityId, memberId),
            keys.memberCertificate(communityId, memberId),
          ]
        : []),
    ]);
  }

  async putClaim(claim: Claim, effects?: Effects): Promise<void> {
    await writeWithEffects(
      this.client,
      { Put: { TableName: this.tableName, Item: claimItem(claim), ConditionExpression: 'attribute_not_exists(PK)' } },
      effects,
    );
  }

  async getClaim(communityId: string, claimId: string): Promise<Claim | null> {
    return getEntity<Claim>(this.client, this.tableName, keys.claim(communityId, claimId));
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
    guards?: TransferGuards,
  ): Promise<'approved' | 'already_decided' | 'activity_cancelled' | 'conflict'> {
    const update = { Update: this.decisionUpdate(claim, 'approved', decision, transfer?.transferId) };
    // While a claim of it stands approved, the activity cannot be cancelled; a cancelled one pays nothing.
    const activity: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.activity(claim.communityId, claim.activityId),
        UpdateExpression: 'ADD approvedClaimCount :one',
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':scheduled': 'scheduled' },
      },
    };
    const parts = transfer ? transferItems(this.tableName, transfer, 2, guards) : null;
    // A claim worth no points still counts its minutes and visit on the member's month.
    const month = parts
      ? []
      : [
          earnedMonthUpdate(this.tableName, {
            communityId: claim.communityId,
            memberId: claim.memberId,
            month: monthOf(decision.decidedAt),
            add: { volunteerMinutes: claim.minutes, volunteerVisits: 1 },
          }),
        ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        const items = [update, activity, ...(parts?.items ?? month), ...effectItems(this.tableName, effects)];
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'approved';
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (reasons[0] === 'ConditionalCheckFailed') return 'already_decided';
        if (reasons[1] === 'ConditionalCheckFailed') return 'activity_cancelled';
        const failure = parts ? transferFailure(error, parts) : undefined;
        if (failure === 'duplicate') return 'already_decided';
        if (failure === 'insufficient_funds') throw insufficientFunds();
        if (failure === 'monthly_cap') throw monthlyCapReached();
        if (parts && [...parts.guardIndexes].some((index) => reasons[index] === 'ConditionalCheckFailed')) {
          return 'conflict';
        }
        if (reasons.includes('TransactionConflict') && attempt < 6) {
          await pause(attempt);
          continue;
        }
        throw error;
      }
    }
  }

  async listPendingClaimsOfActivity(communityId: string, activityId: string): Promise<Claim[]> {
    const items = await queryAll(this.client, this.tableName, {
      IndexName: INDEXES.gsi1,
      KeyConditionExpression: 'GSI1PK = :queue',
      FilterExpression: 'activityId = :activity',
      ExpressionAttributeValues: {
        ':queue': keys.claimQueuePartition(communityId, 'pending'),
        ':activity': activityId,
      },
    });
    return items.map((item) => withoutKeys<Claim>(item));
  }

  async reverseClaim(
    claim: Claim,
    reversal: Transfer,
    input: { guards: TransferGuards; effects: Effects },
  ): Promise<'reversed' | 'not_approved' | 'duplicate' | 'conflict'> {
    const status: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.claim(claim.communityId, claim.id),
        UpdateExpression:
          'SET #status = :reversed, reversedBy = :by, reversedAt = :at, reversalReason = :reason, GSI1PK = :queue',
        ConditionExpression: '#status = :approved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':reversed': 'reversed',
          ':approved': 'approved',
          ':by': reversal.actorId,
          ':at': reversal.createdAt,
          ':reason': reversal.memo,
          ':queue': keys.claimQueuePartition(claim.communityId, 'reversed'),
        },
      },
    };
    const activity: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.activity(claim.communityId, claim.activityId),
        UpdateExpression: 'ADD approvedClaimCount :minusOne',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':minusOne': -1 },
      },
    };
    const parts = transferItems(this.tableName, reversal, 2, input.guards);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [status, activity, ...parts.items, ...effectItems(this.tableName, input.effects)],
        }),
      );
      return 'reversed';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'not_approved';
      const failure = transferFailureFromReasons(reasons, parts);
      if (failure === 'duplicate') return 'duplicate';
      if (failure === 'insufficient_funds') throw insufficientFunds();
      if (failure === 'conflict' || reasons.includes('ConditionalCheckFailed')) return 'conflict';
      throw error;
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
    const result = await getItem(this.client, this.tableName, keys.memberCertificate(communityId, memberId));
    return result ? toCertificate(result) : null;
  }

  async issueCertificate(
    communityId: string,
    memberId: string,
    issuedAt: string,
    thresholdPoints: number,
    effects?: Effects,
  ): Promise<boolean> {
    const certificate: TransactionItem = {
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
    };
    return this.whileEarned(certificate, communityId, memberId, thresholdPoints, effects);
  }

  async restoreCertificate(
    communityId: string,
    memberId: string,
    at: string,
    thresholdPoints: number,
    effects?: Effects,
  ): Promise<boolean> {
    const certificate: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.memberCertificate(communityId, memberId),
        UpdateExpression: 'SET #status = :active, restoredAt = :at REMOVE flaggedAt, reviewReason',
        ConditionExpression: '#status = :review',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active', ':review': 'review', ':at': at },
      },
    };
    return this.whileEarned(certificate, communityId, memberId, thresholdPoints, effects);
  }

  /** Writes `certificate` with its effects on the condition that the member's earned points reach the threshold. */
  private async whileEarned(
    certificate: TransactionItem,
    communityId: string,
    memberId: string,
    thresholdPoints: number,
    effects?: Effects,
  ): Promise<boolean> {
    const earned: TransactionItem = {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.memberAccount(communityId, memberId),
        ConditionExpression: 'earnedPoints >= :threshold',
        ExpressionAttributeValues: { ':threshold': thresholdPoints },
      },
    };
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [certificate, earned, ...effectItems(this.tableName, effects)] }),
      );
      return true;
    } catch (error) {
      if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
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
              : 'SET #status = :to, reinstatedAt = :at, reinstatedBy = :by REMOVE revokedAt, revokedBy, reason, flaggedAt, reviewReason',
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
    ...(item.flaggedAt ? { flaggedAt: String(item.flaggedAt), reviewReason: String(item.reviewReason ?? '') } : {}),
  };
}

/**
 * An activity as stored → as used: `attendeeCount` is the item's own count (capped check-ins,
 * office entries) plus the shards' (`shardedCount`: live, or as last folded).
 */
export function toActivityRecord(item: Record<string, unknown>): ActivityRecord {
  const { shardedCount, ...rest } = withoutKeys<ActivityRecord & { shardedCount?: number }>(item);
  return { ...rest, attendeeCount: Number(rest.attendeeCount ?? 0) + Number(shardedCount ?? 0) };
}
