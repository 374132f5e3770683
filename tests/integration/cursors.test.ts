import { randomUUID } from 'node:crypto';
import {
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { contracts, dayOf } from '@linli/shared';
import fc from 'fast-check';
import { getDocumentClient, setDocumentClient } from '../../functions/src/store/client';
import { documentClient, send } from '../support/api';
import { createCommunity, tableName } from '../support/factories';
import { heldImage } from '../support/photos';
import { keys } from '../../functions/src/store/keys';
import {
  addToCommunity,
  callRoute,
  loadHandlers,
  must,
  pagedRoutes,
  personIn,
  routeTable,
  type ContractName,
  type Person,
  type RouteCall,
  type RouteEntry,
  type RouteReply,
} from '../support/routes';

/**
 * Issue 12, case 7: a page cursor is accepted only by the query that issued it. For every paged
 * route of the route table (its query takes a `cursor`), the suite makes a real next page — one
 * real item made through the API, cloned in the table past the page size — takes the route's real
 * `nextCursor`, and replays it with every other query of the route, in another community, as
 * another caller and on every other paged route: each must be `400 request.invalid_cursor`, never a
 * 500 (DynamoDB refuses a start key outside the key condition with a ValidationException). Altered
 * and garbage cursors are 400 too; the cursor itself, replayed as issued, still works.
 */

const REPLAYS_PER_ROUTE = Number(process.env.LINLI_CURSOR_RUNS ?? 20);

interface World {
  cid: string;
  otherCid: string;
  /** Resident, staff and admin in both communities: can call every paged route. */
  office: Person;
  /** Same roles as `office`, in both communities. */
  otherOffice: Person;
  clerk: Person;
  checker: Person;
  merchantOwner: Person;
  secondMerchantOwner: Person;
  maker: Person;
  merchantId: string;
  secondMerchantId: string;
}

interface PagedSpec {
  /** Who calls the route; `anonymous` for public routes. */
  caller: 'office' | 'anonymous';
  params?: (w: World, cid: string) => Record<string, string>;
  /** The query whose cursor is replayed. */
  query?: (w: World) => Record<string, string>;
  /** Other queries of the same route: the cursor must not be accepted by any of them. */
  otherQueries?: (w: World) => Record<string, string>[];
  /** Makes at least one real item in the partition the route pages. */
  seed: (w: World) => Promise<void>;
}

let w: World;
const as = (person: Person, call: RouteCall = {}): RouteCall => ({ ...call, token: person.token });
const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function officeClaim(memberId: string): Promise<string> {
  const activity = await must<{ id: string }>(
    'createActivity',
    as(w.clerk, {
      params: { cid: w.cid },
      body: { title: '清扫楼道', category: 'care', startsAt: isoIn(-150), endsAt: isoIn(30) },
    }),
  );
  const reply = await must<{ claim: { id: string } }>(
    'recordOfficeAttendance',
    as(w.clerk, { params: { cid: w.cid, aid: activity.id }, body: { memberId, minutes: 120 } }),
  );
  return reply.claim.id;
}

async function merchantFor(owner: Person): Promise<string> {
  const application = await must<{ id: string }>(
    'submitMerchantApplication',
    as(owner, {
      params: { cid: w.cid },
      body: {
        name: `店-${randomUUID().slice(0, 6)}`,
        licenceNumber: '91510100MA6ABC1234',
        category: 'food',
        address: '邻里路 1 号',
        offer: { description: '凭志愿者证 8 折', pricePercent: 80 },
      },
    }),
  );
  const approved = await must<{ merchant: { id: string } }>(
    'approveMerchantApplication',
    as(w.checker, { params: { cid: w.cid, id: application.id } }),
  );
  return approved.merchant.id;
}

/** A certified member shows their pass at both merchants within minutes: a use at each and a proxy flag. */
async function usesAndFlag(): Promise<void> {
  const member = await personIn(w.cid, ['resident'], 'certified');
  await must('approveClaim', as(w.checker, { params: { cid: w.cid, claimId: await officeClaim(member.userId) } }));
  const pass = await must<{ token: string }>('getCertificatePass', as(member, { params: { cid: w.cid } }));
  await must(
    'verifyPass',
    as(w.merchantOwner, { params: { cid: w.cid, mid: w.merchantId }, body: { token: pass.token } }),
  );
  await must(
    'verifyPass',
    as(w.secondMerchantOwner, { params: { cid: w.cid, mid: w.secondMerchantId }, body: { token: pass.token } }),
  );
}

async function approvedProduct(): Promise<string> {
  const product = await must<{ id: string }>(
    'createProduct',
    as(w.maker, {
      params: { cid: w.cid },
      body: { title: '手工布包', description: '邻居阿姨手缝', priceFen: 100, stock: 1000 },
    }),
  );
  await must('approveProduct', as(w.checker, { params: { cid: w.cid, pid: product.id } }));
  return product.id;
}

const community = (_w: World, cid: string) => ({ cid });
const today = () => dayOf(new Date());
const yesterday = () => dayOf(new Date(Date.now() - 86_400_000));

/** One line per paged route; a paged route missing here fails the suite. */
const SPECS: Partial<Record<ContractName, PagedSpec>> = {
  listMembers: { caller: 'office', otherQueries: () => [{ q: 'staff' }], seed: async () => undefined },
  listActivities: {
    caller: 'office',
    seed: async () => {
      await must(
        'createActivity',
        as(w.clerk, {
          params: { cid: w.cid },
          body: { title: '陪老人聊天', category: 'care', startsAt: isoIn(60), endsAt: isoIn(120) },
        }),
      );
    },
  },
  listClaims: {
    caller: 'office',
    otherQueries: () => [{ status: 'approved' }, { status: 'rejected' }],
    seed: async () => void (await officeClaim(w.otherOffice.userId)),
  },
  listMyClaims: { caller: 'office', seed: async () => void (await officeClaim(w.office.userId)) },
  getMyLedger: {
    caller: 'office',
    seed: async () => {
      await must(
        'recordContribution',
        as(w.clerk, {
          params: { cid: w.cid },
          body: {
            memberId: w.office.userId,
            contributorType: 'resident',
            kind: 'labour',
            description: '修理路灯',
            points: 50,
          },
        }),
      );
    },
  },
  listMyRedemptions: {
    caller: 'office',
    seed: async () => {
      const good = await must<{ id: string }>(
        'createGood',
        as(w.clerk, { params: { cid: w.cid }, body: { name: '大米', pricePoints: 1, stock: 100, valueFen: 500 } }),
      );
      await must('redeem', as(w.office, { params: { cid: w.cid }, body: { goodId: good.id, quantity: 1 } }));
    },
  },
  listRedemptions: {
    caller: 'office',
    otherQueries: () => [{ status: 'picked_up' }, { status: 'cancelled' }],
    seed: async () => undefined, // the redemption of listMyRedemptions is reserved
  },
  listMerchantApplications: {
    caller: 'office',
    otherQueries: () => [{ status: 'active' }, { status: 'rejected' }],
    seed: async () => {
      const applicant = await personIn(w.cid, ['resident'], 'applicant');
      await must(
        'submitMerchantApplication',
        as(applicant, {
          params: { cid: w.cid },
          body: {
            name: '李记水果',
            licenceNumber: '91510100MA6ABC9999',
            category: 'food',
            address: '邻里路 2 号',
            offer: { description: '九折', pricePercent: 90 },
          },
        }),
      );
    },
  },
  listMerchantUses: {
    caller: 'office',
    params: (world, cid) => ({ cid, mid: world.merchantId }),
    seed: usesAndFlag,
  },
  listFlags: { caller: 'office', seed: async () => undefined }, // raised by listMerchantUses' seed
  listComplaints: {
    caller: 'office',
    otherQueries: () => [{ status: 'resolved' }],
    seed: async () => {
      await must(
        'fileComplaint',
        as(w.office, { params: { cid: w.cid, mid: w.merchantId }, body: { description: '少找了钱' } }),
      );
    },
  },
  listPosts: {
    caller: 'office',
    seed: async () => {
      await must(
        'createPost',
        as(w.merchantOwner, {
          params: { cid: w.cid, mid: w.merchantId },
          body: { kind: 'promotion', title: '周末特价', body: '包子买十送一', expiresAt: isoIn(7 * 24 * 60) },
        }),
      );
    },
  },
  // a post WeChat's check holds for review (the stand-in's rule: LINLI-REVIEW)
  listHeldPosts: {
    caller: 'office',
    seed: async () => {
      await must(
        'createPost',
        as(w.merchantOwner, {
          params: { cid: w.cid, mid: w.merchantId },
          body: { kind: 'promotion', title: '新品 LINLI-REVIEW', body: '八折', expiresAt: isoIn(7 * 24 * 60) },
        }),
      );
    },
  },
  // a team leader's activity WeChat's check held for review (from the clerk's activity, marked)
  listActivityReviews: {
    caller: 'office',
    seed: async () => {
      const activity = await must<{ id: string }>(
        'createActivity',
        as(w.office, {
          params: { cid: w.cid },
          body: { title: '待审活动', category: 'care', startsAt: isoIn(60), endsAt: isoIn(120) },
        }),
      );
      await documentClient().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.activity(w.cid, activity.id),
          UpdateExpression: 'SET heldForReview = :held',
          ExpressionAttributeValues: { ':held': true },
        }),
      );
    },
  },
  // a paid donation whose message WeChat's check held (the stand-in's rule: LINLI-REVIEW)
  listDonationMessageReviews: {
    caller: 'office',
    otherQueries: () => [{ status: 'released' }],
    seed: async () => {
      const donor = await personIn(w.cid, ['resident'], 'donor');
      const order = await must<{ id: string }>(
        'donate',
        as(donor, { params: { cid: w.cid }, body: { amountFen: 100, message: '加油 LINLI-REVIEW' } }),
      );
      await must('devPayOrder', as(donor, { params: { cid: w.cid, oid: order.id } }));
    },
  },
  // a photo WeChat's check left for a person's review
  listImageReviews: {
    caller: 'office',
    seed: async () => {
      await heldImage(w.cid, w.office.userId);
    },
  },
  // a donor's request for a donation receipt (捐赠票据), waiting in the office's queue
  listReceiptRequests: {
    caller: 'office',
    otherQueries: () => [{ status: 'issued' }, { status: 'rejected' }, { status: 'void' }],
    seed: async () => {
      const donor = await personIn(w.cid, ['resident'], 'donor');
      const order = await must<{ id: string }>(
        'donate',
        as(donor, { params: { cid: w.cid }, body: { amountFen: 100 } }),
      );
      await must('devPayOrder', as(donor, { params: { cid: w.cid, oid: order.id } }));
      await must(
        'requestDonationReceipt',
        as(donor, { params: { cid: w.cid }, body: { orderId: order.id, payerName: '王芳' } }),
      );
    },
  },
  listRecordRequests: {
    caller: 'office',
    otherQueries: () => [{ status: 'accepted' }, { status: 'rejected' }],
    seed: async () => {
      const asker = await personIn(w.cid, ['resident'], 'asker');
      await must('requestRecordCorrection', as(asker, { params: { cid: w.cid }, body: { description: '少记一次' } }));
    },
  },
  listServiceCertificates: {
    caller: 'office',
    seed: async () => {
      await must(
        'updateCommunity',
        as(w.office, {
          params: { cid: w.cid },
          body: { office: { address: '邻里路 1 号', phone: '010-12345678', responsiblePerson: '张主任' } },
        }),
      );
      const holder = await personIn(w.cid, ['resident'], 'holder');
      await must('approveClaim', as(w.checker, { params: { cid: w.cid, claimId: await officeClaim(holder.userId) } }));
      await must('putVolunteerProfile', as(holder, { params: { cid: w.cid }, body: { realName: '王芳' } }));
      await must('issueServiceCertificate', as(w.clerk, { params: { cid: w.cid }, body: { memberId: holder.userId } }));
    },
  },
  listAudit: {
    caller: 'office',
    query: () => ({ from: today(), to: today() }),
    otherQueries: (): Record<string, string>[] => [
      { from: '2020-01-01', to: '2020-01-02' },
      { from: yesterday(), to: today() },
      {},
      { from: today(), to: today(), action: 'activity.create' },
      { from: today(), to: today(), objectType: 'activity' },
      { from: today(), to: today(), actorId: w.clerk.userId },
    ],
    seed: async () => undefined, // every seed above wrote audit entries
  },
  getFund: {
    caller: 'anonymous',
    seed: async () => {
      await must(
        'recordFundIncome',
        as(w.clerk, { params: { cid: w.cid }, body: { kind: 'stall', amountFen: 100_000, description: '义卖' } }),
      );
    },
  },
  listFundExpenses: {
    caller: 'office',
    otherQueries: () => [{ status: 'approved' }, { status: 'rejected' }],
    seed: async () => {
      await must(
        'submitFundExpense',
        as(w.clerk, {
          params: { cid: w.cid },
          body: { amountFen: 100, purpose: '买米面油', category: 'elderly_care' },
        }),
      );
    },
  },
  listProductsForReview: {
    caller: 'office',
    otherQueries: () => [{ status: 'approved' }, { status: 'rejected' }],
    seed: async () => {
      await must(
        'createProduct',
        as(w.maker, {
          params: { cid: w.cid },
          body: { title: '竹编篮', description: '手工', priceFen: 3000, stock: 3 },
        }),
      );
    },
  },
  listMyOrders: {
    caller: 'office',
    seed: async () => {
      const productId = await approvedProduct();
      await must(
        'createOrder',
        as(w.office, { params: { cid: w.cid }, body: { items: [{ productId, quantity: 1 }] } }),
      );
    },
  },
  listOrders: {
    caller: 'office',
    otherQueries: () => [{ status: 'paid' }, { status: 'cancelled' }],
    seed: async () => undefined, // the order of listMyOrders
  },
};

// ---------------------------------------------------------------- recording the page query

/** The document client the handlers use, with every Query's input recorded. */
function recordingClient(client: DynamoDBDocumentClient): {
  client: DynamoDBDocumentClient;
  queries: QueryCommandInput[];
} {
  const queries: QueryCommandInput[] = [];
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const recording = Object.create(client) as DynamoDBDocumentClient;
  recording.send = ((command: unknown) => {
    if (command instanceof QueryCommand) queries.push(command.input);
    return send(command);
  }) as DynamoDBDocumentClient['send'];
  return { client: recording, queries };
}

let recorder: { client: DynamoDBDocumentClient; queries: QueryCommandInput[] };

function callOf(
  entry: RouteEntry,
  spec: PagedSpec,
  options: { cid?: string; as?: Person | null; query?: Record<string, string>; cursor?: string } = {},
): RouteCall {
  const cid = options.cid ?? w.cid;
  const caller = options.as === undefined ? (spec.caller === 'office' ? w.office : null) : options.as;
  const query = { ...(options.query ?? spec.query?.(w) ?? {}), ...(options.cursor ? { cursor: options.cursor } : {}) };
  return {
    ...(caller ? { token: caller.token } : {}),
    params: (spec.params ?? community)(w, cid),
    query,
  };
}

/** The one Query with a `Limit` the route ran: the page it reads. */
async function pageQueryOf(entry: RouteEntry, spec: PagedSpec): Promise<QueryCommandInput> {
  recorder.queries.length = 0;
  const reply = await callRoute(entry.contract, callOf(entry, spec));
  if (reply.status !== 200) throw new Error(`${entry.contract} → ${reply.status} ${reply.text.slice(0, 300)}`);
  const paged = recorder.queries.filter((query) => query.Limit !== undefined);
  if (paged.length !== 1) throw new Error(`${entry.contract} ran ${paged.length} paged queries`);
  return paged[0]!;
}

/** Copies of a real item of the partition (sort keys suffixed) until the partition holds more than a page. */
async function fillPartition(query: QueryCommandInput): Promise<void> {
  const { Limit, ...everything } = query;
  const found = await documentClient().send(new QueryCommand({ ...everything, TableName: tableName() }));
  const items = found.Items ?? [];
  const original = items[0];
  if (!original) throw new Error(`nothing to page in ${JSON.stringify(query.ExpressionAttributeValues)}`);
  const sortAttributes = ['SK', ...(query.IndexName ? [`${query.IndexName}SK`] : [])];
  for (let copy = items.length; copy <= (Limit ?? 0); copy += 1) {
    const clone: Record<string, unknown> = { ...original };
    for (const attribute of sortAttributes) clone[attribute] = `${String(original[attribute])}~${copy}`;
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: clone }));
  }
}

const nextCursorOf = (reply: RouteReply): string | null =>
  (reply.json as { nextCursor?: string | null } | undefined)?.nextCursor ?? null;

const refused = (reply: RouteReply) => ({
  status: reply.status,
  code: (reply.json as { error?: { code?: string } } | undefined)?.error?.code,
});

// ---------------------------------------------------------------- the suite

let entries: RouteEntry[];
let paged: RouteEntry[];
const cursors = new Map<ContractName, string>();

beforeAll(async () => {
  const table = routeTable();
  if (table.problems.length > 0) throw new Error(`route table: ${table.problems.join('; ')}`);
  entries = table.entries;
  paged = pagedRoutes(entries);
  await loadHandlers(entries);
  recorder = recordingClient(getDocumentClient());
  setDocumentClient(recorder.client);

  const [main, other] = await Promise.all([createCommunity(), createCommunity()]);
  const [office, otherOffice, clerk, checker, merchantOwner, secondMerchantOwner, maker] = await Promise.all([
    personIn(main.id, ['resident', 'staff', 'admin'], 'office'),
    personIn(main.id, ['resident', 'staff', 'admin'], 'office2'),
    personIn(main.id, ['staff'], 'clerk'),
    personIn(main.id, ['staff'], 'checker'),
    personIn(main.id, ['resident'], 'owner'),
    personIn(main.id, ['resident'], 'owner2'),
    personIn(main.id, ['resident', 'maker'], 'maker'),
  ]);
  await addToCommunity(other.id, office.userId, ['resident', 'staff', 'admin'], 'office');
  await addToCommunity(other.id, otherOffice.userId, ['resident', 'staff', 'admin'], 'office2');
  w = {
    cid: main.id,
    otherCid: other.id,
    office,
    otherOffice,
    clerk,
    checker,
    merchantOwner,
    secondMerchantOwner,
    maker,
    merchantId: '',
    secondMerchantId: '',
  };
  w.merchantId = await merchantFor(merchantOwner);
  w.secondMerchantId = await merchantFor(secondMerchantOwner);
  for (const entry of paged) await SPECS[entry.contract]?.seed(w);
  for (const entry of paged) {
    const spec = SPECS[entry.contract];
    if (!spec) continue;
    await fillPartition(await pageQueryOf(entry, spec));
    const first = await callRoute(entry.contract, callOf(entry, spec));
    const cursor = nextCursorOf(first);
    if (first.status !== 200 || !cursor) throw new Error(`${entry.contract}: no next page (${first.status})`);
    cursors.set(entry.contract, cursor);
  }
}, 240_000);

afterAll(() => setDocumentClient(undefined));

describe('page cursors (every paged route of the route table)', () => {
  it('has a spec for every paged route, and every spec is a paged route', () => {
    const pagedNames = paged.map((entry) => entry.contract).sort();

    expect(Object.keys(SPECS).sort()).toEqual(pagedNames);
    expect(pagedNames.length).toBeGreaterThan(0);
  });

  it('accepts a cursor on the query that issued it: the next page, a cursor of its own or none', async () => {
    for (const entry of paged) {
      const spec = SPECS[entry.contract]!;
      const cursor = cursors.get(entry.contract)!;
      const next = await callRoute(entry.contract, callOf(entry, spec, { cursor }));

      expect({ route: entry.contract, status: next.status }).toEqual({ route: entry.contract, status: 200 });
      expect(cursor.length).toBeLessThanOrEqual(500);
    }
  });

  it('refuses a cursor replayed with another query, in another community or by another caller (400)', async () => {
    const outcomes: { route: ContractName; replay: string; status: number; code?: string }[] = [];
    for (const entry of paged) {
      const spec = SPECS[entry.contract]!;
      const cursor = cursors.get(entry.contract)!;
      const replays: [string, RouteCall][] = [
        ...(spec.otherQueries?.(w) ?? []).map((query): [string, RouteCall] => [
          `query ${JSON.stringify(query)}`,
          callOf(entry, spec, { query, cursor }),
        ]),
        ['another community', callOf(entry, spec, { cid: w.otherCid, cursor })],
        // A public route does not know its caller: the same page for everyone.
        ...(spec.caller === 'office'
          ? [['another caller', callOf(entry, spec, { as: w.otherOffice, cursor })] as [string, RouteCall]]
          : []),
      ];
      for (const [replay, routeCall] of replays) {
        outcomes.push({ route: entry.contract, replay, ...refused(await callRoute(entry.contract, routeCall)) });
      }
    }

    expect(outcomes.filter((outcome) => outcome.status !== 400 || outcome.code !== 'request.invalid_cursor')).toEqual(
      [],
    );
  });

  it('refuses the cursor of any other paged route (400)', async () => {
    const outcomes: { route: ContractName; from: ContractName; status: number; code?: string }[] = [];
    for (const entry of paged) {
      for (const [from, cursor] of cursors) {
        if (from === entry.contract) continue;
        const reply = await callRoute(entry.contract, callOf(entry, SPECS[entry.contract]!, { cursor }));
        outcomes.push({ route: entry.contract, from, ...refused(reply) });
      }
    }

    expect(outcomes.filter((outcome) => outcome.status !== 400 || outcome.code !== 'request.invalid_cursor')).toEqual(
      [],
    );
  });

  it('refuses altered, unsigned and garbage cursors (400), never a 500', async () => {
    for (const entry of paged) {
      const spec = SPECS[entry.contract]!;
      const cursor = cursors.get(entry.contract)!;
      const [payload = '', signature = ''] = cursor.split('.');
      const key = Buffer.from(payload, 'base64url').toString('utf8');
      const otherSignature = [...cursors.values()].find((other) => other !== cursor)!.split('.')[1];
      const flip = (text: string, at: number) =>
        `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
      const crafted = [
        flip(cursor, 0),
        `${payload}.${flip(signature, 3)}`,
        `${payload}.${otherSignature}`,
        payload,
        `${payload}.`,
        Buffer.from(key).toString('base64url'),
        Buffer.from(JSON.stringify({ PK: 'x', SK: 'y' })).toString('base64url'),
        `${Buffer.from('[1,2,3,4]').toString('base64url')}.${signature}`,
      ];
      const garbage = fc.sample(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.base64String({ maxLength: 400 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        { numRuns: REPLAYS_PER_ROUTE, seed: 12 },
      );
      for (const value of [...crafted, ...garbage].filter((value) => value !== '')) {
        const reply = await callRoute(entry.contract, callOf(entry, spec, { cursor: value }));
        const outcome = { route: entry.contract, cursor: value, ...refused(reply) };

        expect(outcome).toEqual({
          route: entry.contract,
          cursor: value,
          status: 400,
          code: expect.stringMatching(/^request\.(invalid_cursor|validation_failed)$/),
        });
      }
    }
  });
});

describe('the audit log over HTTP (issue 12, case 7)', () => {
  it('answers a cursor from another date range with 400 request.invalid_cursor, not a 500', async () => {
    const first = await send(contracts.listAudit, {
      params: { cid: w.cid },
      query: { from: today(), to: today() },
      token: w.office.token,
    });
    const cursor = first.body.nextCursor!;
    const replay = (from: string, to: string) =>
      send(contracts.listAudit, { params: { cid: w.cid }, query: { from, to, cursor }, token: w.office.token });

    const elsewhere = await replay('2020-01-01', '2020-01-02');
    const wider = await replay(yesterday(), today());
    const same = await replay(today(), today());

    expect(first.status).toBe(200);
    expect(elsewhere).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_cursor' } } });
    expect(wider).toMatchObject({ status: 400, body: { error: { code: 'request.invalid_cursor' } } });
    expect(same.status).toBe(200);
  });
});
