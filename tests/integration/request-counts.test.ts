import { logger } from '../../functions/src/lib/logger';
import { setDocumentClient } from '../../functions/src/store/client';
import { countingClient, type CountingClient, type RequestCounts } from '../../bench/counting-client';
import { HOT_ROUTES } from '../../bench/routes';
import { invoke } from '../support/events';
import { tableName } from '../support/factories';

/**
 * Issue 7: the DynamoDB requests of each hot route, counted on the real client, so they
 * cannot grow unnoticed. Writes carry an Idempotency-Key as the mini-program sends it:
 * the idempotency record costs one PutItem (lock) and one UpdateItem (stored reply).
 */
const IDEMPOTENCY = { PutItem: 1, UpdateItem: 1 };

const PINNED: Record<string, RequestCounts> = {
  // community ∥ the member's items (profile, account, certificate) in one Query
  me: { GetItem: 1, Query: 1 },
  // membership, then one page of the activities index
  'activities list': { GetItem: 1, Query: 1 },
  // membership, activity (secret and window); attendance + capacity counter in one transaction;
  // one conditional ADD on the caller's rate-limit window (30 scans a minute). The community is read
  // only for a check-out (its claim needs the rules).
  'check-in': { GetItem: 2, TransactWriteItems: 1, PutItem: 1, UpdateItem: IDEMPOTENCY.UpdateItem + 1 },
  // approver's membership ∥ community (rules) ∥ claim; status + transfer + audit + statistics +
  // notification in one transaction; the member's account for the certificate threshold
  approve: { GetItem: 4, TransactWriteItems: 1, ...IDEMPOTENCY },
  // membership, good; stock + redemption + transfer in one transaction
  redemption: { GetItem: 2, TransactWriteItems: 1, ...IDEMPOTENCY },
  // membership, product, the buyer's openid for WeChat Pay; stock + order in one transaction
  order: { GetItem: 3, TransactWriteItems: 1, ...IDEMPOTENCY },
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
