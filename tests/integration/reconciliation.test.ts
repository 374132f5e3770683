import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { contracts } from '@linli/shared';
import { handler as reconcileJob } from '../../functions/src/jobs/reconcile';
import { keys } from '../../functions/src/store/keys';
import { documentClient, send } from '../support/api';
import { createMember, tableName } from '../support/factories';
import { createActivityNow, grantPoints, officeClaim, timebankCommunity } from '../support/timebank';

const ROOT = path.resolve(__dirname, '..', '..');

const reconcile = (cid: string, token: string) => send(contracts.runReconciliation, { params: { cid }, token });

/** A community with a bit of everything: hours, a gift, a redemption, a sale, a payout, fund income. */
async function busyCommunity() {
  const people = await timebankCommunity();
  const { cid, staff, otherStaff, resident } = people;
  const maker = await createMember(cid, ['maker'], 'maker');
  const claim = await officeClaim(
    cid,
    (await createActivityNow(cid, staff.token)).id,
    staff.token,
    resident.userId,
    240,
  );
  await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });
  await grantPoints(cid, resident.userId, 6);
  await send(contracts.giftPoints, {
    params: { cid },
    token: resident.token,
    body: { toMemberId: maker.userId, points: 2 },
  });
  const good = await send(contracts.createGood, {
    params: { cid },
    token: staff.token,
    body: { name: '保温杯', pricePoints: 3, stock: 4, valueFen: 2500 },
  });
  await send(contracts.redeem, { params: { cid }, token: resident.token, body: { goodId: good.body.id, quantity: 1 } });
  const product = await send(contracts.createProduct, {
    params: { cid },
    token: maker.token,
    body: { title: '布艺挎包', description: '手缝', priceFen: 8000, stock: 2 },
  });
  await send(contracts.approveProduct, { params: { cid, pid: product.body.id }, token: staff.token });
  const order = await send(contracts.createOrder, {
    params: { cid },
    token: resident.token,
    body: { items: [{ productId: product.body.id, quantity: 1 }] },
  });
  await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: resident.token });
  await send(contracts.recordPayout, {
    params: { cid, memberId: maker.userId },
    token: staff.token,
    body: { amountFen: 5000, note: '现金' },
  });
  await send(contracts.recordFundIncome, {
    params: { cid },
    token: staff.token,
    body: { kind: 'donation', amountFen: 1200, description: '捐款' },
  });
  return { ...people, maker };
}

describe('reconciliation', () => {
  it('rebuilds every balance and counter and finds no drift in honest data', async () => {
    const { cid, admin, staff } = await busyCommunity();
    const report = await reconcile(cid, admin.token);
    const byStaff = await reconcile(cid, staff.token);

    expect(report.status).toBe(200);
    expect(report.body.drifts).toEqual([]);
    expect(report.body.checks).toBeGreaterThanOrEqual(20);
    expect(byStaff.status).toBe(403);
  });

  it('reports drift in a balance, a gauge and the fund chain — through the API, the CLI and the job', async () => {
    const { cid, admin, resident } = await busyCommunity();
    const client = documentClient();
    await client.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.memberAccount(cid, resident.userId),
        UpdateExpression: 'ADD balancePoints :five',
        ExpressionAttributeValues: { ':five': 5 },
      }),
    );
    await client.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.gauges(cid),
        UpdateExpression: 'ADD members :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    const firstEntry = await client.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.fundEntriesPartition(cid) },
        Limit: 1,
      }),
    );
    await client.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: String(firstEntry.Items![0]!.PK), SK: String(firstEntry.Items![0]!.SK) },
        UpdateExpression: 'SET amountFen = :more',
        ExpressionAttributeValues: { ':more': 999_999 },
      }),
    );

    const report = await reconcile(cid, admin.token);
    const cli = spawnSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join(ROOT, 'scripts', 'reconcile.ts'), '--community', cid],
      {
        env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, TABLE_NAME: tableName() },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const job = await reconcileJob();

    const checks = report.body.drifts.map((drift) => drift.check);
    expect(checks).toEqual(
      expect.arrayContaining([
        'account.balance',
        'ledger.sum_zero',
        'stats.points_outstanding',
        'gauge.members',
        'fund.chain',
        'fund.balance',
      ]),
    );
    expect(report.body.drifts.find((drift) => drift.check === 'account.balance')).toMatchObject({
      subject: `member:${resident.userId}`,
      expected: (report.body.drifts.find((drift) => drift.check === 'account.balance')!.stored as number) - 5,
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('account.balance');
    expect(cli.stdout).toContain(cid);
    expect(job.communities).toBeGreaterThanOrEqual(1);
    expect(job.drifts).toBeGreaterThanOrEqual(report.body.drifts.length);
  });
});
