import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Effects } from '../../domain/effects';
import { WHOLE_ACTIVITY, type SignupCount, type SignupRecord, type SignupStore } from '../../domain/timebank/ports';
import { AppError } from '../../lib/errors';
import { cancellationReasons, getItem, isConditionalCheckFailed, type TransactionItem } from '../client';
import { effectItems } from '../effects';
import { withoutKeys } from '../items';
import { ENTITY, INDEXES, keys } from '../keys';

/** Attempts before a sign-up or cancellation that keeps meeting concurrent ones gives up (409 `signup.busy`). */
const ATTEMPTS = 8;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 30));
const busy = () => new AppError('signup.busy', 'Many people are signing up right now; please try again');

/** `signupCounts.#position.#<field>` (`capacity` is a reserved word: every part goes by a name). */
const counter = (field: keyof SignupCount) => `signupCounts.#position.#${field}`;

/** The expression names of the counters an expression uses (DynamoDB refuses unused ones). */
const counterNames = (...expressions: string[]): Record<string, string> =>
  Object.fromEntries(
    (['capacity', 'confirmed', 'waiting'] as const)
      .filter((field) => expressions.some((expression) => expression.includes(`#${field}`)))
      .map((field) => [`#${field}`, field]),
  );

/**
 * Sign-ups (报名) in DynamoDB. The places of each position are counted on the activity item
 * (`signupCounts`), and every sign-up or cancellation changes its own item and that count in
 * one transaction whose conditions keep, at all times:
 * - `confirmed ≤ capacity` — nobody is confirmed past a position's places;
 * - `waiting > 0 ⇒ confirmed ≥ capacity` — nobody waits while a place is free, and a newcomer
 *   never takes a place ahead of the waitlist (a place freed by a cancellation goes to the head
 *   of the waitlist in the same transaction).
 * A transaction that loses a race to another on the same activity is tried again, reading afresh.
 */
export class DynamoSignupStore implements SignupStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getSignup(communityId: string, activityId: string, memberId: string): Promise<SignupRecord | null> {
    const item = await getItem(this.client, this.tableName, keys.signup(communityId, activityId, memberId));
    return item ? withoutKeys<SignupRecord>(item) : null;
  }

  async listSignups(communityId: string, activityId: string): Promise<SignupRecord[]> {
    const range = keys.signupsOf(communityId, activityId);
    const items: SignupRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': range.PK, ':from': range.from, ':to': range.to },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => withoutKeys<SignupRecord>(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  async listMemberSignups(communityId: string, memberId: string, fromIso: string): Promise<SignupRecord[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi2,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :from',
        ExpressionAttributeValues: { ':pk': keys.memberSignupsPartition(communityId, memberId), ':from': fromIso },
        Limit: 100,
      }),
    );
    return (page.Items ?? []).map((item) => withoutKeys<SignupRecord>(item));
  }

  async signUp(
    signup: SignupRecord,
    position: string,
    initialCounts: Record<string, SignupCount>,
  ): Promise<'confirmed' | 'waitlisted' | 'exists' | 'not_scheduled'> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const outcome = await this.trySignUp(signup, position);
      if (outcome === 'uncounted') await this.startCounting(signup, initialCounts);
      else if (outcome !== 'conflict') return outcome;
      await pause(attempt);
    }
    throw busy();
  }

  /** A place if one is free and nobody waits, else the waitlist: whichever condition holds now. */
  private async trySignUp(
    signup: SignupRecord,
    position: string,
  ): Promise<'confirmed' | 'waitlisted' | 'exists' | 'not_scheduled' | 'uncounted' | 'conflict'> {
    const confirm = await this.transact([
      this.putSignup({ ...signup, status: 'confirmed', confirmedAt: signup.signedUpAt }),
      this.count(signup, position, 'confirmed', {
        condition: `${counter('waiting')} = :zero AND (attribute_not_exists(${counter('capacity')}) OR ${counter('confirmed')} < ${counter('capacity')})`,
      }),
    ]);
    if (confirm === 'done') return 'confirmed';
    if (confirm[0] === 'ConditionalCheckFailed') return 'exists';
    if (confirm.includes('TransactionConflict')) return 'conflict';
    const activity = await getItem(this.client, this.tableName, keys.activity(signup.communityId, signup.activityId));
    if (activity?.status !== 'scheduled') return 'not_scheduled';
    if (!(activity.signupCounts as Record<string, unknown> | undefined)?.[position]) return 'uncounted';
    const wait = await this.transact([
      this.putSignup({ ...signup, status: 'waitlisted' }),
      this.count(signup, position, 'waiting', {
        condition: `${counter('waiting')} > :zero OR ${counter('confirmed')} >= ${counter('capacity')}`,
      }),
    ]);
    if (wait === 'done') return 'waitlisted';
    if (wait[0] === 'ConditionalCheckFailed') return 'exists';
    // A place came free meanwhile (or another sign-up raced this one): start again.
    return 'conflict';
  }

  /** Adds the counters to an activity made before sign-up existed (once: a second call changes nothing). */
  private async startCounting(signup: SignupRecord, initialCounts: Record<string, SignupCount>): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.activity(signup.communityId, signup.activityId),
          UpdateExpression: 'SET signupCounts = :counts',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(signupCounts)',
          ExpressionAttributeValues: { ':counts': initialCounts },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async cancelSignup(
    current: SignupRecord,
    cancelledAt: string,
    promote: { signup: SignupRecord; effects: Effects } | null,
  ): Promise<'cancelled' | 'changed'> {
    const position = current.positionId ?? WHOLE_ACTIVITY;
    const cancelled: SignupRecord = { ...current, status: 'cancelled', cancelledAt };
    const own: TransactionItem = {
      Put: {
        TableName: this.tableName,
        Item: this.signupItem(cancelled),
        ConditionExpression: '#status = :was AND signedUpAt = :signedUpAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':was': current.status, ':signedUpAt': current.signedUpAt },
      },
    };
    // A confirmed member who checked in meanwhile keeps the sign-up (the caller reads again and refuses).
    const notCheckedIn: TransactionItem = {
      ConditionCheck: {
        TableName: this.tableName,
        Key: keys.attendance(current.communityId, current.activityId, current.memberId),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const items: TransactionItem[] =
      current.status === 'waitlisted'
        ? [own, this.count(current, position, 'waiting', { add: -1 })]
        : promote
          ? [
              own,
              {
                Put: {
                  TableName: this.tableName,
                  Item: this.signupItem(promote.signup),
                  ConditionExpression: '#status = :waitlisted AND signedUpAt = :signedUpAt',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':waitlisted': 'waitlisted', ':signedUpAt': promote.signup.signedUpAt },
                },
              },
              // The place passes on: confirmed stays, the waitlist shortens (unless the capacity was lowered below it).
              this.count(current, position, 'waiting', {
                add: -1,
                condition: `${counter('confirmed')} <= ${counter('capacity')}`,
              }),
              ...effectItems(this.tableName, promote.effects),
            ]
          : [
              own,
              // Nobody to pass the place to — or more are confirmed than the (lowered) capacity holds.
              this.count(current, position, 'confirmed', {
                add: -1,
                condition: `${counter('waiting')} = :zero OR ${counter('confirmed')} > ${counter('capacity')}`,
              }),
            ];
    if (current.status === 'confirmed') items.push(notCheckedIn);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const outcome = await this.transact(items);
      if (outcome === 'done') return 'cancelled';
      if (!outcome.includes('TransactionConflict')) return 'changed';
      await pause(attempt);
    }
    throw busy();
  }

  async promote(head: SignupRecord, at: string, effects: Effects): Promise<'promoted' | 'changed'> {
    const position = head.positionId ?? WHOLE_ACTIVITY;
    const confirmed: SignupRecord = { ...head, status: 'confirmed', confirmedAt: at, promotedAt: at };
    const outcome = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: this.signupItem(confirmed),
          ConditionExpression: '#status = :waitlisted AND signedUpAt = :signedUpAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':waitlisted': 'waitlisted', ':signedUpAt': head.signedUpAt },
        },
      },
      {
        // One item, one operation: the place and the queue change together.
        Update: {
          TableName: this.tableName,
          Key: keys.activity(head.communityId, head.activityId),
          UpdateExpression: `ADD ${counter('confirmed')} :one, ${counter('waiting')} :minusOne`,
          ConditionExpression:
            `#status = :scheduled AND ${counter('confirmed')} < ${counter('capacity')} AND ` +
            `${counter('waiting')} > :zero`,
          ExpressionAttributeNames: {
            '#status': 'status',
            '#position': position,
            '#confirmed': 'confirmed',
            '#waiting': 'waiting',
            '#capacity': 'capacity',
          },
          ExpressionAttributeValues: { ':one': 1, ':minusOne': -1, ':zero': 0, ':scheduled': 'scheduled' },
        },
      },
      ...effectItems(this.tableName, effects),
    ]);
    return outcome === 'done' ? 'promoted' : 'changed';
  }

  async markNoShow(communityId: string, activityId: string, memberId: string): Promise<boolean> {
    const outcome = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: keys.signup(communityId, activityId, memberId),
          UpdateExpression: 'SET noShow = :true',
          ConditionExpression: '#status = :confirmed AND attribute_not_exists(noShow)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':true': true, ':confirmed': 'confirmed' },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.member(communityId, memberId),
          UpdateExpression: 'ADD noShows :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
    return outcome === 'done';
  }

  async closeForCancelledActivity(signup: SignupRecord, at: string, effects: Effects): Promise<boolean> {
    const outcome = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: keys.signup(signup.communityId, signup.activityId, signup.memberId),
          UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, activityCancelled = :true',
          ConditionExpression: '#status IN (:confirmed, :waitlisted)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':cancelled': 'cancelled',
            ':at': at,
            ':true': true,
            ':confirmed': 'confirmed',
            ':waitlisted': 'waitlisted',
          },
        },
      },
      ...effectItems(this.tableName, effects),
    ]);
    return outcome === 'done';
  }

  async markReminded(signup: SignupRecord, which: 'day' | 'hour', effects: Effects): Promise<boolean> {
    const flag = which === 'day' ? 'remindedDayBefore' : 'remindedHourBefore';
    const outcome = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: keys.signup(signup.communityId, signup.activityId, signup.memberId),
          UpdateExpression: 'SET #flag = :true',
          ConditionExpression: '#status = :confirmed AND attribute_not_exists(#flag)',
          ExpressionAttributeNames: { '#status': 'status', '#flag': flag },
          ExpressionAttributeValues: { ':true': true, ':confirmed': 'confirmed' },
        },
      },
      ...effectItems(this.tableName, effects),
    ]);
    return outcome === 'done';
  }

  private signupItem(signup: SignupRecord): Record<string, unknown> {
    return {
      ...keys.signup(signup.communityId, signup.activityId, signup.memberId),
      ...keys.memberSignup(signup.communityId, signup.memberId, signup.activityStartsAt, signup.activityId),
      type: ENTITY.signup,
      ...signup,
    };
  }

  /** A new sign-up, or a new one over the member's cancelled one. */
  private putSignup(signup: SignupRecord): TransactionItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: this.signupItem(signup),
        ConditionExpression: 'attribute_not_exists(PK) OR #status = :cancelled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled' },
      },
    };
  }

  /** Changes one counter of the position on the activity item, while the activity is scheduled. */
  private count(
    signup: SignupRecord,
    position: string,
    field: 'confirmed' | 'waiting',
    options: { add?: number; condition?: string },
  ): TransactionItem {
    const update = `ADD ${counter(field)} :add`;
    const condition = `attribute_exists(${counter('confirmed')})${
      options.add === undefined || options.add > 0 ? ' AND #status = :scheduled' : ''
    }${options.condition ? ` AND (${options.condition})` : ''}`;
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.activity(signup.communityId, signup.activityId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: {
          '#position': position,
          ...counterNames(update, condition),
          ...(options.add === undefined || options.add > 0 ? { '#status': 'status' } : {}),
        },
        ExpressionAttributeValues: {
          ':add': options.add ?? 1,
          ...(options.add === undefined || options.add > 0 ? { ':scheduled': 'scheduled' } : {}),
          ...(options.condition?.includes(':zero') ? { ':zero': 0 } : {}),
        },
      },
    };
  }

  /** Runs a transaction: `done`, or each item's cancellation reason. */
  private async transact(items: TransactionItem[]): Promise<'done' | string[]> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'done';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      return reasons;
    }
  }
}
