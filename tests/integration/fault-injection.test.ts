import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FundEntry, Order, Role } from '@linli/shared';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { reconcileCommunity } from '../../functions/src/domain/ledger/reconcile';
import { splitLine } from '../../functions/src/domain/shop/orders';
import { handler as createActivityHandler } from '../../functions/src/http/timebank/create-activity';
import { handler as officeAttendanceHandler } from '../../functions/src/http/timebank/record-office-attendance';
import { handler as approveClaimHandler } from '../../functions/src/http/timebank/approve-claim';
import { handler as approveExpenseHandler } from '../../functions/src/http/fund/approve-fund-expense';
import { handler as recordIncomeHandler } from '../../functions/src/http/fund/record-fund-income';
import { handler as submitExpenseHandler } from '../../functions/src/http/fund/submit-fund-expense';
import { handler as giftHandler } from '../../functions/src/http/ledger/gift-points';
import { handler as cancelRedemptionHandler } from '../../functions/src/http/market/cancel-redemption';
import { handler as createGoodHandler } from '../../functions/src/http/market/create-good';
import { handler as redeemHandler } from '../../functions/src/http/market/redeem';
import { handler as restockHandler } from '../../functions/src/http/market/restock-good';
import { handler as approveProductHandler } from '../../functions/src/http/shop/approve-product';
import { handler as createOrderHandler } from '../../functions/src/http/shop/create-order';
import { handler as createProductHandler } from '../../functions/src/http/shop/create-product';
import { handler as devPayHandler } from '../../functions/src/http/shop/dev-pay-order';
import { handler as recordPayoutHandler } from '../../functions/src/http/shop/record-payout';
import { handler as refundHandler } from '../../functions/src/http/shop/refund-order';
import { tokenIssuer } from '../../functions/src/lib/auth';
import { logger } from '../../functions/src/lib/logger';
import { setDocumentClient } from '../../functions/src/store/client';
import { DynamoCommunityStore } from '../../functions/src/store/identity/identity-store';
import { DynamoReconcileSource } from '../../functions/src/store/ledger/reconcile-store';
import { DynamoShopStore } from '../../functions/src/store/shop/shop-store';
import { DynamoSupermarketStore } from '../../functions/src/store/market/supermarket-store';
import { documentClient } from '../support/api';
import { httpEvent, invoke, type Handler } from '../support/events';
import { createCommunity, tableName } from '../support/factories';
import { faultyDocumentClient, type FaultKind, type FaultyClient } from '../support/faulty-dynamodb';
import { grantPoints } from '../support/timebank';

/**
 * Issue 8: fault injection. Random sequences of the money and points operations go through
 * the REAL handlers (in-process, real API Gateway v2 events) while the DynamoDB client
 * throws throttling errors and transaction conflicts before sending and loses the
 * acknowledgement of writes that did commit. The client retries each user action with the
 * SAME Idempotency-Key (as the mini-program does), a bounded number of times, then once
 * more after the "network healed". After every sequence, read without faults, every
 * invariant must hold and every operation must have taken effect exactly as often as the
 * client believes (once, or not at all).
 * LINLI_FAULT_SEED replays a run; LINLI_FAULT_RUNS (sequences) and LINLI_FAULT_OPS (per sequence) size it.
 */
const SEED = Number(process.env.LINLI_FAULT_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.LINLI_FAULT_RUNS ?? 15);
const OPS = Number(process.env.LINLI_FAULT_OPS ?? 30);
const RATES = { throttle: 0.05, conflict: 0.05, lostAck: 0.06 };
const MAX_ATTEMPTS = 6;
const INITIAL_POINTS = 12;
const GOOD_STOCK = 4;
const PRODUCT_STOCK = 6;
const PRODUCT_PRICE_FEN = 1250;

/** 409s that, after an earlier attempt failed, mean "that earlier attempt did it". */
const ALREADY_DONE = new Set([
  'claim.already_decided',
  'market.not_reserved',
  'fund.expense_already_decided',
  'shop.order_not_refundable',
]);

type Person = { token: string; userId: string };
type Op =
  | { kind: 'approveClaim'; which: number }
  | { kind: 'gift'; from: number; to: number; points: number }
  | { kind: 'redeem'; who: number; good: number; quantity: number }
  | { kind: 'cancelRedemption'; which: number }
  | { kind: 'restock'; good: number; quantity: number }
  | { kind: 'order'; who: number; quantity: number }
  | { kind: 'pay'; which: number }
  | { kind: 'refund'; which: number }
  | { kind: 'income'; amountFen: number }
  | { kind: 'submitExpense'; amountFen: number }
  | { kind: 'approveExpense'; which: number }
  | { kind: 'payout'; amountFen: number };

const resident = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('approveClaim' as const), which: fc.nat() }),
  fc.record({
    kind: fc.constant('gift' as const),
    from: resident,
    to: fc.integer({ min: 0, max: 3 }),
    points: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('redeem' as const),
    who: resident,
    good: fc.integer({ min: 0, max: 1 }),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('cancelRedemption' as const), which: fc.nat() }),
  fc.record({
    kind: fc.constant('restock' as const),
    good: fc.integer({ min: 0, max: 1 }),
    quantity: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('order' as const),
    who: fc.integer({ min: 0, max: 1 }),
    quantity: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({ kind: fc.constant('pay' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('refund' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('income' as const), amountFen: fc.integer({ min: 100, max: 3000 }) }),
  fc.record({ kind: fc.constant('submitExpense' as const), amountFen: fc.integer({ min: 100, max: 3000 }) }),
  fc.record({ kind: fc.constant('approveExpense' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('payout' as const), amountFen: fc.integer({ min: 100, max: 2000 }) }),
);

interface Reply {
  status: number;
  body: Record<string, unknown>;
  /** An earlier attempt with the same key failed (5xx or still in progress). */
  retried: boolean;
}

const errorCode = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { code?: string } | undefined)?.code;

describe(`fault injection (${RUNS} sequences × ${OPS} operations, seed ${SEED})`, () => {
  let faulty: FaultyClient;
  const totals = {
    runs: 0,
    operations: 0,
    requests: 0,
    retries: 0,
    healedRetries: 0,
    resolvedByState: 0,
    invariantChecks: 0,
    outcomes: {} as Record<string, number>,
    faults: { throttle: 0, conflict: 0, lostAck: 0 } as Record<FaultKind, number>,
  };

  beforeAll(() => {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run through tests/jest.config.js');
    faulty = faultyDocumentClient(endpoint, { seed: SEED, rates: RATES });
    setDocumentClient(faulty.documentClient);
    logger.setLogLevel('SILENT');
  });

  afterAll(() => {
    setDocumentClient(undefined);
    faulty.destroy();
    logger.setLogLevel('INFO');
  });

  /** One user action: the same Idempotency-Key on every attempt, like the mini-program. */
  async function send(
    handler: Handler,
    person: Person,
    route: string,
    params: Record<string, string>,
    body?: unknown,
  ): Promise<Reply> {
    const path = route.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
    const key = `fault-${randomUUID()}`;
    const attempt = () =>
      invoke(
        handler,
        httpEvent({
          method: 'POST',
          path,
          routeKey: `POST ${route}`,
          pathParameters: params,
          body,
          headers: { authorization: `Bearer ${person.token}`, 'idempotency-key': key },
        }),
      );
    const retryable = (reply: { status: number; body: Record<string, unknown> }) =>
      reply.status >= 500 || (reply.status === 409 && errorCode(reply) === 'idempotency.in_progress');
    let retried = false;
    for (let count = 1; count <= MAX_ATTEMPTS; count += 1) {
      const reply = await attempt();
      if (!retryable(reply)) return { ...reply, retried };
      retried = true;
      totals.retries += 1;
    }
    // The network heals: one more try with the same key, without faults.
    totals.healedRetries += 1;
    faulty.enabled = false;
    try {
      const reply = await attempt();
      if (retryable(reply)) throw new Error(`${route} did not converge: ${reply.status} ${JSON.stringify(reply.body)}`);
      return { ...reply, retried };
    } finally {
      faulty.enabled = true;
    }
  }

  it(
    'every invariant holds and every operation takes effect exactly once',
    async () => {
      console.log(
        `fault injection: ${RUNS} runs × ${OPS} ops, seed ${SEED}, rates ${JSON.stringify(RATES)} (replay with LINLI_FAULT_SEED=${SEED})`,
      );
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: OPS, maxLength: OPS }), async (operations) => {
          totals.runs += 1;
          faulty.enabled = false;
          // ---- set-up (no faults): a community, staff, three residents (the third a maker), claims, goods, a product
          // In-process only (no HTTP): members written through the real store, tokens signed as login does.
          const community = await createCommunity({
            rules: {
              pointsPerHour: 1,
              certificateThresholdPoints: 3,
              fundShareBps: 2000,
              minuteRounding: { unitMinutes: 30, mode: 'down' },
            },
          });
          const cid = community.id;
          const person = async (roles: Role[], name: string): Promise<Person> => {
            const userId = `f-${randomUUID().slice(0, 12)}`;
            await new DynamoCommunityStore(documentClient(), tableName()).addMember({
              communityId: cid,
              userId,
              roles,
              displayName: name,
              joinedAt: new Date().toISOString(),
            });
            return { userId, token: (await tokenIssuer.issue(userId)).token };
          };
          const staff = await person(['staff'], '社工甲');
          const otherStaff = await person(['staff'], '社工乙');
          const residents: Person[] = [
            await person(['resident'], '居民一'),
            await person(['resident'], '居民二'),
            await person(['resident', 'maker'], '手作人'),
          ];
          const maker = residents[2]!;
          for (const resident of residents) await grantPoints(cid, resident.userId, INITIAL_POINTS);
          const claims: { id: string; memberId: string; points: number; status: 'pending' | 'approved' }[] = [];
          for (const hours of [1, 2]) {
            const activity = await send(
              createActivityHandler,
              staff,
              '/v1/communities/{cid}/activities',
              { cid },
              {
                title: `服务 ${hours}`,
                category: 'care',
                startsAt: new Date(Date.now() - 10 * 60_000).toISOString(),
                endsAt: new Date(Date.now() + 120 * 60_000).toISOString(),
              },
            );
            expect(activity.status).toBe(201);
            for (const resident of residents) {
              const entry = await send(
                officeAttendanceHandler,
                staff,
                '/v1/communities/{cid}/activities/{aid}/attendances',
                { cid, aid: String(activity.body.id) },
                { memberId: resident.userId, minutes: hours * 60 },
              );
              expect(entry.status).toBe(201);
              const claim = entry.body.claim as { id: string };
              claims.push({ id: claim.id, memberId: resident.userId, points: hours, status: 'pending' });
            }
          }
          const goods: { id: string; pricePoints: number; stock: number; restocked: number }[] = [];
          for (const pricePoints of [2, 3]) {
            const reply = await send(
              createGoodHandler,
              staff,
              '/v1/communities/{cid}/goods',
              { cid },
              {
                name: `goods ${pricePoints}`,
                pricePoints,
                stock: GOOD_STOCK,
                valueFen: 500,
              },
            );
            expect(reply.status).toBe(201);
            goods.push({ id: String(reply.body.id), pricePoints, stock: GOOD_STOCK, restocked: 0 });
          }
          const product = await send(
            createProductHandler,
            maker,
            '/v1/communities/{cid}/products',
            { cid },
            {
              title: '手工围巾',
              description: '毛线手织',
              priceFen: PRODUCT_PRICE_FEN,
              stock: PRODUCT_STOCK,
            },
          );
          expect(product.status).toBe(201);
          const productId = String(product.body.id);
          expect(
            (
              await send(approveProductHandler, staff, '/v1/communities/{cid}/products/{pid}/approve', {
                cid,
                pid: productId,
              })
            ).status,
          ).toBe(200);

          // ---- the model: what the client believes happened
          const balances = new Map<string, number>(residents.map((person) => [person.userId, INITIAL_POINTS]));
          let pool = 0;
          const redemptions: {
            id: string;
            memberId: string;
            good: number;
            quantity: number;
            points: number;
            status: string;
          }[] = [];
          const orders: {
            id: string;
            buyer: number;
            quantity: number;
            status: string;
            fundFen: number;
            makerFen: number;
          }[] = [];
          let productStock = PRODUCT_STOCK;
          let fundBalance = 0;
          let fundEntries = 0;
          let makerBalance = 0;
          const expenses: { id: string; amountFen: number; status: string }[] = [];
          let expensesSubmitted = 0;

          faulty.enabled = true;
          const before = { ...faulty.injected };
          const requestsBefore = faulty.requests;
          for (const [index, step] of operations.entries()) {
            totals.operations += 1;
            const context = `run ${totals.runs} op ${index} ${JSON.stringify(step)}`;
            /** Compares the final reply with the model's prediction; returns whether the action took effect. */
            const outcome = (reply: Reply, expectedCode: string | null, successStatus: number): boolean => {
              const code = errorCode(reply);
              const key = `${step.kind}:${reply.status}${code ? `:${code}` : ''}`;
              totals.outcomes[key] = (totals.outcomes[key] ?? 0) + 1;
              if (expectedCode === null && reply.retried && reply.status === 409 && code && ALREADY_DONE.has(code)) {
                totals.resolvedByState += 1;
                return true;
              }
              if (expectedCode === null) {
                if (reply.status !== successStatus)
                  throw new Error(
                    `${context}: expected ${successStatus}, got ${reply.status} ${JSON.stringify(reply.body)}`,
                  );
                return true;
              }
              if (reply.status !== 409 || code !== expectedCode)
                throw new Error(
                  `${context}: expected 409 ${expectedCode}, got ${reply.status} ${JSON.stringify(reply.body)}`,
                );
              return false;
            };
            switch (step.kind) {
              case 'approveClaim': {
                const claim = claims[step.which % claims.length]!;
                const reply = await send(
                  approveClaimHandler,
                  otherStaff,
                  '/v1/communities/{cid}/claims/{claimId}/approve',
                  { cid, claimId: claim.id },
                );
                if (outcome(reply, claim.status === 'pending' ? null : 'claim.already_decided', 200)) {
                  claim.status = 'approved';
                  balances.set(claim.memberId, balances.get(claim.memberId)! + claim.points);
                }
                break;
              }
              case 'gift': {
                const giver = residents[step.from]!;
                const recipient = step.to < 3 ? residents[step.to]! : undefined;
                if (recipient?.userId === giver.userId) break;
                const reply = await send(
                  giftHandler,
                  giver,
                  '/v1/communities/{cid}/ledger/gifts',
                  { cid },
                  {
                    ...(recipient ? { toMemberId: recipient.userId } : { toPool: true }),
                    points: step.points,
                  },
                );
                const enough = balances.get(giver.userId)! >= step.points;
                if (outcome(reply, enough ? null : 'ledger.insufficient_funds', 201)) {
                  balances.set(giver.userId, balances.get(giver.userId)! - step.points);
                  if (recipient) balances.set(recipient.userId, balances.get(recipient.userId)! + step.points);
                  else pool += step.points;
                }
                break;
              }
              case 'redeem': {
                const person = residents[step.who]!;
                const good = goods[step.good]!;
                const points = good.pricePoints * step.quantity;
                const expected =
                  good.stock < step.quantity
                    ? 'market.sold_out'
                    : balances.get(person.userId)! < points
                      ? 'ledger.insufficient_funds'
                      : null;
                const reply = await send(
                  redeemHandler,
                  person,
                  '/v1/communities/{cid}/redemptions',
                  { cid },
                  {
                    goodId: good.id,
                    quantity: step.quantity,
                  },
                );
                if (outcome(reply, expected, 201)) {
                  good.stock -= step.quantity;
                  balances.set(person.userId, balances.get(person.userId)! - points);
                  redemptions.push({
                    id: String(reply.body.id),
                    memberId: person.userId,
                    good: step.good,
                    quantity: step.quantity,
                    points,
                    status: 'reserved',
                  });
                }
                break;
              }
              case 'cancelRedemption': {
                if (redemptions.length === 0) break;
                const redemption = redemptions[step.which % redemptions.length]!;
                const person = residents.find((candidate) => candidate.userId === redemption.memberId)!;
                const reply = await send(
                  cancelRedemptionHandler,
                  person,
                  '/v1/communities/{cid}/redemptions/{redemptionId}/cancel',
                  { cid, redemptionId: redemption.id },
                );
                if (outcome(reply, redemption.status === 'reserved' ? null : 'market.not_reserved', 200)) {
                  redemption.status = 'cancelled';
                  goods[redemption.good]!.stock += redemption.quantity;
                  balances.set(person.userId, balances.get(person.userId)! + redemption.points);
                }
                break;
              }
              case 'restock': {
                const good = goods[step.good]!;
                const reply = await send(
                  restockHandler,
                  staff,
                  '/v1/communities/{cid}/goods/{goodId}/restock',
                  { cid, goodId: good.id },
                  { quantity: step.quantity },
                );
                if (outcome(reply, null, 200)) {
                  good.stock += step.quantity;
                  good.restocked += step.quantity;
                }
                break;
              }
              case 'order': {
                const buyer = residents[step.who]!;
                const reply = await send(
                  createOrderHandler,
                  buyer,
                  '/v1/communities/{cid}/orders',
                  { cid },
                  {
                    items: [{ productId, quantity: step.quantity }],
                  },
                );
                if (outcome(reply, productStock < step.quantity ? 'shop.sold_out' : null, 201)) {
                  productStock -= step.quantity;
                  const split = splitLine(PRODUCT_PRICE_FEN * step.quantity, 2000);
                  orders.push({
                    id: String(reply.body.id),
                    buyer: step.who,
                    quantity: step.quantity,
                    status: 'pending_payment',
                    ...split,
                  });
                }
                break;
              }
              case 'pay': {
                if (orders.length === 0) break;
                const order = orders[step.which % orders.length]!;
                const reply = await send(
                  devPayHandler,
                  residents[order.buyer]!,
                  '/v1/communities/{cid}/orders/{oid}/dev-pay',
                  { cid, oid: order.id },
                );
                const expected =
                  order.status === 'pending_payment' || order.status === 'paid' ? null : 'shop.order_not_payable';
                if (outcome(reply, expected, 200) && order.status === 'pending_payment') {
                  order.status = 'paid';
                  fundBalance += order.fundFen;
                  if (order.fundFen > 0) fundEntries += 1;
                  makerBalance += order.makerFen;
                }
                break;
              }
              case 'refund': {
                if (orders.length === 0) break;
                const order = orders[step.which % orders.length]!;
                const reply = await send(
                  refundHandler,
                  staff,
                  '/v1/communities/{cid}/orders/{oid}/refund',
                  { cid, oid: order.id },
                  { reason: '质量问题' },
                );
                const expected =
                  order.status !== 'paid'
                    ? 'shop.order_not_refundable'
                    : fundBalance < order.fundFen
                      ? 'fund.insufficient_balance'
                      : null;
                if (outcome(reply, expected, 200)) {
                  order.status = 'refunded';
                  fundBalance -= order.fundFen;
                  if (order.fundFen > 0) fundEntries += 1;
                  makerBalance -= order.makerFen;
                  productStock += order.quantity;
                }
                break;
              }
              case 'income': {
                const reply = await send(
                  recordIncomeHandler,
                  staff,
                  '/v1/communities/{cid}/fund/incomes',
                  { cid },
                  {
                    kind: 'stall',
                    amountFen: step.amountFen,
                    description: '义卖摊位',
                  },
                );
                if (outcome(reply, null, 201)) {
                  fundBalance += step.amountFen;
                  fundEntries += 1;
                }
                break;
              }
              case 'submitExpense': {
                const reply = await send(
                  submitExpenseHandler,
                  staff,
                  '/v1/communities/{cid}/fund/expenses',
                  { cid },
                  {
                    amountFen: step.amountFen,
                    purpose: '慰问老人',
                    category: 'elderly_care',
                  },
                );
                if (outcome(reply, null, 201)) {
                  expensesSubmitted += 1;
                  expenses.push({ id: String(reply.body.id), amountFen: step.amountFen, status: 'pending' });
                }
                break;
              }
              case 'approveExpense': {
                if (expenses.length === 0) break;
                const expense = expenses[step.which % expenses.length]!;
                const reply = await send(
                  approveExpenseHandler,
                  otherStaff,
                  '/v1/communities/{cid}/fund/expenses/{id}/approve',
                  { cid, id: expense.id },
                );
                const expected =
                  expense.status !== 'pending'
                    ? 'fund.expense_already_decided'
                    : fundBalance < expense.amountFen
                      ? 'fund.insufficient_balance'
                      : null;
                if (outcome(reply, expected, 200)) {
                  expense.status = 'approved';
                  fundBalance -= expense.amountFen;
                  fundEntries += 1;
                }
                break;
              }
              case 'payout': {
                const reply = await send(
                  recordPayoutHandler,
                  staff,
                  '/v1/communities/{cid}/makers/{memberId}/payouts',
                  { cid, memberId: maker.userId },
                  { amountFen: step.amountFen, note: '线下结算' },
                );
                if (outcome(reply, makerBalance >= step.amountFen ? null : 'shop.payout_exceeds_balance', 201)) {
                  makerBalance -= step.amountFen;
                }
                break;
              }
            }
          }
          faulty.enabled = false;
          for (const kind of Object.keys(totals.faults) as FaultKind[]) {
            totals.faults[kind] += faulty.injected[kind] - before[kind];
          }
          totals.requests += faulty.requests - requestsBefore;

          // ---- invariants, read straight from the table (no faults)
          const check = (actual: unknown, expected: unknown, what: string) => {
            totals.invariantChecks += 1;
            if (JSON.stringify(actual) !== JSON.stringify(expected))
              throw new Error(
                `run ${totals.runs}: ${what}: stored ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
              );
          };
          const source = new DynamoReconcileSource(documentClient(), tableName());
          const accounts = await source.accounts(cid);
          check(
            accounts.reduce((sum, account) => sum + account.balancePoints, 0),
            0,
            'ledger postings sum to zero',
          );
          for (const account of accounts) {
            const history = await source.history(cid, account.address);
            check(
              account.balancePoints,
              history.reduce((sum, entry) => sum + entry.amountPoints, 0),
              `${account.address} balance = Σ history`,
            );
            if (account.address.startsWith('member:'))
              check(account.balancePoints >= 0, true, `${account.address} ≥ 0`);
          }
          const balanceOf = (address: string) =>
            accounts.find((account) => account.address === address)?.balancePoints ?? 0;
          for (const person of residents) {
            check(balanceOf(`member:${person.userId}`), balances.get(person.userId), `balance of ${person.userId}`);
          }
          check(balanceOf('community:pool'), pool, 'the community pool');

          const market = new DynamoSupermarketStore(documentClient(), tableName());
          const stored: { goodId: string; quantity: number; status: string }[] = [];
          for (const status of ['reserved', 'picked_up', 'cancelled'] as const) {
            let cursor: string | undefined;
            do {
              const page = await market.listRedemptions(cid, status, cursor);
              stored.push(...page.items);
              cursor = page.nextCursor ?? undefined;
            } while (cursor);
          }
          check(stored.length, redemptions.length, 'one redemption per successful redeem');
          for (const [index, good] of goods.entries()) {
            const current = (await market.getGood(cid, good.id))!.stock;
            const held = stored
              .filter((redemption) => redemption.goodId === good.id && redemption.status !== 'cancelled')
              .reduce((sum, redemption) => sum + redemption.quantity, 0);
            check(current, good.stock, `stock of good ${index}`);
            check(GOOD_STOCK + good.restocked, current + held, `stock conservation of good ${index}`);
          }

          const shop = new DynamoShopStore(documentClient(), tableName());
          const storedOrders: Order[] = [];
          let cursor: string | undefined;
          do {
            const page = await shop.listOrders(cid, cursor);
            storedOrders.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          check(storedOrders.length, orders.length, 'one order per successful order');
          const productNow = (await shop.getProduct(cid, productId))!.stock;
          check(productNow, productStock, 'product stock');
          check(
            PRODUCT_STOCK,
            productNow +
              storedOrders
                .filter((order) => !['refunded', 'cancelled', 'expired'].includes(order.status))
                .reduce((sum, order) => sum + order.lines[0]!.quantity, 0),
            'product stock conservation',
          );
          for (const order of orders) {
            check(
              storedOrders.find((candidate) => candidate.id === order.id)?.status,
              order.status,
              `order ${order.id}`,
            );
          }

          const head = await source.fundHead(cid);
          const entries: FundEntry[] = await source.fundEntries(cid);
          check(verifyChain(entries).intact, true, 'the fund chain is intact');
          check(entries.length, fundEntries, 'one fund entry per successful money movement');
          check(
            entries.reduce((sum, entry) => sum + entry.amountFen, 0),
            head.balanceFen,
            'fund head = Σ entries',
          );
          check(head.incomeFen - head.expenseFen, head.balanceFen, 'fund head = incomes − expenses');
          check(
            entries.every((entry) => entry.balanceAfterFen >= 0),
            true,
            'the fund never went below zero',
          );
          check(head.balanceFen, fundBalance, 'fund balance');
          const makers = await source.makers(cid);
          check(makers.find((entry) => entry.makerId === maker.userId)?.balanceFen ?? 0, makerBalance, 'maker balance');
          check(
            (await source.payoutTotals(cid)).get(maker.userId) ?? 0,
            makers.find((entry) => entry.makerId === maker.userId)?.paidOutFen ?? 0,
            'payouts',
          );
          check(expenses.length, expensesSubmitted, 'expenses');

          // Every resident with an approved claim (all hold ≥ the 3-point threshold) has a certificate.
          check(
            await source.countActiveCertificates(cid),
            new Set(claims.filter((claim) => claim.status === 'approved').map((claim) => claim.memberId)).size,
            'a certificate for every approved volunteer',
          );
          const report = await reconcileCommunity(cid, source);
          check(report.drifts, [], 'reconciliation finds no drift');
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      console.log(
        [
          `fault injection: seed ${SEED}: ${totals.runs} runs, ${totals.operations} operations, ${totals.requests} DynamoDB requests`,
          `faults injected: throttle ${totals.faults.throttle}, transaction conflict ${totals.faults.conflict}, lost ack ${totals.faults.lostAck}`,
          `client retries (same key): ${totals.retries}; healed-network retries: ${totals.healedRetries}; 409 "already done" after a lost ack: ${totals.resolvedByState}`,
          `invariant checks: ${totals.invariantChecks}, all held; nothing lost, nothing duplicated (${Math.round((Date.now() - started) / 1000)} s)`,
          `outcomes: ${JSON.stringify(totals.outcomes)}`,
        ].join('\n'),
      );
    },
    Math.max(600_000, RUNS * OPS * 2_000),
  );
});
