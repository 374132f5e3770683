import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { MARKET_MESSAGES, TIMEBANK_MESSAGES, notificationText, type Claim } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { currentCheckinCode } from '../functions/src/domain/timebank/checkin-token';
import { ENTITY, INDEXES, attendeeShardOf, keys, type TableKey } from '../functions/src/store/keys';
import { effectItems } from '../functions/src/store/effects';
import { transferItems } from '../functions/src/store/ledger/ledger-store';
import type { Handler } from '../tests/support/events';
import { apiEvent, createCommunity, expectStatus, grantPoints, setRoles, type Person } from './fixtures';

/**
 * The hot routes of issue 7, each with what it takes to call it `iterations` times in a row
 * (fresh people, claims and stock where the call changes something) and the bare DynamoDB
 * requests its access pattern needs, issued directly with the same client, as parallel as
 * their data dependencies allow: the denominator of the overhead ratio.
 */
export interface RouteContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  iterations: number;
}

export interface PreparedRoute {
  event(iteration: number): APIGatewayProxyEventV2;
  status: number;
  bare(iteration: number): Promise<unknown>;
}

export interface HotRoute {
  name: string;
  handler: () => Promise<Handler>;
  prepare(context: RouteContext): Promise<PreparedRoute>;
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const handlerOf = (module: { handler: unknown }) => module.handler as Handler;

/** A community with a second staff member (office entries need another approver). */
async function community(context: RouteContext, residents: number) {
  const created = await createCommunity(context.client, context.tableName, { residents: residents + 1 });
  const [approver, ...rest] = created.residents as [Person, ...Person[]];
  await setRoles(context.client, context.tableName, created.cid, approver.userId, ['staff']);
  return { ...created, approver, residents: rest };
}

async function createActivity(cid: string, staff: Person, overrides: Record<string, unknown> = {}) {
  const { handler } = await import('../functions/src/http/timebank/create-activity');
  const body = {
    title: '帮老人洗澡',
    category: 'care',
    startsAt: minutesFromNow(-10),
    endsAt: minutesFromNow(120),
    ...overrides,
  };
  const event = apiEvent('POST', '/v1/communities/{cid}/activities', { cid }, { token: staff.token, body });
  return (await expectStatus(handlerOf({ handler }), event, 201)) as { id: string };
}

const get = (context: RouteContext, Key: TableKey) =>
  context.client.send(new GetCommand({ TableName: context.tableName, Key, ConsistentRead: true }));

/** A write's reads: one BatchGetItem, strongly consistent (issue 15). */
const batchGet = (context: RouteContext, Keys: TableKey[]) =>
  context.client.send(new BatchGetCommand({ RequestItems: { [context.tableName]: { Keys, ConsistentRead: true } } }));

/**
 * What every idempotent write's transaction carries besides its own items (issue 15): the
 * idempotency record with the reply, and for a rate-limited route the window's conditional ADD.
 */
function requestItems(context: RouteContext, reply: unknown, rateLimited = false) {
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    {
      Put: {
        TableName: context.tableName,
        Item: {
          ...keys.idempotency(randomUUID()),
          type: ENTITY.idempotency,
          status: 'completed',
          requestHash: randomUUID(),
          responseStatus: 200,
          responseBody: JSON.stringify(reply),
          expiresAt: Math.floor(Date.now() / 1000) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
  if (rateLimited) {
    items.push({
      Update: {
        TableName: context.tableName,
        Key: keys.rateWindow('checkin', randomUUID(), Date.now()),
        UpdateExpression: 'ADD hits :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': 30, ':expires': Math.floor(Date.now() / 1000) + 120 },
      },
    });
  }
  return items;
}

const query = (context: RouteContext, input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) =>
  context.client.send(new QueryCommand({ TableName: context.tableName, ...input }));

const me: HotRoute = {
  name: 'me',
  handler: async () => handlerOf(await import('../functions/src/http/identity/get-me')),
  prepare: async (context) => {
    const { cid, residents } = await community(context, 1);
    const resident = residents[0]!;
    await grantPoints(context.client, context.tableName, cid, [resident.userId], 5);
    const prefix = keys.memberItemsPrefix(cid, resident.userId);
    return {
      status: 200,
      event: () => apiEvent('GET', '/v1/communities/{cid}/me', { cid }, { token: resident.token }),
      bare: () =>
        Promise.all([
          context.client.send(new GetCommand({ TableName: context.tableName, Key: keys.community(cid) })),
          query(context, {
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': prefix.PK, ':prefix': prefix.SKPrefix },
            ConsistentRead: true,
          }),
        ]),
    };
  },
};

const listActivities: HotRoute = {
  name: 'activities list',
  handler: async () => handlerOf(await import('../functions/src/http/timebank/list-activities')),
  prepare: async (context) => {
    const { cid, staff, residents } = await community(context, 1);
    for (let index = 0; index < 25; index += 1) await createActivity(cid, staff, { startsAt: minutesFromNow(index) });
    const resident = residents[0]!;
    return {
      status: 200,
      event: () => apiEvent('GET', '/v1/communities/{cid}/activities', { cid }, { token: resident.token }),
      bare: async () => {
        const member = get(context, keys.member(cid, resident.userId));
        const page = query(context, {
          IndexName: INDEXES.gsi1,
          KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK >= :from',
          ExpressionAttributeValues: {
            ':partition': keys.activitiesPartition(cid),
            ':from': minutesFromNow(-7 * 1440),
          },
          Limit: 20,
        });
        return Promise.all([member, page]);
      },
    };
  },
};

const checkIn: HotRoute = {
  name: 'check-in',
  handler: async () => handlerOf(await import('../functions/src/http/timebank/create-checkin')),
  prepare: async (context) => {
    const { cid, staff, residents } = await community(context, context.iterations);
    const activity = await createActivity(cid, staff);
    const stored = await get(context, keys.activity(cid, activity.id));
    const secret = String(stored.Item?.checkinSecret);
    return {
      status: 200,
      event: (iteration) =>
        apiEvent(
          'POST',
          '/v1/communities/{cid}/checkins',
          { cid },
          {
            token: residents[iteration % residents.length]!.token,
            body: {
              activityId: activity.id,
              code: currentCheckinCode(secret, activity.id, Date.now()).code,
              direction: 'in',
            },
          },
        ),
      bare: async (iteration) => {
        const memberId = `bare-${iteration}-${randomUUID()}`;
        await batchGet(context, [
          keys.member(cid, memberId),
          keys.community(cid),
          keys.activity(cid, activity.id),
          keys.attendance(cid, activity.id, memberId),
        ]);
        return context.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: context.tableName,
                  Item: {
                    ...keys.attendance(cid, activity.id, memberId),
                    type: ENTITY.attendance,
                    communityId: cid,
                    id: `${activity.id}_${memberId}`,
                    activityId: activity.id,
                    memberId,
                    status: 'open',
                    checkedInAt: new Date().toISOString(),
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Update: {
                  TableName: context.tableName,
                  Key: keys.attendeeShard(cid, activity.id, attendeeShardOf(memberId)),
                  UpdateExpression: 'ADD attendees :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              ...requestItems(context, { attendance: { id: memberId, status: 'open' }, claim: null }, true),
            ],
          }),
        );
      },
    };
  },
};

/**
 * `count` pending office claims of 60 minutes, filed by `staff` for the residents in turn, each
 * at an activity of its own (one attendance per member and activity; an approval queue holds
 * claims of many activities).
 */
export async function pendingClaims(cid: string, staff: Person, residents: Person[], count: number) {
  const { handler } = await import('../functions/src/http/timebank/record-office-attendance');
  const claims: Claim[] = [];
  for (let start = 0; start < count; start += 16) {
    const size = Math.min(16, count - start);
    const activities = await Promise.all(Array.from({ length: size }, () => createActivity(cid, staff)));
    const batch = await Promise.all(
      activities.map((activity, offset) => {
        const member = residents[(start + offset) % residents.length]!;
        const event = apiEvent(
          'POST',
          '/v1/communities/{cid}/activities/{aid}/attendances',
          { cid, aid: activity.id },
          { token: staff.token, body: { memberId: member.userId, minutes: 60 } },
        );
        return expectStatus(handlerOf({ handler }), event, 201) as Promise<{ claim: Claim }>;
      }),
    );
    claims.push(...batch.map((reply) => reply.claim));
  }
  return claims;
}

const approve: HotRoute = {
  name: 'approve',
  handler: async () => handlerOf(await import('../functions/src/http/timebank/approve-claim')),
  prepare: async (context) => {
    const { cid, staff, approver, residents } = await community(context, 20);
    const claims = await pendingClaims(cid, staff, residents, context.iterations);
    return {
      status: 200,
      event: (iteration) =>
        apiEvent(
          'POST',
          '/v1/communities/{cid}/claims/{claimId}/approve',
          { cid, claimId: claims[iteration % claims.length]!.id },
          { token: approver.token },
        ),
      bare: async (iteration) => {
        const claim = claims[iteration % claims.length]!;
        await batchGet(context, [
          keys.member(cid, approver.userId),
          keys.community(cid),
          keys.claim(cid, claim.id),
          keys.memberAccount(cid, claim.memberId),
          keys.memberCertificate(cid, claim.memberId),
        ]);
        const createdAt = new Date().toISOString();
        const transfer = {
          communityId: cid,
          transferId: `bare:${randomUUID()}`,
          kind: 'claim' as const,
          memo: 'bare',
          postings: [
            {
              source: 'community:issuance' as const,
              destination: `member:${claim.memberId}` as const,
              amountPoints: 1,
            },
          ],
          actorId: approver.userId,
          createdAt,
        };
        const claimUpdate = {
          Update: {
            TableName: context.tableName,
            Key: keys.claim(cid, `bare-${randomUUID()}`),
            UpdateExpression: 'SET #status = :approved, decidedBy = :actor, decidedAt = :at',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':approved': 'approved', ':actor': approver.userId, ':at': createdAt },
          },
        };
        // What the approval's transaction carries besides: the activity's approved count, the audit
        // entry (with the claim before and after), the month's statistics and the member's notification.
        const activityCount = {
          Update: {
            TableName: context.tableName,
            Key: keys.activity(cid, claim.activityId),
            UpdateExpression: 'ADD approvedClaimCount :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        };
        const approved = { ...claim, status: 'approved' as const, decidedBy: approver.userId, decidedAt: createdAt };
        const effects = effectItems(context.tableName, {
          audit: {
            communityId: cid,
            action: 'claim.approve',
            objectType: 'claim',
            objectId: claim.id,
            before: claim,
            after: approved,
          },
          stats: [
            {
              communityId: cid,
              month: createdAt.slice(0, 7),
              section: 'TIMEBANK',
              add: { volunteerVisits: 1, volunteerMinutes: claim.minutes },
              addToSet: { volunteers: [claim.memberId] },
            },
          ],
          notify: [
            {
              userId: claim.memberId,
              communityId: cid,
              kind: 'claim_decided',
              ...notificationText(
                TIMEBANK_MESSAGES,
                {
                  key: 'claim.approved',
                  values: { activity: claim.activityTitle, minutes: claim.minutes, points: claim.points },
                },
                '志愿积分',
              ),
              objectType: 'claim',
              objectId: claim.id,
            },
          ],
        });
        return context.client.send(
          new TransactWriteCommand({
            TransactItems: [
              claimUpdate,
              activityCount,
              ...transferItems(context.tableName, transfer, 2).items,
              ...effects,
              ...requestItems(context, { claim: approved }),
            ],
          }),
        );
      },
    };
  },
};

async function createGood(cid: string, staff: Person, stock: number) {
  const { handler } = await import('../functions/src/http/market/create-good');
  const body = { name: '大米 5kg', pricePoints: 1, stock, valueFen: 3000 };
  const event = apiEvent('POST', '/v1/communities/{cid}/goods', { cid }, { token: staff.token, body });
  return (await expectStatus(handlerOf({ handler }), event, 201)) as { id: string };
}

const redemption: HotRoute = {
  name: 'redemption',
  handler: async () => handlerOf(await import('../functions/src/http/market/redeem')),
  prepare: async (context) => {
    const { cid, staff, residents } = await community(context, 10);
    await grantPoints(
      context.client,
      context.tableName,
      cid,
      residents.map((resident) => resident.userId),
      context.iterations * 2,
    );
    const good = await createGood(cid, staff, context.iterations * 2);
    return {
      status: 201,
      event: (iteration) =>
        apiEvent(
          'POST',
          '/v1/communities/{cid}/redemptions',
          { cid },
          { token: residents[iteration % residents.length]!.token, body: { goodId: good.id, quantity: 1 } },
        ),
      bare: async (iteration) => {
        const resident = residents[iteration % residents.length]!;
        await batchGet(context, [keys.member(cid, resident.userId), keys.good(cid, good.id)]);
        const id = `bare-${randomUUID()}`;
        const transfer = {
          communityId: cid,
          transferId: `redemption:${id}`,
          kind: 'redemption' as const,
          memo: 'bare',
          postings: [
            {
              source: `member:${resident.userId}` as const,
              destination: 'community:redemption' as const,
              amountPoints: 1,
            },
          ],
          actorId: resident.userId,
          createdAt: new Date().toISOString(),
        };
        return context.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: context.tableName,
                  Key: keys.good(cid, good.id),
                  UpdateExpression: 'ADD stock :minus',
                  ConditionExpression: 'stock >= :quantity',
                  ExpressionAttributeValues: { ':minus': -1, ':quantity': 1 },
                },
              },
              {
                Put: {
                  TableName: context.tableName,
                  Item: { ...keys.redemption(cid, id), type: ENTITY.redemption, id, goodId: good.id, quantity: 1 },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...transferItems(context.tableName, transfer, 2).items,
              ...effectItems(context.tableName, {
                stats: [
                  {
                    communityId: cid,
                    month: new Date().toISOString().slice(0, 7),
                    section: 'MARKET',
                    add: { exchanges: 1, exchangeValueFen: 3000 },
                  },
                ],
                notify: [
                  {
                    userId: resident.userId,
                    communityId: cid,
                    kind: 'redemption_ready',
                    ...notificationText(MARKET_MESSAGES, {
                      key: 'redemption.ready',
                      values: { good: '大米 5kg', pickupCode: '123456' },
                    }),
                    objectType: 'redemption',
                    objectId: id,
                  },
                ],
              }),
              ...requestItems(context, { id, goodId: good.id, quantity: 1, pickupCode: '123456', status: 'reserved' }),
            ],
          }),
        );
      },
    };
  },
};

const order: HotRoute = {
  name: 'order',
  handler: async () => handlerOf(await import('../functions/src/http/shop/create-order')),
  prepare: async (context) => {
    const { cid, staff, approver, residents } = await community(context, 10);
    const [create, approveProduct] = await Promise.all([
      import('../functions/src/http/shop/create-product'),
      import('../functions/src/http/shop/approve-product'),
    ]);
    const body = { title: '手工布鞋', description: '纯手工千层底', priceFen: 5000, stock: context.iterations * 2 };
    const product = (await expectStatus(
      handlerOf(create),
      apiEvent('POST', '/v1/communities/{cid}/products', { cid }, { token: staff.token, body }),
      201,
    )) as { id: string };
    await expectStatus(
      handlerOf(approveProduct),
      apiEvent(
        'POST',
        '/v1/communities/{cid}/products/{pid}/approve',
        { cid, pid: product.id },
        { token: approver.token },
      ),
      200,
    );
    return {
      status: 201,
      event: (iteration) =>
        apiEvent(
          'POST',
          '/v1/communities/{cid}/orders',
          { cid },
          {
            token: residents[iteration % residents.length]!.token,
            body: { items: [{ productId: product.id, quantity: 1 }] },
          },
        ),
      bare: async (iteration) => {
        const resident = residents[iteration % residents.length]!;
        await batchGet(context, [
          keys.member(cid, resident.userId),
          keys.user(resident.userId),
          keys.product(cid, product.id),
        ]);
        const id = `bare-${randomUUID()}`;
        return context.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: context.tableName,
                  Key: keys.product(cid, product.id),
                  UpdateExpression: 'ADD stock :minus',
                  ConditionExpression: 'stock >= :quantity',
                  ExpressionAttributeValues: { ':minus': -1, ':quantity': 1 },
                },
              },
              {
                Put: {
                  TableName: context.tableName,
                  // As the order is stored: in the unpaid-orders and the buyer's indexes.
                  Item: {
                    ...keys.order(cid, id),
                    GSI1PK: keys.unpaidOrdersPartition(),
                    GSI1SK: `${new Date(Date.now() + 900_000).toISOString()}#${cid}#${id}`,
                    GSI2PK: keys.buyerOrders(cid, resident.userId),
                    GSI2SK: `${new Date().toISOString()}#${id}`,
                    type: ENTITY.order,
                    id,
                    buyerId: resident.userId,
                    totalFen: 5000,
                    status: 'pending_payment',
                    lines: [{ productId: product.id, title: '手工布鞋', quantity: 1, unitPriceFen: 5000 }],
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              ...requestItems(context, { id, totalFen: 5000, status: 'pending_payment' }),
            ],
          }),
        );
      },
    };
  },
};

const fundPage: HotRoute = {
  name: 'fund page',
  handler: async () => handlerOf(await import('../functions/src/http/fund/get-fund')),
  prepare: async (context) => {
    const { cid, staff } = await community(context, 0);
    const { handler } = await import('../functions/src/http/fund/record-fund-income');
    for (let index = 0; index < 25; index += 1) {
      const body = { kind: 'donation', amountFen: 1000 + index, description: `义卖收入 ${index + 1}` };
      const event = apiEvent('POST', '/v1/communities/{cid}/fund/incomes', { cid }, { token: staff.token, body });
      await expectStatus(handlerOf({ handler }), event, 201);
    }
    const head = keys.fundHead(cid);
    return {
      status: 200,
      event: () => apiEvent('GET', '/v1/communities/{cid}/fund', { cid }),
      bare: async () => {
        return Promise.all([
          context.client.send(new GetCommand({ TableName: context.tableName, Key: keys.community(cid) })),
          query(context, {
            KeyConditionExpression: 'PK = :pk AND SK BETWEEN :head AND :last',
            ExpressionAttributeValues: { ':pk': head.PK, ':head': head.SK, ':last': `${keys.fundMonthPrefix()}~` },
          }),
          query(context, {
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': keys.fundEntriesPartition(cid) },
            ScanIndexForward: false,
            Limit: 20,
          }),
        ]);
      },
    };
  },
};

export const HOT_ROUTES: HotRoute[] = [me, listActivities, checkIn, approve, redemption, order, fundPage];
