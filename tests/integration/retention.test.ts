import { createHash, randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { runInScope } from '../../functions/src/lib/request-scope';
import { getDocumentClient } from '../../functions/src/store/client';
import { applyRetention, backfillNotificationKeys } from '../../functions/src/domain/office/retention';
import { handler as applyRetentionJob } from '../../functions/src/jobs/apply-retention';
import { effectItems } from '../../functions/src/store/effects';
import { DynamoUserStore } from '../../functions/src/store/identity/identity-store';
import { DynamoImageStore } from '../../functions/src/store/media/image-store';
import { keys, type TableKey } from '../../functions/src/store/keys';
import { consumeRateLimit } from '../../functions/src/store/rate-limit';
import { DynamoRetentionStore } from '../../functions/src/store/retention-store';
import { UnitOfWork } from '../../functions/src/store/unit-of-work';
import { documentClient } from '../support/api';
import { tableName } from '../support/factories';

/** An injected clock, nowhere near today: nothing here depends on the date the suite runs on. */
const NOW = Date.parse('2031-03-10T04:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const exists = async (key: TableKey) =>
  Boolean((await documentClient().send(new GetCommand({ TableName: tableName(), Key: key }))).Item);

async function loginCode(at: number): Promise<TableKey> {
  const hash = `retention-${randomUUID()}`;
  const users = new DynamoUserStore(documentClient(), tableName());
  expect(await users.claimLoginCode(hash, new Date(at))).toBe(true);
  return keys.loginCode(hash);
}

async function rateWindow(at: number): Promise<TableKey> {
  const subject = `retention-${randomUUID()}`;
  await consumeRateLimit(documentClient(), tableName(), 'login', subject, at);
  return keys.rateWindow('login', subject, at - (at % MINUTE));
}

/** An idempotent request's record and its user's check-in window, written as a request writes them. */
async function idempotentRequest(at: number): Promise<{ record: TableKey; window: TableKey }> {
  const key = `retention-${randomUUID()}`;
  const userId = `retention-${randomUUID()}`;
  const work = new UnitOfWork({
    client: documentClient(),
    tableName: tableName(),
    idempotency: { scope: `user:${userId} POST /v1/x`, key, requestBody: '{}' },
    rateLimit: { name: 'checkin', subject: userId },
    now: () => at,
  });
  // the use case's one write, in the same transaction as the record and the window
  const written = { PK: `RETENTION-TEST#${randomUUID()}`, SK: 'ITEM' };
  await work.perform(
    () =>
      runInScope({ requestId: randomUUID(), actorId: userId, work }, async () => {
        await getDocumentClient().send(new PutCommand({ TableName: tableName(), Item: written }));
        return 'done';
      }),
    () => ({ statusCode: 200, body: '"done"' }),
  );
  const scopeHash = createHash('sha256').update(`user:${userId} POST /v1/x\n${key}`).digest('hex');
  return { record: keys.idempotency(scopeHash), window: keys.rateWindow('checkin', userId, at - (at % MINUTE)) };
}

async function uploadCounter(at: number): Promise<{ counter: TableKey; image: TableKey }> {
  const communityId = `retention-${randomUUID().slice(0, 8)}`;
  const uploadedBy = `retention-${randomUUID()}`;
  const image = {
    id: `img_${randomUUID().replace(/-/g, '')}`,
    communityId,
    purpose: 'fund_receipt' as const,
    contentType: 'image/png' as const,
    declaredBytes: 1000,
    uploadedBy,
    status: 'uploading' as const,
    createdAt: new Date(at).toISOString(),
  };
  expect(await new DynamoImageStore(documentClient(), tableName()).createImage(image as never, 30)).toBe(true);
  return {
    counter: keys.imageUploadsOfHour(communityId, uploadedBy, image.createdAt.slice(0, 13)),
    image: keys.image(communityId, image.id),
  };
}

async function notification(at: number): Promise<TableKey> {
  const userId = `retention-${randomUUID()}`;
  const items = effectItems(
    tableName(),
    {
      notify: [
        { userId, communityId: 'retention', kind: 'claim_approved', title: '服务时长已确认', body: '2 小时' } as never,
      ],
    },
    new Date(at),
  );
  await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
  const put = items.find((item) => item.Put)!.Put!;
  return { PK: String(put.Item!.PK), SK: String(put.Item!.SK) };
}

describe('retention (issue 20 item 7)', () => {
  it('removes exactly the items whose time is up at the injected clock, by Queries of their removal buckets', async () => {
    // Prepare: of each kind, one past its retention at NOW and one not yet.
    const expired = {
      loginCode: await loginCode(NOW - 20 * MINUTE), // valid 15 minutes
      rateWindow: await rateWindow(NOW - 10 * MINUTE), // a minute's window, kept a minute more
      idempotency: await idempotentRequest(NOW - 25 * HOUR), // 24 hours
      uploads: await uploadCounter(NOW - 3 * HOUR), // 2 hours
      notification: await notification(NOW - 181 * DAY), // 180 days
    };
    const current = {
      loginCode: await loginCode(NOW - 5 * MINUTE),
      rateWindow: await rateWindow(NOW - 30_000),
      idempotency: await idempotentRequest(NOW - 23 * HOUR),
      uploads: await uploadCounter(NOW - 30 * MINUTE),
      notification: await notification(NOW - 179 * DAY),
    };
    const keysOf = (set: typeof expired) => [
      set.loginCode,
      set.rateWindow,
      set.idempotency.record,
      set.uploads.counter,
      set.notification,
    ];
    // a check-in window lasts a minute: the one counted with the request of 23 hours ago is over too
    const over = [...keysOf(expired), expired.idempotency.window, current.idempotency.window];
    for (const key of [...over, ...keysOf(current)])
      expect({ key, exists: await exists(key) }).toEqual({ key, exists: true });

    // Act
    const report = await applyRetentionJob({ now: new Date(NOW).toISOString() });

    // Assess: the expired ones are gone, the others and the photos' own records are still there.
    for (const key of over) expect({ key, exists: await exists(key) }).toEqual({ key, exists: false });
    for (const key of keysOf(current)) expect({ key, exists: await exists(key) }).toEqual({ key, exists: true });
    expect(await exists(expired.uploads.image)).toBe(true);
    expect(report.removed).toEqual({
      LoginCode: 1,
      RateWindow: 3,
      Idempotency: 1,
      ImageUploads: 1,
      Notification: 1,
    });
    expect(report.bounded).toBe(false);

    // Idempotent: a second run at the same time finds nothing more.
    expect((await applyRetentionJob({ now: new Date(NOW).toISOString() })).removed).toEqual({});

    // …12 hours later the rest of the short-lived ones have had their time; the notification a day later.
    const later = await applyRetentionJob({ now: new Date(NOW + 12 * HOUR).toISOString() });
    expect(later.removed).toEqual({ LoginCode: 1, RateWindow: 1, Idempotency: 1, ImageUploads: 1 });
    expect(await exists(current.notification)).toBe(true);
    const dayLater = await applyRetentionJob({ now: new Date(NOW + DAY).toISOString() });
    expect(dayLater.removed).toEqual({ Notification: 1 });
    expect(await exists(current.notification)).toBe(false);
  });

  it('stops at its bound per run; the next run takes the rest', async () => {
    const at = NOW + 100 * DAY; // out of reach of the other tests' buckets (40 days back)
    const codes = await Promise.all(Array.from({ length: 5 }, () => loginCode(at - HOUR)));
    const store = new DynamoRetentionStore(documentClient(), tableName());

    const first = await applyRetention(store, { now: new Date(at), maxRemovals: 3 });
    const second = await applyRetention(store, { now: new Date(at), maxRemovals: 3 });

    expect(first).toMatchObject({ bounded: true, removed: { LoginCode: 3 } });
    expect(second).toMatchObject({ bounded: false, removed: { LoginCode: 2 } });
    for (const key of codes) expect(await exists(key)).toBe(false);
  });

  it('leaves a record written again since it was found due (its new removal time stands)', async () => {
    const at = NOW + 200 * DAY;
    const hash = `retention-${randomUUID()}`;
    const users = new DynamoUserStore(documentClient(), tableName());
    await users.claimLoginCode(hash, new Date(at - HOUR));
    const stored = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.loginCode(hash) }));
    const store = new DynamoRetentionStore(documentClient(), tableName());
    const page = await store.dueItems(String(stored.Item!.GSI1PK), Math.floor(at / 1000), 25);
    const due = page.items.filter((item) => item.PK === keys.loginCode(hash).PK);
    expect(due).toHaveLength(1);

    // the same code used again after it expired: a new record, due 15 minutes from then
    expect(await users.claimLoginCode(hash, new Date(at))).toBe(true);
    const removed = await store.remove(due);

    expect(removed).toEqual([]);
    expect(await exists(keys.loginCode(hash))).toBe(true);
  });

  it('gives notifications sent before removal keys theirs, once, and removes those already past retention', async () => {
    // Prepare: two notifications as they were written before issue 20 — no removal key — one sent
    // 200 days before NOW (past its 180 days), one 10 days before; and the backfill not yet run.
    const userId = `retention-old-${randomUUID()}`;
    const legacy = async (sentAt: number) => {
      const createdAt = new Date(sentAt).toISOString();
      const key = keys.notification(userId, createdAt, randomUUID());
      const item = {
        ...key,
        type: 'Notification',
        userId,
        kind: 'claim_approved',
        title: '旧通知',
        body: '',
        createdAt,
      };
      await documentClient().send(new PutCommand({ TableName: tableName(), Item: item }));
      return key;
    };
    const [old, recent] = [await legacy(NOW - 200 * DAY), await legacy(NOW - 10 * DAY)];
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.notificationBackfill() }));
    const store = new DynamoRetentionStore(documentClient(), tableName());

    // Act: run until it has been through the table (each run bounded to a few pages, resuming).
    const runs = [];
    do runs.push(await backfillNotificationKeys(store, { now: new Date(NOW), maxPages: 20 }));
    while (!runs.at(-1)!.done && runs.length < 1000);

    // Assess: the old one is gone; the recent one has the key a new one would have and goes on time.
    expect(runs.at(-1)!.done).toBe(true);
    expect(runs.reduce((sum, run) => sum + run.removed, 0)).toBeGreaterThanOrEqual(1);
    expect(await exists(old)).toBe(false);
    const keyed = await documentClient().send(new GetCommand({ TableName: tableName(), Key: recent }));
    expect(String(keyed.Item?.GSI1PK)).toMatch(/^RETAIN#/);
    // Done means done: the next run reads its progress only.
    expect(await backfillNotificationKeys(store, { now: new Date(NOW) })).toEqual({ keyed: 0, removed: 0, done: true });
    expect((await applyRetentionJob({ now: new Date(NOW + 171 * DAY).toISOString() })).removed).toMatchObject({
      Notification: expect.any(Number),
    });
    expect(await exists(recent)).toBe(false);
  });
});
