import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '@linli/shared';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { batchWrite, communityRecord, personItems, tokenFor } from '../../bench/fixtures';
import { currentCheckinCode } from '../../functions/src/domain/timebank/checkin-token';
import { handler as approveClaimHandler } from '../../functions/src/http/timebank/approve-claim';
import { handler as cancelActivityHandler } from '../../functions/src/http/timebank/cancel-activity';
import { handler as createActivityHandler } from '../../functions/src/http/timebank/create-activity';
import { handler as checkinHandler } from '../../functions/src/http/timebank/create-checkin';
import { handler as getActivityHandler } from '../../functions/src/http/timebank/get-activity';
import { handler as listActivitiesHandler } from '../../functions/src/http/timebank/list-activities';
import { handler as officeAttendanceHandler } from '../../functions/src/http/timebank/record-office-attendance';
import { handler as updateActivityHandler } from '../../functions/src/http/timebank/update-activity';
import { handler as closeOpenAttendances } from '../../functions/src/jobs/close-open-attendances';
import { logger } from '../../functions/src/lib/logger';
import { setDocumentClient } from '../../functions/src/store/client';
import { DynamoCommunityStore } from '../../functions/src/store/identity/identity-store';
import { keys } from '../../functions/src/store/keys';
import { httpEvent, lambdaContext, type Handler } from '../support/events';
import { tableName } from '../support/factories';

/**
 * Attacks on the unit of work (issue 15): the held first write, the record committed with it,
 * the read-ahead, the sharded attendee count. In-process handlers over DynamoDB Local; a client
 * with two test hooks: run something right after the request's first BatchGetItem (a race made
 * deterministic), and fail one chosen request (before sending, or after it committed).
 */

type Hooks = {
  afterBatchGet?: () => Promise<void>;
  /** Returns an error to throw for this request, `after` when it should commit first (see `times`). */
  fail?: (operation: string, input: string) => { error: Error; after?: boolean } | undefined;
};

function hookedClient(endpoint: string) {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION || 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const hooks: Hooks = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const planned = hooks.fail?.(operation, JSON.stringify(args.input));
      if (planned && !planned.after) throw planned.error;
      const result = await next(args);
      if (planned?.after) throw planned.error;
      if (operation === 'BatchGetItem' && hooks.afterBatchGet) {
        const hook = hooks.afterBatchGet;
        hooks.afterBatchGet = undefined;
        await hook();
      }
      return result;
    },
    { step: 'initialize', name: 'attackHooks', priority: 'high' },
  );
  return {
    documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    hooks,
    destroy: () => client.destroy(),
  };
}

/** A fault for the first `count` requests that `matches`. */
function times(
  count: number,
  matches: (operation: string, input: string) => boolean,
  fault: () => { error: Error; after?: boolean },
) {
  let left = count;
  return (operation: string, input: string) => {
    if (left === 0 || !matches(operation, input)) return undefined;
    left -= 1;
    return fault();
  };
}

function awsError(name: string, statusCode = 400): Error {
  const error = new Error(`injected ${name}`);
  error.name = name;
  Object.assign(error, {
    $fault: statusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: statusCode, attempts: 1, totalRetryDelay: 0 },
  });
  return error;
}

type Person = { userId: string; token: string };
type Reply = { status: number; body: Record<string, unknown>; headers: Record<string, string> };

let hooked: ReturnType<typeof hookedClient>;
const db = () => hooked.documentClient;

async function call(
  handler: unknown,
  method: string,
  route: string,
  params: Record<string, string>,
  options: { person: Person; body?: unknown; key?: string },
): Promise<Reply> {
  const path = route.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
  const event = httpEvent({
    method,
    path,
    routeKey: `${method} ${route}`,
    pathParameters: params,
    body: options.body,
    headers: {
      authorization: `Bearer ${options.person.token}`,
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
  });
  const result = (await (handler as Handler)(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode ?? 200,
    body: JSON.parse(String(result.body)) as Record<string, unknown>,
    headers: (result.headers ?? {}) as Record<string, string>,
  };
}

const code = (reply: Reply) => (reply.body.error as { code?: string } | undefined)?.code;
const key = () => `attack-${randomUUID()}`;
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** A community with certificate threshold 3 (1 point an hour, 30-minute rounding down), 3 staff, residents. */
async function community(residentCount: number) {
  const record = {
    ...communityRecord(),
    rules: {
      pointsPerHour: 1,
      certificateThresholdPoints: 3,
      fundShareBps: 2000,
      minuteRounding: { unitMinutes: 30, mode: 'down' as const },
    },
  };
  await new DynamoCommunityStore(db(), tableName()).putCommunity(record);
  const at = new Date().toISOString();
  const person = (): Person => {
    const userId = `atk${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    return { userId, token: tokenFor(userId) };
  };
  const staff = [person(), person(), person()];
  const residents = Array.from({ length: residentCount }, person);
  const roles = (roleList: Role[]) => roleList;
  await batchWrite(db(), tableName(), [
    ...staff.flatMap((one, index) => personItems(record.id, one.userId, roles(['staff']), `社工${index}`, at)),
    ...residents.flatMap((one, index) => personItems(record.id, one.userId, roles(['resident']), `居民${index}`, at)),
  ]);
  return { cid: record.id, staff, residents };
}

async function createActivity(cid: string, staff: Person, overrides: Record<string, unknown> = {}) {
  const reply = await call(
    createActivityHandler,
    'POST',
    '/v1/communities/{cid}/activities',
    { cid },
    {
      person: staff,
      body: {
        title: '清扫楼道',
        category: 'cleaning',
        startsAt: minutesFromNow(-60),
        endsAt: minutesFromNow(180),
        ...overrides,
      },
    },
  );
  expect(reply.status).toBe(201);
  return String(reply.body.id);
}

async function activityItem(cid: string, aid: string) {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keys.activity(cid, aid) }));
  return result.Item!;
}

async function checkinBody(cid: string, aid: string, direction: 'in' | 'out') {
  const secret = String((await activityItem(cid, aid)).checkinSecret);
  return { activityId: aid, code: currentCheckinCode(secret, aid, Date.now()).code, direction };
}

async function checkin(cid: string, aid: string, person: Person, direction: 'in' | 'out', idempotencyKey?: string) {
  return call(
    checkinHandler,
    'POST',
    '/v1/communities/{cid}/checkins',
    { cid },
    {
      person,
      body: await checkinBody(cid, aid, direction),
      key: idempotencyKey,
    },
  );
}

async function officeClaim(cid: string, aid: string, staff: Person, memberId: string, minutes: number) {
  const reply = await call(
    officeAttendanceHandler,
    'POST',
    '/v1/communities/{cid}/activities/{aid}/attendances',
    { cid, aid },
    { person: staff, body: { memberId, minutes }, key: key() },
  );
  expect(reply.status).toBe(201);
  return String((reply.body.claim as { id: string }).id);
}

const approve = (cid: string, claimId: string, staff: Person, idempotencyKey?: string) =>
  call(
    approveClaimHandler,
    'POST',
    '/v1/communities/{cid}/claims/{claimId}/approve',
    { cid, claimId },
    {
      person: staff,
      key: idempotencyKey,
    },
  );

const patchActivity = (cid: string, aid: string, staff: Person, body: Record<string, unknown>) =>
  call(
    updateActivityHandler,
    'PATCH',
    '/v1/communities/{cid}/activities/{aid}',
    { cid, aid },
    {
      person: staff,
      body,
      key: key(),
    },
  );

const liveCount = async (cid: string, aid: string, person: Person) =>
  (await call(getActivityHandler, 'GET', '/v1/communities/{cid}/activities/{aid}', { cid, aid }, { person })).body
    .attendeeCount;

async function attendancesOf(cid: string, aid: string) {
  const result = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `COMMUNITY#${cid}`, ':prefix': `ATTENDANCE#${aid}#` },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function item(key: { PK: string; SK: string }) {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;
}

describe('attacks on the unit of work', () => {
  beforeAll(() => {
    hooked = hookedClient(process.env.DYNAMODB_ENDPOINT!);
    setDocumentClient(hooked.documentClient);
    logger.setLogLevel('SILENT');
  });

  afterEach(() => {
    hooked.hooks.afterBatchGet = undefined;
    hooked.hooks.fail = undefined;
  });

  afterAll(() => {
    setDocumentClient(undefined);
    hooked.destroy();
    logger.setLogLevel('INFO');
  });

  // Runs first: the route has not yet learned to start direct (`directRoutes` in http/route.ts).
  it('an approval retried under a new Idempotency-Key finishes the certificate its first attempt left out (a held write is not dropped when the use case then refuses)', async () => {
    const { cid, staff, residents } = await community(1);
    const [officeStaff, approver, otherStaff] = staff as [Person, Person, Person];
    const resident = residents[0]!;
    const aid = await createActivity(cid, officeStaff);
    const claimId = await officeClaim(cid, aid, officeStaff, resident.userId, 180); // 3 points = the threshold

    // The approval pays; issuing the certificate right after it is throttled.
    hooked.hooks.fail = times(
      1,
      (operation, input) => operation === 'TransactWriteItems' && input.includes('#CERTIFICATE'),
      () => ({ error: awsError('ThrottlingException') }),
    );
    const first = await approve(cid, claimId, approver, key());
    expect(first.status).toBe(503);
    expect((await item(keys.claim(cid, claimId)))?.status).toBe('approved');
    expect(await item(keys.memberCertificate(cid, resident.userId))).toBeUndefined();

    // Another staff member presses approve (the app makes a new key): "already decided", and the
    // approval path promises to finish the certificate of an approved claim.
    const second = await approve(cid, claimId, otherStaff, key());
    expect(second.status).toBe(409);
    expect(code(second)).toBe('claim.already_decided');
    expect((await item(keys.memberCertificate(cid, resident.userId)))?.status).toBe('active');
  });

  it('a check-in that races the cancellation of an already-attended activity is refused (no open attendance left on a settled, cancelled activity)', async () => {
    const { cid, staff, residents } = await community(2);
    const [first, late] = residents as [Person, Person];
    const aid = await createActivity(cid, staff[0]!);
    expect((await checkin(cid, aid, first, 'in', key())).status).toBe(200);
    expect((await activityItem(cid, aid)).attended).toBe(true);

    const body = await checkinBody(cid, aid, 'in');
    // Right after the late check-in has read the activity (scheduled), staff cancel it (and it settles).
    hooked.hooks.afterBatchGet = async () => {
      const cancelled = await call(
        cancelActivityHandler,
        'POST',
        '/v1/communities/{cid}/activities/{aid}/cancel',
        {
          cid,
          aid,
        },
        { person: staff[0]! },
      );
      expect(cancelled.status).toBe(200);
    };
    const reply = await call(
      checkinHandler,
      'POST',
      '/v1/communities/{cid}/checkins',
      { cid },
      {
        person: late,
        body,
        key: key(),
      },
    );
    expect((await activityItem(cid, aid)).status).toBe('cancelled');
    const open = (await attendancesOf(cid, aid)).filter((attendance) => attendance.status === 'open');
    expect({ status: reply.status, code: code(reply), open: open.length }).toEqual({
      status: 409,
      code: 'activity.cancelled',
      open: 0,
    });
  });

  it('a check-in racing an edit that moves the start later is refused, or the edit is (no attendance before the activity starts)', async () => {
    const { cid, staff, residents } = await community(1);
    const aid = await createActivity(cid, staff[0]!, { graceMinutes: 0 });
    const body = await checkinBody(cid, aid, 'in');
    let edit: Reply | undefined;
    hooked.hooks.afterBatchGet = async () => {
      edit = await patchActivity(cid, aid, staff[0]!, { startsAt: minutesFromNow(60) });
    };
    const reply = await call(
      checkinHandler,
      'POST',
      '/v1/communities/{cid}/checkins',
      { cid },
      {
        person: residents[0]!,
        body,
        key: key(),
      },
    );
    const activity = await activityItem(cid, aid);
    const attendances = await attendancesOf(cid, aid);
    const outside = attendances.filter(
      (attendance) =>
        Date.parse(String(attendance.checkedInAt)) <
        Date.parse(String(activity.startsAt)) - Number(activity.graceMinutes ?? 0) * 60_000,
    );
    expect({ checkin: reply.status, edit: edit?.status, outsideWindow: outside.length }).toEqual(
      expect.objectContaining({ outsideWindow: 0 }),
    );
  });

  it('two approvals of one member near the threshold (interleaved) give the certificate exactly once and pay both', async () => {
    const { cid, staff, residents } = await community(1);
    const [officeStaff, approverA, approverB] = staff as [Person, Person, Person];
    const resident = residents[0]!;
    const aid = await createActivity(cid, officeStaff);
    const aid2 = await createActivity(cid, officeStaff);
    const claimA = await officeClaim(cid, aid, officeStaff, resident.userId, 120); // 2 points
    const claimB = await officeClaim(cid, aid2, officeStaff, resident.userId, 120); // 2 points
    let second: Reply | undefined;
    // A reads the account (0 earned), then B approves completely, then A writes.
    hooked.hooks.afterBatchGet = async () => {
      second = await approve(cid, claimB, approverB, key());
    };
    const first = await approve(cid, claimA, approverA, key());
    expect([first.status, second?.status]).toEqual([200, 200]);
    const account = await item(keys.memberAccount(cid, resident.userId));
    expect(Number(account?.earnedPoints)).toBe(4);
    expect(Number(account?.balancePoints)).toBe(4);
    expect((await item(keys.memberCertificate(cid, resident.userId)))?.status).toBe('active');
  });

  it('the same Idempotency-Key from two phones at once checks in once; a changed body is 422; check-in/out replays return their own replies', async () => {
    const { cid, staff, residents } = await community(1);
    const resident = residents[0]!;
    const aid = await createActivity(cid, staff[0]!);
    const inKey = key();
    const body = await checkinBody(cid, aid, 'in');
    const send = (payload: unknown, idempotencyKey: string) =>
      call(
        checkinHandler,
        'POST',
        '/v1/communities/{cid}/checkins',
        { cid },
        {
          person: resident,
          body: payload,
          key: idempotencyKey,
        },
      );
    const [one, two] = await Promise.all([send(body, inKey), send(body, inKey)]);
    expect([one.status, two.status].sort()).toEqual([one.status, two.status].includes(409) ? [200, 409] : [200, 200]);
    if (two.status === 409) expect(code(two)).toBe('idempotency.in_progress');
    if (one.status === 409) expect(code(one)).toBe('idempotency.in_progress');
    expect(await attendancesOf(cid, aid)).toHaveLength(1);
    expect(await liveCount(cid, aid, resident)).toBe(1);

    const reused = await send({ ...body, direction: 'out' }, inKey);
    expect(reused.status).toBe(422);
    expect(code(reused)).toBe('idempotency.key_reused');

    const outKey = key();
    const out = await send(await checkinBody(cid, aid, 'out'), outKey);
    expect(out.status).toBe(200);
    const claim = out.body.claim as { id: string };
    expect(claim?.id).toBeDefined();

    const replayIn = await send(body, inKey);
    expect(replayIn.status).toBe(200);
    expect(replayIn.headers['idempotent-replayed']).toBe('true');
    expect((replayIn.body.attendance as { status: string }).status).toBe('open');
    const again = await send(await checkinBody(cid, aid, 'out'), key());
    expect(again.status).toBe(200);
    expect(again.body.claim).toBeNull();
    const attendances = await attendancesOf(cid, aid);
    expect(attendances).toHaveLength(1);
    expect(attendances[0]!.status).toBe('closed');
    expect(await liveCount(cid, aid, resident)).toBe(1);
  });

  it('a check-in whose deferred commit and direct rerun are throttled, retried with the same key, counts once', async () => {
    const { cid, staff, residents } = await community(1);
    const resident = residents[0]!;
    const aid = await createActivity(cid, staff[0]!);
    const sameKey = key();
    // The deferred commit, then the direct rerun's write.
    hooked.hooks.fail = times(
      2,
      (operation) => operation === 'TransactWriteItems',
      () => ({
        error: awsError('ThrottlingException'),
      }),
    );
    const body = await checkinBody(cid, aid, 'in');
    const send = () =>
      call(checkinHandler, 'POST', '/v1/communities/{cid}/checkins', { cid }, { person: resident, body, key: sameKey });
    const first = await send();
    expect(first.status).toBe(503);
    hooked.hooks.fail = undefined;
    const second = await send();
    expect(second.status).toBe(200);
    expect(await attendancesOf(cid, aid)).toHaveLength(1);
    expect(await liveCount(cid, aid, resident)).toBe(1);
  });

  it('a check-in whose commit acknowledgement is lost is answered from its record on the rerun, counted once', async () => {
    const { cid, staff, residents } = await community(1);
    const resident = residents[0]!;
    const aid = await createActivity(cid, staff[0]!);
    const sameKey = key();
    hooked.hooks.fail = times(
      1,
      (operation) => operation === 'TransactWriteItems',
      () => ({
        error: awsError('TimeoutError', 500),
        after: true,
      }),
    );
    const reply = await checkin(cid, aid, resident, 'in', sameKey);
    expect(reply.status).toBe(200);
    const replay = await checkin(cid, aid, resident, 'in', sameKey);
    expect(replay.status).toBe(200);
    expect(await attendancesOf(cid, aid)).toHaveLength(1);
    expect(await liveCount(cid, aid, resident)).toBe(1);
  });

  it('a capacity set while the first check-in is in flight is honoured: counted once, on the item, then full', async () => {
    const { cid, staff, residents } = await community(2);
    const [first, second] = residents as [Person, Person];
    const aid = await createActivity(cid, staff[0]!);
    let edit: Reply | undefined;
    const body = await checkinBody(cid, aid, 'in');
    hooked.hooks.afterBatchGet = async () => {
      edit = await patchActivity(cid, aid, staff[0]!, { capacity: 1 });
    };
    const reply = await call(
      checkinHandler,
      'POST',
      '/v1/communities/{cid}/checkins',
      { cid },
      {
        person: first,
        body,
        key: key(),
      },
    );
    expect(edit?.status).toBe(200);
    expect(reply.status).toBe(200);
    const full = await checkin(cid, aid, second, 'in', key());
    expect(full.status).toBe(409);
    expect(code(full)).toBe('checkin.capacity_full');
    expect(await liveCount(cid, aid, first)).toBe(1);
    expect(await attendancesOf(cid, aid)).toHaveLength(1);
  });

  it('an attended uncapped activity cannot be given a capacity or a narrower window; it may widen; live, office and folded counts agree', async () => {
    const { cid, staff, residents } = await community(3);
    const [a, b, c] = residents as [Person, Person, Person];
    const aid = await createActivity(cid, staff[0]!);
    expect((await checkin(cid, aid, a, 'in', key())).status).toBe(200);
    expect((await checkin(cid, aid, b, 'in')).status).toBe(200); // no key: rate limit alone makes the unit
    const capacity = await patchActivity(cid, aid, staff[0]!, { capacity: 50 });
    expect(capacity.status).toBe(409);
    const current = await activityItem(cid, aid);
    const narrower = await patchActivity(cid, aid, staff[0]!, {
      startsAt: new Date(Date.parse(String(current.startsAt)) + 30 * 60_000).toISOString(),
    });
    expect(narrower.status).toBe(409);
    const wider = await patchActivity(cid, aid, staff[0]!, {
      endsAt: new Date(Date.parse(String(current.endsAt)) + 30 * 60_000).toISOString(),
    });
    expect(wider.status).toBe(200);
    await officeClaim(cid, aid, staff[1]!, c.userId, 60);
    expect(await liveCount(cid, aid, a)).toBe(3);
    await closeOpenAttendances();
    const list = await call(listActivitiesHandler, 'GET', '/v1/communities/{cid}/activities', { cid }, { person: a });
    const listed = (list.body.items as { id: string; attendeeCount: number }[]).find((one) => one.id === aid);
    expect(listed?.attendeeCount).toBe(3);
    // A double-tap after the fold changes nothing.
    expect((await checkin(cid, aid, a, 'in', key())).status).toBe(200);
    expect(await liveCount(cid, aid, a)).toBe(3);
  });

  it('the edited activity returned by PATCH counts the scan check-ins on its shards (not 0)', async () => {
    const { cid, staff, residents } = await community(2);
    const aid = await createActivity(cid, staff[0]!);
    for (const resident of residents) expect((await checkin(cid, aid, resident, 'in', key())).status).toBe(200);
    expect(await liveCount(cid, aid, residents[0]!)).toBe(2);
    const edited = await patchActivity(cid, aid, staff[0]!, { title: '清扫楼道（加时）' });
    expect(edited.status).toBe(200);
    expect(edited.body.attendeeCount).toBe(2);
  });

  it('a transaction conflict on the rate window (same member, two requests at once) is never a 500 on the direct rerun', async () => {
    const { cid, staff, residents } = await community(1);
    const aid = await createActivity(cid, staff[0]!);
    const conflictOnLastItem = (input: string) => {
      const items = (JSON.parse(input) as { TransactItems?: unknown[] }).TransactItems ?? [];
      const error = awsError('TransactionCanceledException');
      Object.assign(error, {
        CancellationReasons: items.map((_, index) =>
          index === items.length - 1 ? { Code: 'TransactionConflict', Message: 'injected' } : { Code: 'None' },
        ),
      });
      return { error };
    };
    // The deferred commit, then the direct rerun's first write: both conflict on the window's ADD.
    let calls = 0;
    hooked.hooks.fail = (operation, input) =>
      operation === 'TransactWriteItems' && calls++ < 2 ? conflictOnLastItem(input) : undefined;
    const reply = await checkin(cid, aid, residents[0]!, 'in', key());
    expect(reply.status).not.toBe(500);
    expect([200, 503]).toContain(reply.status);
  });

  it('a check-in already answered is answered again from its record even once the rate window is full', async () => {
    const { cid, staff, residents } = await community(1);
    const resident = residents[0]!;
    const aid = await createActivity(cid, staff[0]!);
    const previous = process.env.RATE_LIMITS;
    process.env.RATE_LIMITS = JSON.stringify({ checkin: { limit: 2 } });
    try {
      const send = (payload: unknown, idempotencyKey: string) =>
        call(
          checkinHandler,
          'POST',
          '/v1/communities/{cid}/checkins',
          { cid },
          {
            person: resident,
            body: payload,
            key: idempotencyKey,
          },
        );
      const inKey = key();
      const body = await checkinBody(cid, aid, 'in');
      expect((await send(body, inKey)).status).toBe(200);
      // A wrong code counts against the window too: now it is full.
      expect((await send({ ...body, code: '000000' }, key())).status).toBeGreaterThanOrEqual(400);
      expect((await send(body, key())).status).toBe(429);

      const replay = await send(body, inKey);

      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    } finally {
      if (previous === undefined) delete process.env.RATE_LIMITS;
      else process.env.RATE_LIMITS = previous;
    }
  });
});
