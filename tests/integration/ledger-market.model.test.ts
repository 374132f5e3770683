import { randomUUID } from 'node:crypto';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Community, Redemption } from '@linli/shared';
import fc from 'fast-check';
import type { MemberRecord } from '../../functions/src/domain/identity/ports';
import { giftPoints } from '../../functions/src/domain/ledger/gifts';
import {
  cancelRedemption,
  createGood,
  pickUpRedemption,
  redeem,
  restockGood,
} from '../../functions/src/domain/market/supermarket';
import { reconcileCommunity } from '../../functions/src/domain/reconciliation/reconcile';
import { stores } from '../../functions/src/lib/dependencies';
import { AppError, statusForCode } from '../../functions/src/lib/errors';
import { keys } from '../../functions/src/store/keys';
import { documentClient } from '../support/api';
import { createCommunity, tableName } from '../support/factories';

/**
 * Model-based test (fast-check `fc.commands`) of the points ledger and the credit supermarket
 * against an in-memory model. The real system is the real use cases and stores over DynamoDB
 * Local, called in-process. After every command the members' balances, the pool and every
 * good's stock are read back and compared with the model; a refusal (409 insufficient funds,
 * sold out, not reserved, wrong pickup code) must be exactly the one the model expects.
 * LINLI_MODEL_STEPS (default 10000) is the number of commands to execute at least;
 * LINLI_MODEL_SEED replays a run (lane i, round r runs with seed SEED + 1000·i + r, as a
 * failure reports); LINLI_MODEL_LANES (default 3) sequences run side by side.
 */
const TARGET_STEPS = Number(process.env.LINLI_MODEL_STEPS ?? 10_000);
const SEED = Number(process.env.LINLI_MODEL_SEED ?? Date.now() % 2_147_483_647);
const MAX_COMMANDS = 100;
/** Independent sequences run side by side (each on its own community); 1 runs them one after another. */
const LANES = Number(process.env.LINLI_MODEL_LANES ?? 3);
const MEMBERS = 3;
const MAX_GOODS = 3;
const RECONCILE_EVERY = 3;

interface Model {
  balances: number[];
  pool: number;
  goods: { pricePoints: number; stock: number }[];
  redemptions: { member: number; good: number; quantity: number; points: number; status: Redemption['status'] }[];
}

interface Real {
  community: Community;
  members: MemberRecord[];
  staff: MemberRecord;
  goodIds: string[];
  redemptions: Redemption[];
}

let steps = 0;
let comparisons = 0;
const refusals: Record<string, number> = {};

/** Runs a use case; the refusal it answers with (as an HTTP status and code), or null. */
async function attempt(work: () => Promise<unknown>): Promise<{ status: number; code: string } | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: statusForCode(error.code), code: error.code };
  }
}

function expectRefusal(actual: { status: number; code: string } | null, expected: string | null, what: string) {
  if (expected === null) {
    if (actual !== null) throw new Error(`${what}: expected success, got ${actual.status} ${actual.code}`);
    return;
  }
  if (actual?.code !== expected || actual.status !== 409)
    throw new Error(`${what}: expected 409 ${expected}, got ${actual ? `${actual.status} ${actual.code}` : 'success'}`);
  refusals[expected] = (refusals[expected] ?? 0) + 1;
}

/** One BatchGetItem: every member's balance, the pool and every good's stock, compared with the model. */
async function compare(model: Model, real: Real, after: string) {
  const cid = real.community.id;
  const accountKeys = [...real.members.map((member) => keys.account(cid, `member:${member.userId}`))];
  const poolKey = keys.account(cid, 'community:pool');
  const goodKeys = real.goodIds.map((id) => keys.good(cid, id));
  const result = await documentClient().send(
    new BatchGetCommand({
      RequestItems: { [tableName()]: { Keys: [...accountKeys, poolKey, ...goodKeys], ConsistentRead: true } },
    }),
  );
  if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) throw new Error('unprocessed keys: read again');
  const items = result.Responses?.[tableName()] ?? [];
  const find = (key: { PK: string; SK: string }) => items.find((item) => item.PK === key.PK && item.SK === key.SK);
  const actual = {
    balances: accountKeys.map((key) => Number(find(key)?.balancePoints ?? 0)),
    pool: Number(find(poolKey)?.balancePoints ?? 0),
    stock: goodKeys.map((key) => Number(find(key)?.stock)),
  };
  const expected = {
    balances: model.balances,
    pool: model.pool,
    stock: model.goods.map((good) => good.stock),
  };
  comparisons += 1;
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`after ${after}: stored ${JSON.stringify(actual)}, model ${JSON.stringify(expected)}`);
}

type Command = fc.AsyncCommand<Model, Real>;

class Grant implements Command {
  constructor(
    readonly member: number,
    readonly points: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    steps += 1;
    // As approvals do: issuance → member, through the real ledger store.
    await stores.ledger().post({
      communityId: real.community.id,
      transferId: `model-grant:${randomUUID()}`,
      kind: 'adjustment',
      memo: 'model grant',
      postings: [
        {
          source: 'community:issuance',
          destination: `member:${real.members[this.member]!.userId}`,
          amountPoints: this.points,
        },
      ],
      actorId: 'model',
      createdAt: new Date().toISOString(),
    });
    model.balances[this.member]! += this.points;
    await compare(model, real, this.toString());
  }
  toString = () => `grant(m${this.member}, ${this.points})`;
}

class Gift implements Command {
  constructor(
    readonly from: number,
    /** MEMBERS = the community pool. */
    readonly to: number,
    readonly points: number,
  ) {}
  check = () => this.from !== this.to;
  async run(model: Model, real: Real) {
    steps += 1;
    const toPool = this.to === MEMBERS;
    const refusal = await attempt(() =>
      giftPoints(
        {
          community: real.community,
          giver: real.members[this.from]!,
          request: toPool
            ? { toPool: true, points: this.points }
            : { toMemberId: real.members[this.to]!.userId, points: this.points },
        },
        { ledger: stores.ledger(), communities: stores.communities() },
      ),
    );
    const enough = model.balances[this.from]! >= this.points;
    expectRefusal(refusal, enough ? null : 'ledger.insufficient_funds', this.toString());
    if (enough) {
      model.balances[this.from]! -= this.points;
      if (toPool) model.pool += this.points;
      else model.balances[this.to]! += this.points;
    }
    await compare(model, real, this.toString());
  }
  toString = () => `gift(m${this.from} → ${this.to === MEMBERS ? 'pool' : `m${this.to}`}, ${this.points})`;
}

class Redeem implements Command {
  constructor(
    readonly member: number,
    readonly good: number,
    readonly quantity: number,
  ) {}
  check = (model: Readonly<Model>) => model.goods.length > 0;
  async run(model: Model, real: Real) {
    steps += 1;
    const index = this.good % model.goods.length;
    const good = model.goods[index]!;
    const points = good.pricePoints * this.quantity;
    let made: Redemption | undefined;
    const refusal = await attempt(async () => {
      made = await redeem(
        {
          communityId: real.community.id,
          member: real.members[this.member]!,
          goodId: real.goodIds[index]!,
          quantity: this.quantity,
        },
        stores.supermarket(),
      );
    });
    const expected =
      good.stock < this.quantity
        ? 'market.sold_out'
        : model.balances[this.member]! < points
          ? 'ledger.insufficient_funds'
          : null;
    expectRefusal(refusal, expected, this.toString());
    if (expected === null) {
      good.stock -= this.quantity;
      model.balances[this.member]! -= points;
      model.redemptions.push({ member: this.member, good: index, quantity: this.quantity, points, status: 'reserved' });
      real.redemptions.push(made!);
    }
    await compare(model, real, this.toString());
  }
  toString = () => `redeem(m${this.member}, good ${this.good}, ×${this.quantity})`;
}

class Cancel implements Command {
  constructor(readonly which: number) {}
  check = (model: Readonly<Model>) => model.redemptions.length > 0;
  async run(model: Model, real: Real) {
    steps += 1;
    const index = this.which % model.redemptions.length;
    const redemption = model.redemptions[index]!;
    const refusal = await attempt(() =>
      cancelRedemption(
        {
          communityId: real.community.id,
          redemptionId: real.redemptions[index]!.id,
          memberId: real.members[redemption.member]!.userId,
        },
        stores.supermarket(),
      ),
    );
    const reserved = redemption.status === 'reserved';
    expectRefusal(refusal, reserved ? null : 'market.not_reserved', this.toString());
    if (reserved) {
      redemption.status = 'cancelled';
      model.balances[redemption.member]! += redemption.points;
      model.goods[redemption.good]!.stock += redemption.quantity;
    }
    await compare(model, real, this.toString());
  }
  toString = () => `cancel(#${this.which})`;
}

class PickUp implements Command {
  constructor(
    readonly which: number,
    readonly rightCode: boolean,
  ) {}
  check = (model: Readonly<Model>) => model.redemptions.length > 0;
  async run(model: Model, real: Real) {
    steps += 1;
    const index = this.which % model.redemptions.length;
    const redemption = model.redemptions[index]!;
    const code = real.redemptions[index]!.pickupCode;
    const wrong = code === '000000' ? '111111' : '000000';
    const refusal = await attempt(() =>
      pickUpRedemption(
        {
          communityId: real.community.id,
          redemptionId: real.redemptions[index]!.id,
          pickupCode: this.rightCode ? code : wrong,
          actorId: real.staff.userId,
        },
        stores.supermarket(),
      ),
    );
    const expected =
      redemption.status !== 'reserved' ? 'market.not_reserved' : this.rightCode ? null : 'market.wrong_pickup_code';
    expectRefusal(refusal, expected, this.toString());
    if (expected === null) redemption.status = 'picked_up';
    await compare(model, real, this.toString());
  }
  toString = () => `pickup(#${this.which}, ${this.rightCode ? 'right' : 'wrong'} code)`;
}

class Restock implements Command {
  constructor(
    readonly good: number,
    readonly quantity: number,
  ) {}
  check = (model: Readonly<Model>) => model.goods.length > 0;
  async run(model: Model, real: Real) {
    steps += 1;
    const index = this.good % model.goods.length;
    const good = await restockGood(
      { communityId: real.community.id, goodId: real.goodIds[index]!, quantity: this.quantity },
      stores.supermarket(),
    );
    model.goods[index]!.stock += this.quantity;
    if (good.stock !== model.goods[index]!.stock) throw new Error(`${this.toString()}: replied stock ${good.stock}`);
    await compare(model, real, this.toString());
  }
  toString = () => `restock(good ${this.good}, +${this.quantity})`;
}

class CreateGood implements Command {
  constructor(
    readonly pricePoints: number,
    readonly stock: number,
  ) {}
  check = (model: Readonly<Model>) => model.goods.length < MAX_GOODS;
  async run(model: Model, real: Real) {
    steps += 1;
    const good = await createGood(
      {
        communityId: real.community.id,
        request: { name: `好物 ${this.pricePoints}`, pricePoints: this.pricePoints, stock: this.stock, valueFen: 300 },
      },
      { supermarket: stores.supermarket(), communities: stores.communities() },
    );
    model.goods.push({ pricePoints: this.pricePoints, stock: this.stock });
    real.goodIds.push(good.id);
    await compare(model, real, this.toString());
  }
  toString = () => `createGood(${this.pricePoints} points, stock ${this.stock})`;
}

const member = fc.integer({ min: 0, max: MEMBERS - 1 });
const commands = [
  fc.tuple(member, fc.integer({ min: 1, max: 15 })).map(([who, points]) => new Grant(who, points)),
  fc
    .tuple(member, fc.integer({ min: 0, max: MEMBERS }), fc.integer({ min: 1, max: 12 }))
    .map(([from, to, points]) => new Gift(from, to, points)),
  fc
    .tuple(member, fc.nat({ max: MAX_GOODS - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([who, good, quantity]) => new Redeem(who, good, quantity)),
  fc
    .tuple(member, fc.nat({ max: MAX_GOODS - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([who, good, quantity]) => new Redeem(who, good, quantity)),
  fc.nat({ max: 50 }).map((which) => new Cancel(which)),
  fc.tuple(fc.nat({ max: 50 }), fc.boolean()).map(([which, right]) => new PickUp(which, right)),
  fc
    .tuple(fc.nat({ max: MAX_GOODS - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([good, quantity]) => new Restock(good, quantity)),
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }))
    .map(([price, stock]) => new CreateGood(price, stock)),
];

async function freshSystem(): Promise<{ model: Model; real: Real }> {
  const community = await createCommunity();
  const communities = stores.communities();
  const joinedAt = new Date().toISOString();
  const add = async (roles: MemberRecord['roles'], name: string) => {
    const record: MemberRecord = {
      communityId: community.id,
      userId: `model-${randomUUID().slice(0, 12)}`,
      roles,
      displayName: name,
      joinedAt,
    };
    await communities.addMember(record);
    return record;
  };
  const members = await Promise.all(Array.from({ length: MEMBERS }, (_, index) => add(['resident'], `居民${index}`)));
  const staff = await add(['staff'], '社工');
  // One good from the start, so that redeeming and restocking are possible from the first command.
  const good = await createGood(
    { communityId: community.id, request: { name: '小米', pricePoints: 2, stock: 3, valueFen: 500 } },
    { supermarket: stores.supermarket(), communities },
  );
  return {
    model: { balances: members.map(() => 0), pool: 0, goods: [{ pricePoints: 2, stock: 3 }], redemptions: [] },
    real: { community, members, staff, goodIds: [good.id], redemptions: [] },
  };
}

describe(`ledger + supermarket model (≥ ${TARGET_STEPS} steps, seed ${SEED})`, () => {
  it(
    'the real system follows the model step by step',
    async () => {
      console.log(
        `model test: ≥ ${TARGET_STEPS} steps, ${LANES} lanes, seed ${SEED} (replay with LINLI_MODEL_SEED=${SEED})`,
      );
      const started = Date.now();
      let runs = 0;
      let reconciled = 0;
      // LANES independent communities run side by side (DynamoDB Local serves them in parallel);
      // each lane runs rounds of fast-check runs until enough commands were executed in all.
      const lane = async (laneIndex: number) => {
        for (let round = 0; steps < TARGET_STEPS; round += 1) {
          const remaining = TARGET_STEPS - steps;
          await fc.assert(
            fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (sequence) => {
              runs += 1;
              const { model, real } = await freshSystem();
              await fc.asyncModelRun(() => ({ model, real }), sequence);
              // After every RECONCILE_EVERY-th run: the whole community reconciles (postings sum to
              // zero, balances = history, statistics, stock) — it reads whole partitions, so not every run.
              if (runs % RECONCILE_EVERY === 0) {
                const report = await reconcileCommunity(real.community.id, stores.reconciliation());
                reconciled += 1;
                if (report.drifts.length > 0) throw new Error(`drifts: ${JSON.stringify(report.drifts)}`);
              }
            }),
            {
              numRuns: Math.max(1, Math.ceil(remaining / LANES / (MAX_COMMANDS * 0.6))),
              seed: SEED + laneIndex * 1_000 + round,
            },
          );
        }
      };
      await Promise.all(Array.from({ length: LANES }, (_, index) => lane(index)));
      console.log(
        `model test: seed ${SEED}: ${steps} steps executed in ${runs} runs (${LANES} lanes), ${comparisons} comparisons with the model, ` +
          `${reconciled} reconciliations without drift, refusals matched: ${JSON.stringify(refusals)} ` +
          `(${Math.round((Date.now() - started) / 1000)} s)`,
      );
      expect(steps).toBeGreaterThanOrEqual(TARGET_STEPS);
    },
    Math.max(600_000, TARGET_STEPS * 60),
  );
});
