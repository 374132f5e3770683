import { logger } from '../../functions/src/lib/logger';
import { setDocumentClient } from '../../functions/src/store/client';
import { countingClient, type CountingClient, type RequestCounts } from '../../bench/counting-client';
import { HOT_ROUTES } from '../../bench/routes';
import { invoke } from '../support/events';
import { tableName } from '../support/factories';

/**
 * Issue 7, issue 15: the DynamoDB requests of each hot route, counted on the real client, so they
 * cannot grow unnoticed. Writes carry an Idempotency-Key as the mini-program sends it. A write is
 * at the physical minimum: ONE BatchGetItem for everything it reads (with the idempotency record
 * and the rate window) and ONE TransactWriteItems for everything it changes (with the record
 * carrying the reply, and the window's ADD) — `store/unit-of-work.ts`. Every route with a token also
 * reads the caller's user record first (one GetItem: a closed account's tokens stop at once, issue 20);
 * folding that read into the write's BatchGetItem is the next step.
 */
const CALLER = { GetItem: 1 };
const WRITE = { ...CALLER, BatchGetItem: 1, TransactWriteItems: 1 };

const PINNED: Record<string, RequestCounts> = {
  // the caller's user record; community ∥ the member's items (profile, account, certificate) in one Query
  me: { GetItem: 2, Query: 1 },
  // the caller's user record; membership ∥ one page of the activities index
  'activities list': { GetItem: 2, Query: 1 },
  // membership, community, activity, attendance (+ record, window); attendance + counter shard + window
  'check-in': WRITE,
  // approver's membership, community, claim, the member's account and certificate (+ record);
  // status + transfer + audit + statistics + notification (+ record)
  approve: WRITE,
  // membership, good (+ record); stock + redemption + transfer (+ record)
  redemption: WRITE,
  // membership, user (openid for WeChat Pay), product (+ record); stock + order (+ record)
  order: WRITE,
  // community ∥ fund head with the monthly totals (one Query: they share a partition) ∥ newest entries
  'fund page': { GetItem: 1, Query: 2 },
};

describe('DynamoDB requests per hot route', () => {
  let counting: CountingClient;

  beforeAll(() => {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: run through tests/jest.config.js');
    counting = countingClient(endpoint);
    setDocumentClient(counting.documentClient);
    logger.setLogLevel('WARN');
  });

  afterAll(() => {
    setDocumentClient(undefined);
    counting.destroy();
  });

  it('pins every hot route', () => {
    expect(Object.keys(PINNED).sort()).toEqual(HOT_ROUTES.map((route) => route.name).sort());
  });

  it.each(HOT_ROUTES.map((route) => [route.name, route] as const))('%s', async (name, route) => {
    const prepared = await route.prepare({ client: counting.documentClient, tableName: tableName(), iterations: 2 });
    const handler = await route.handler();

    counting.reset();
    const reply = await invoke(handler, prepared.event(0));
    const counts = counting.counts();

    expect(reply.status).toBe(prepared.status);
    expect(counts).toEqual(PINNED[name]);
  });
});
