import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { currentCheckinCode } from '../functions/src/domain/timebank/checkin-token';
import { ATTENDEE_SHARDS, keys } from '../functions/src/store/keys';
import { invoke, type Handler } from '../tests/support/events';
import { apiEvent, createCommunity, expectStatus, grantPoints, setRoles, type Person } from './fixtures';
import { pendingClaims } from './routes';
import type { BenchStack } from './stack';
import { now, pool } from './timing';

export interface ThroughputResult {
  scenario: string;
  requests: number;
  concurrency: number;
  seconds: number;
  operationsPerSecond: number;
  /** Reply status → count. */
  statuses: Record<string, number>;
  expectedEffects: number;
  recordedEffects: number;
  lost: number;
  duplicated: number;
}

const handlerOf = (module: { handler: unknown }) => module.handler as Handler;

async function burst(events: (() => ReturnType<typeof apiEvent>)[], handler: Handler, concurrency: number) {
  const started = now();
  const replies = await pool(
    events.map((event) => () => invoke(handler, event()).catch(() => ({ status: 0, body: {} }))),
    concurrency,
  );
  const seconds = (now() - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const reply of replies) statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
  return { seconds, statuses, replies };
}

/** Counts items of a partition with a sort-key prefix, all pages. */
async function countItems(stack: BenchStack, partition: string, prefix: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.client.documentClient.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        Select: 'COUNT',
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

async function getNumber(stack: BenchStack, key: { PK: string; SK: string }, attribute: string): Promise<number> {
  const result = await stack.client.documentClient.send(
    new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }),
  );
  return Number(result.Item?.[attribute] ?? 0);
}

/** Every resident scans the live code once, one in ten twice (a double tap): one attendance each. */
async function checkins(stack: BenchStack, residentCount: number, concurrency: number): Promise<ThroughputResult> {
  const client = stack.client.documentClient;
  const { cid, staff, residents } = await createCommunity(client, stack.tableName, { residents: residentCount });
  const create = handlerOf(await import('../functions/src/http/timebank/create-activity'));
  const body = {
    title: '社区大扫除',
    category: 'cleaning',
    startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 120 * 60_000).toISOString(),
  };
  const activity = (await expectStatus(
    create,
    apiEvent('POST', '/v1/communities/{cid}/activities', { cid }, { token: staff.token, body }),
    201,
  )) as { id: string };
  const secret = await client
    .send(new GetCommand({ TableName: stack.tableName, Key: keys.activity(cid, activity.id), ConsistentRead: true }))
    .then((result) => String(result.Item?.checkinSecret));
  const scanners: Person[] = [...residents, ...residents.filter((_, index) => index % 10 === 0)];
  const handler = handlerOf(await import('../functions/src/http/timebank/create-checkin'));
  const { seconds, statuses } = await burst(
    scanners.map((resident) => () => {
      const code = currentCheckinCode(secret, activity.id, Date.now()).code;
      return apiEvent(
        'POST',
        '/v1/communities/{cid}/checkins',
        { cid },
        { token: resident.token, body: { activityId: activity.id, code, direction: 'in' } },
      );
    }),
    handler,
    concurrency,
  );
  const recorded = await countItems(stack, keys.activity(cid, activity.id).PK, keys.attendancesPrefix(activity.id));
  // An uncapped activity counts its attendees on shards (issue 15): the item plus the shards' sum.
  let counted = await getNumber(stack, keys.activity(cid, activity.id), 'attendeeCount');
  for (let shard = 0; shard < ATTENDEE_SHARDS; shard += 1) {
    counted += await getNumber(stack, keys.attendeeShard(cid, activity.id, shard), 'attendees');
  }
  return {
    scenario: `check-in: ${residentCount} residents, one activity (+${scanners.length - residentCount} double scans)`,
    requests: scanners.length,
    concurrency,
    seconds,
    operationsPerSecond: scanners.length / seconds,
    statuses,
    expectedEffects: residentCount,
    recordedEffects: recorded,
    lost: Math.max(0, residentCount - recorded),
    duplicated: Math.max(0, recorded - residentCount) + Math.abs(counted - recorded),
  };
}

/**
 * 报名 race (issue 17): every resident signs up at once for an activity with fewer places; one in
 * ten taps twice. Exactly `places` confirmed, everyone else waitlisted once, the activity's counters
 * equal to the sign-up items: `duplicated` counts any place given past capacity or a counter off.
 */
async function signups(stack: BenchStack, residentCount: number, concurrency: number): Promise<ThroughputResult> {
  const client = stack.client.documentClient;
  const { cid, staff, residents } = await createCommunity(client, stack.tableName, { residents: residentCount });
  const places = Math.max(1, Math.floor(residentCount / 10));
  const create = handlerOf(await import('../functions/src/http/timebank/create-activity'));
  const body = {
    title: '助老做饭',
    category: 'cooking',
    startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    endsAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
    capacity: places,
  };
  const activity = (await expectStatus(
    create,
    apiEvent('POST', '/v1/communities/{cid}/activities', { cid }, { token: staff.token, body }),
    201,
  )) as { id: string };
  const tappers: Person[] = [...residents, ...residents.filter((_, index) => index % 10 === 0)];
  const handler = handlerOf(await import('../functions/src/http/timebank/sign-up'));
  const { seconds, statuses } = await burst(
    tappers.map(
      (resident) => () =>
        apiEvent(
          'POST',
          '/v1/communities/{cid}/activities/{aid}/signups',
          { cid, aid: activity.id },
          { token: resident.token, body: {} },
        ),
    ),
    handler,
    concurrency,
  );
  const items = await client.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.activity(cid, activity.id).PK, ':prefix': `SIGNUP#${activity.id}#` },
      ConsistentRead: true,
    }),
  );
  const confirmed = (items.Items ?? []).filter((item) => item.status === 'confirmed').length;
  const recorded = items.Items?.length ?? 0;
  const counts = await client.send(
    new GetCommand({ TableName: stack.tableName, Key: keys.activity(cid, activity.id), ConsistentRead: true }),
  );
  const whole = (counts.Item?.signupCounts as Record<string, { confirmed: number; waiting: number }>)?.all;
  const countersOff =
    Math.abs(Number(whole?.confirmed) - confirmed) + Math.abs(Number(whole?.waiting) - (recorded - confirmed));
  return {
    scenario: `sign-up: ${residentCount} residents for ${places} places at once (+${tappers.length - residentCount} double taps)`,
    requests: tappers.length,
    concurrency,
    seconds,
    operationsPerSecond: tappers.length / seconds,
    statuses,
    expectedEffects: residentCount,
    recordedEffects: recorded,
    lost: Math.max(0, residentCount - recorded),
    duplicated: Math.max(0, confirmed - places) + Math.max(0, recorded - residentCount) + countersOff,
  };
}

/** Two staff members approve the same queue at once: each claim paid exactly once. */
async function approvals(stack: BenchStack, claimCount: number, concurrency: number): Promise<ThroughputResult> {
  const client = stack.client.documentClient;
  const created = await createCommunity(client, stack.tableName, { residents: 52 });
  const [approver, secondApprover, ...residents] = created.residents as [Person, Person, ...Person[]];
  const admin = created.staff;
  for (const person of [approver, secondApprover]) {
    await setRoles(client, stack.tableName, created.cid, person.userId, ['staff']);
  }
  const claims = await pendingClaims(created.cid, admin, residents, claimCount);
  const handler = handlerOf(await import('../functions/src/http/timebank/approve-claim'));
  const requests = [
    ...claims.map((claim) => ({ claim, token: approver.token })),
    ...claims.filter((_, index) => index % 4 === 0).map((claim) => ({ claim, token: secondApprover.token })),
  ];
  const { seconds, statuses } = await burst(
    requests.map(
      ({ claim, token }) =>
        () =>
          apiEvent(
            'POST',
            '/v1/communities/{cid}/claims/{claimId}/approve',
            { cid: created.cid, claimId: claim.id },
            { token },
          ),
    ),
    handler,
    concurrency,
  );
  const issued = -(await getNumber(stack, keys.account(created.cid, 'community:issuance'), 'balancePoints'));
  const transfers = await countItems(stack, `COMMUNITY#${created.cid}`, 'TRANSFER#claim:');
  const approved = (
    await Promise.all(
      claims.map((claim) =>
        client
          .send(
            new GetCommand({
              TableName: stack.tableName,
              Key: keys.claim(created.cid, claim.id),
              ConsistentRead: true,
            }),
          )
          .then((result) => result.Item?.status === 'approved'),
      ),
    )
  ).filter(Boolean).length;
  return {
    scenario: `approve: ${claimCount} claims (+${requests.length - claimCount} by a 2nd staff member)`,
    requests: requests.length,
    concurrency,
    seconds,
    operationsPerSecond: requests.length / seconds,
    statuses,
    expectedEffects: claimCount,
    recordedEffects: transfers,
    lost: Math.max(0, claimCount - Math.min(approved, transfers)),
    duplicated: Math.max(0, transfers - claimCount) + Math.abs(issued - transfers) + Math.abs(approved - transfers),
  };
}

/** More residents than stock redeem the same good at once: exactly `stock` redemptions, points moved once each. */
async function redemptions(stack: BenchStack, residentCount: number, concurrency: number): Promise<ThroughputResult> {
  const client = stack.client.documentClient;
  const { cid, staff, residents } = await createCommunity(client, stack.tableName, { residents: residentCount });
  const stock = Math.floor(residentCount / 2);
  const pricePoints = 2;
  await grantPoints(
    client,
    stack.tableName,
    cid,
    residents.map((resident) => resident.userId),
    10,
  );
  const createGood = handlerOf(await import('../functions/src/http/market/create-good'));
  const good = (await expectStatus(
    createGood,
    apiEvent(
      'POST',
      '/v1/communities/{cid}/goods',
      { cid },
      { token: staff.token, body: { name: '食用油 1L', pricePoints, stock, valueFen: 2500 } },
    ),
    201,
  )) as { id: string };
  const handler = handlerOf(await import('../functions/src/http/market/redeem'));
  const { seconds, statuses } = await burst(
    residents.map(
      (resident) => () =>
        apiEvent(
          'POST',
          '/v1/communities/{cid}/redemptions',
          { cid },
          { token: resident.token, body: { goodId: good.id, quantity: 1 } },
        ),
    ),
    handler,
    concurrency,
  );
  const left = await getNumber(stack, keys.good(cid, good.id), 'stock');
  const collected = await getNumber(stack, keys.account(cid, 'community:redemption'), 'balancePoints');
  const succeeded = statuses['201'] ?? 0;
  const soldOut = stock - left;
  return {
    scenario: `redeem: ${residentCount} residents, ${stock} in stock`,
    requests: residentCount,
    concurrency,
    seconds,
    operationsPerSecond: residentCount / seconds,
    statuses,
    expectedEffects: stock,
    recordedEffects: soldOut,
    lost: Math.max(0, succeeded - soldOut) + Math.max(0, stock - soldOut),
    duplicated: Math.max(0, soldOut - succeeded) + Math.abs(collected - soldOut * pricePoints) / pricePoints,
  };
}

export async function measureThroughput(
  stack: BenchStack,
  sizes: { checkins: number; approvals: number; redemptions: number; signups: number; concurrency: number },
): Promise<ThroughputResult[]> {
  return [
    await checkins(stack, sizes.checkins, sizes.concurrency),
    await signups(stack, sizes.signups, sizes.concurrency),
    await approvals(stack, sizes.approvals, sizes.concurrency),
    await redemptions(stack, sizes.redemptions, sizes.concurrency),
  ];
}
