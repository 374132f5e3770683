import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { currentCheckinCode } from '../../functions/src/domain/timebank/checkin-token';
import { handler as checkinHandler } from '../../functions/src/http/timebank/create-checkin';
import { handler as createActivityHandler } from '../../functions/src/http/timebank/create-activity';
import { handler as getActivityHandler } from '../../functions/src/http/timebank/get-activity';
import { handler as listActivitiesHandler } from '../../functions/src/http/timebank/list-activities';
import { handler as closeOpenAttendances } from '../../functions/src/jobs/close-open-attendances';
import { logger } from '../../functions/src/lib/logger';
import { setDocumentClient } from '../../functions/src/store/client';
import { keys } from '../../functions/src/store/keys';
import { apiEvent, createCommunity, expectStatus, type Person } from '../../bench/fixtures';
import { invoke, type Handler } from '../support/events';
import { tableName } from '../support/factories';

/**
 * Issue 15: a 学雷锋 day — 1,000 residents scan into one activity at once. Every check-in is
 * recorded once (a retry with the same Idempotency-Key changes nothing), the activity counts
 * 1,000, and no item is written by the transactions of all of them: an uncapped activity counts
 * on 16 shards, and its own item is written only by the check-ins that found it not yet marked
 * `attended` (the first moments). Each check-in's transaction is recorded as DynamoDB received it.
 */
const PEOPLE = 1_000;
const CONCURRENCY = 40;

type WrittenKeys = string[];

function recordingClient(endpoint: string) {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION || 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const transactions: WrittenKeys[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: string };
      if (String(request.headers?.['x-amz-target']).endsWith('.TransactWriteItems') && request.body) {
        const body = JSON.parse(request.body) as {
          TransactItems: Record<
            string,
            { Key?: Record<string, { S: string }>; Item?: Record<string, { S: string }> }
          >[];
        };
        transactions.push(
          body.TransactItems.map((item) => {
            const operation = Object.values(item)[0]!;
            const key = operation.Key ?? operation.Item!;
            return `${key.PK!.S} ${key.SK!.S}`;
          }),
        );
      }
      return next(args);
    },
    { step: 'build', name: 'linliTransactionRecorder' },
  );
  return {
    documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    transactions,
    destroy: () => client.destroy(),
  };
}

const handlerOf = (module: { handler: unknown }) => module.handler as Handler;

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('1,000 check-ins to one activity', () => {
  let recorder: ReturnType<typeof recordingClient>;

  beforeAll(() => {
    recorder = recordingClient(process.env.DYNAMODB_ENDPOINT!);
    setDocumentClient(recorder.documentClient);
    logger.setLogLevel('WARN');
  });

  afterAll(() => {
    setDocumentClient(undefined);
    recorder.destroy();
  });

  it('records each once, counts them all, and writes no item they all share', async () => {
    const table = tableName();
    const { cid, staff, residents } = await createCommunity(recorder.documentClient, table, { residents: PEOPLE });
    const body = {
      title: '学雷锋志愿服务日',
      category: 'cleaning',
      startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    };
    const activity = (await expectStatus(
      handlerOf({ handler: createActivityHandler }),
      apiEvent('POST', '/v1/communities/{cid}/activities', { cid }, { token: staff.token, body }),
      201,
    )) as { id: string };
    const stored = await recorder.documentClient.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: {
          ':pk': keys.activity(cid, activity.id).PK,
          ':sk': keys.activity(cid, activity.id).SK,
        },
      }),
    );
    const secret = String(stored.Items?.[0]?.checkinSecret);
    const events = new Map<Person, ReturnType<typeof apiEvent>>();
    for (const person of residents) {
      const code = currentCheckinCode(secret, activity.id, Date.now()).code;
      events.set(
        person,
        apiEvent(
          'POST',
          '/v1/communities/{cid}/checkins',
          { cid },
          { token: person.token, body: { activityId: activity.id, code, direction: 'in' } },
        ),
      );
    }
    recorder.transactions.length = 0;

    const statuses: number[] = [];
    const started = performance.now();
    await inBatches(residents, CONCURRENCY, async (person) => {
      statuses.push((await invoke(handlerOf({ handler: checkinHandler }), events.get(person)!)).status);
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `1,000 check-ins to one activity: ${(PEOPLE / seconds).toFixed(0)} check-ins/s ` +
        `(${seconds.toFixed(1)} s, ${CONCURRENCY} at a time, in-process over DynamoDB Local)`,
    );
    const checkinTransactions = [...recorder.transactions];

    // The app retries with the same key when a reply is lost: nothing happens twice.
    const retries = await Promise.all(
      residents.slice(0, 50).map((person) => invoke(handlerOf({ handler: checkinHandler }), events.get(person)!)),
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(PEOPLE);
    expect(retries.map((reply) => reply.status)).toEqual(Array(50).fill(200));
    const attendances = await recorder.documentClient.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': `COMMUNITY#${cid}`, ':prefix': `ATTENDANCE#${activity.id}#` },
        Select: 'COUNT',
      }),
    );
    expect(attendances.Count).toBe(PEOPLE);
    const page = await invoke(
      handlerOf({ handler: getActivityHandler }),
      apiEvent('GET', '/v1/communities/{cid}/activities/{aid}', { cid, aid: activity.id }, { token: staff.token }),
    );
    expect(page.body.attendeeCount).toBe(PEOPLE);
    // Lists show the count the scheduled job copies onto the activity (every 5 minutes).
    const listed = async () => {
      const list = await invoke(
        handlerOf({ handler: listActivitiesHandler }),
        apiEvent('GET', '/v1/communities/{cid}/activities', { cid }, { token: staff.token }),
      );
      return (list.body.items as { id: string; attendeeCount: number }[]).find((item) => item.id === activity.id);
    };
    // (Before the job the list may show any count up to 1,000: the local stack's own minute job
    // folds too, when it runs during the test.)
    await closeOpenAttendances();
    expect((await listed())?.attendeeCount).toBe(PEOPLE);

    // Which items the check-ins' transactions wrote, and how many of them wrote each.
    const writers = new Map<string, number>();
    for (const written of checkinTransactions) {
      for (const key of new Set(written)) writers.set(key, (writers.get(key) ?? 0) + 1);
    }
    const busiest = [...writers.entries()].sort(([, left], [, right]) => right - left).slice(0, 3);
    console.log(`${checkinTransactions.length} transactions sent for ${PEOPLE} check-ins`);
    console.log(`most written items: ${busiest.map(([key, count]) => `${key} ×${count}`).join(', ')}`);
    expect(checkinTransactions.length).toBeGreaterThanOrEqual(PEOPLE);
    // No item is shared by all: the busiest (a shard) takes a few times 1,000/16.
    expect(busiest[0]![1]).toBeLessThan(PEOPLE / 4);
    const activityKey = `${keys.activity(cid, activity.id).PK} ${keys.activity(cid, activity.id).SK}`;
    expect(writers.get(activityKey) ?? 0).toBeLessThan(PEOPLE / 10);
  }, 120_000);
});
