import { randomUUID } from 'node:crypto';
import { addDays, contracts, dayOf, PRIVACY_GUIDE_VERSION, weekdayOf } from '@linli/shared';
import fc from 'fast-check';
import { birthDateYearsAgo } from '../support/clock';
import { createCommunity } from '../support/factories';
import {
  callRoute,
  declaredOptions,
  loadHandlers,
  must,
  personIn,
  routeTable,
  type ContractName,
  type Person,
  type RouteCall,
  type RouteEntry,
} from '../support/routes';
import { describeChanges, tableSnapshot } from '../support/table-snapshot';

/**
 * DESIGN.md, "Errors": a malformed or hostile request never produces a 500 and never leaves
 * partial state. For every route of the route table, fast-check builds requests from and around
 * the route's zod schemas — each one invalid by construction (a schema-breaking body or path
 * parameter, an unknown community, malformed or oversized JSON, a wrong content type, a bad
 * token, Idempotency-Key or X-Act-For) with hostile noise on top — and sends them, with a caller
 * holding every role, to the real handlers. Each reply must be a 4xx with the JSON error body, and
 * the table (all items but idempotency records and rate-limit windows) must be unchanged after
 * the route's batch.
 *
 * LINLI_FUZZ_RUNS (default 25 a route), LINLI_FUZZ_SEED to replay the seed a run prints.
 * The table snapshot is a full Scan: run this file on its own (jest runs one file at a time on
 * a 2-core machine), since another suite writing at the same time would show up as a change.
 */

const RUNS = Number(process.env.LINLI_FUZZ_RUNS ?? 25);
const SEED = process.env.LINLI_FUZZ_SEED ? Number(process.env.LINLI_FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const MAX_BODY_BYTES = 64 * 1024;

// ---------------------------------------------------------------- schemas, read through zod's definitions

interface ZodDefinition {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDefinition } }>;
  innerType?: { _zod: { def: ZodDefinition } };
}
type AnySchema = { _zod: { def: ZodDefinition }; safeParse(value: unknown): { success: boolean } };

const schemaOf = (name: ContractName, part: 'params' | 'body') =>
  (contracts[name] as unknown as Partial<Record<'params' | 'body', AnySchema>>)[part];

/** `{field: 'string' | 'number' | 'enum' | 'array' | 'object' | 'boolean'}` of an object schema. */
function fieldsOf(schema: AnySchema | undefined): Record<string, string> {
  const shape = schema?._zod.def.shape ?? {};
  return Object.fromEntries(
    Object.entries(shape).map(([field, value]) => {
      const definition = value._zod.def;
      return [
        field,
        definition.type === 'optional' ? (definition.innerType?._zod.def.type ?? 'unknown') : definition.type,
      ];
    }),
  );
}

// ---------------------------------------------------------------- hostile values

const HUGE = [1_000, 10_000, 100_000];
const hugeString = fc
  .tuple(fc.constantFrom(...HUGE), fc.constantFrom('x', '邻', '😀', '\u202e', 'a\u0000'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));
const weirdText = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u0007bell',
  '\ud800',
  '\udfff lone',
  '\u202eRTL override',
  'مرحبا بالعالم',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '../../etc/passwd',
  '#fragment',
  '%00',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'null',
  'true',
  '2026-02-30T25:61:00Z',
  '9999-12-31T23:59:59.999Z',
);
const weirdNumber = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  1.0000001,
  -100_000_000,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  weirdText,
  weirdNumber,
  fc.constantFrom(null, true, false, [], {}, ['x'], { $ne: null }, { __proto__: { isAdmin: true } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.oneof(weirdText, weirdNumber), { maxLength: 30 }),
);

/** A value for a field of this zod type: usually wrong, sometimes plausible. */
function valueFor(type: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'number':
      return fc.oneof(weirdNumber, fc.integer({ min: -10, max: 10 }), weirdText, anyJson);
    case 'string':
      return fc.oneof(
        { arbitrary: weirdText, weight: 4 },
        { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 3 },
        { arbitrary: weirdNumber, weight: 1 },
        { arbitrary: anyJson, weight: 1 },
        { arbitrary: hugeString, weight: 1 },
      );
    case 'enum':
      return fc.oneof(fc.constantFrom('PENDING', 'approved ', 'admin', 'paid', ''), anyJson);
    case 'array':
      return fc.oneof(
        fc.array(anyJson, { maxLength: 30 }),
        fc.constant(Array.from({ length: 1000 }, () => 'x')),
        anyJson,
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 1, 0, 'false', null), anyJson);
    default:
      return anyJson;
  }
}

/** Fields a client must never set: the server owns them (mass assignment). */
const MASS_ASSIGNMENT = fc.constantFrom(
  'balancePoints',
  'status',
  'roles',
  'communityId',
  'decidedBy',
  'decidedAt',
  'ownerId',
  'buyerId',
  'makerId',
  'memberId',
  'userId',
  'id',
  'createdAt',
  'amountPoints',
  'isAdmin',
  'PK',
  'SK',
  'type',
);
const PROTOTYPE_KEYS = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** JSON text from entries, so `__proto__` and duplicate keys reach the server as they are. */
const objectText = (entries: [string, unknown][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`;

function hostileBody(name: ContractName): fc.Arbitrary<string> {
  const fields = fieldsOf(schemaOf(name, 'body'));
  const known = Object.entries(fields).map(([field, type]) =>
    fc.option(
      valueFor(type).map((value): [string, unknown] => [field, value]),
      { nil: undefined },
    ),
  );
  const extras = fc.array(
    fc.oneof(
      fc.tuple(MASS_ASSIGNMENT, anyJson),
      fc.tuple(PROTOTYPE_KEYS, fc.constantFrom({ isAdmin: true }, { prototype: { roles: ['admin'] } }, 'x')),
      fc.tuple(fc.string({ maxLength: 10 }), anyJson),
    ),
    { maxLength: 3 },
  );
  return fc
    .tuple(fc.tuple(...known), extras)
    .map(([present, extra]) =>
      objectText([...present.filter((entry): entry is [string, unknown] => entry !== undefined), ...extra]),
    );
}

const MALFORMED_JSON = fc.constantFrom(
  '{',
  '{"a":}',
  "{'single':'quotes'}",
  '{"a":1,}',
  '[1,2',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '\u0000',
  '{"a":"\\ud800"',
  '<xml/>',
  'a=1&b=2',
  '{"__proto__":',
  '\ufeff{}x',
);

const WEIRD_PATH = fc.oneof(
  fc.constantFrom('../', '..%2F..%2F', '../../etc/passwd', '#', '?x=1', '', ' ', '%00', '\u0000', 'A'.repeat(65)),
  fc.constantFrom('😀', '\u202e', '邻里', '__proto__', 'constructor', '.', '..', 'a/b', 'a#b', 'UPPER-Case'),
  fc.integer({ min: 100, max: 5000 }).map((length) => 'i'.repeat(length)),
);

const WEIRD_KEY = fc.oneof(
  fc.constantFrom('', 'short', ' '.repeat(20), '../../../../', 'k'.repeat(129), 'key with spaces', '😀😀😀😀😀😀😀😀'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
);
const validIdempotencyKey = (key: string) => /^[A-Za-z0-9_.:-]{8,128}$/.test(key);

const WEIRD_QUERY = fc.dictionary(
  fc.oneof(
    fc.constantFrom('cursor', 'status', 'month', 'kind', 'from', 'to', 'format', 'limit'),
    PROTOTYPE_KEYS,
    fc.string({ maxLength: 8 }),
  ),
  fc.oneof(
    fc.constantFrom('bm90LWEtY3Vyc29y', 'eyJQSyI6IkNPTU1VTklUWSNvdGhlciJ9', '../', '%', '-1', '2026-13', '2026-02-30'),
    fc.base64String({ maxLength: 80 }),
    weirdText,
    fc.integer({ min: 400, max: 2000 }).map((length) => 'c'.repeat(length)),
  ),
  { maxKeys: 4 },
);

// ---------------------------------------------------------------- valid bodies (for requests about unknown objects)

/** Path parameters that name an object (not the community, not an enum). */
const OBJECT_PARAMS = new Set([
  'aid',
  'claimId',
  'transferId',
  'memberId',
  'id',
  'mid',
  'flagId',
  'complaintId',
  'postId',
  'goodId',
  'redemptionId',
  'pid',
  'oid',
  'pledgeId',
  'residentId',
  'proxyId',
  'sid',
  'tid',
  'imageId',
  'messageId',
  'requestId',
]);
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const reason = () => ({ reason: '核实后处理' });
const inAnHour = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/** A valid body for every route that takes one (a route added without one fails the suite). */
const VALID_BODY: Partial<Record<ContractName, (fixture: Fixture) => unknown>> = {
  devLogin: () => ({ openid: 'fuzz-openid' }),
  wechatLogin: () => ({ code: 'fuzz-code' }),
  updateCommunity: () => ({ name: '模糊社区' }),
  createCommunity: () => ({ id: 'fuzz-community', name: '模糊社区', currencyName: '模糊币' }),
  setCommunityAdmin: () => ({ openid: 'fuzz-admin' }),
  createInvitation: () => ({ roles: ['resident'], maxUses: 2 }),
  createDistrict: () => ({ id: 'fuzz-district', name: '模糊街道' }),
  setDistrictOfficer: () => ({ openid: 'fuzz-officer' }),
  createActivity: () => ({ title: '清扫', category: 'care', startsAt: inAnHour(60), endsAt: inAnHour(120) }),
  checkin: (fixture) => ({ activityId: fixture.ids.aid, code: '123456', direction: 'in' }),
  signUp: () => ({}),
  putVolunteerProfile: () => ({ realName: '王芳', skills: ['急救'] }),
  requestRecordCorrection: () => ({ description: '少记了一次扫雪' }),
  requestServiceCertificate: () => ({ from: '2026-01-01', to: '2026-06-30' }),
  decideRecordRequest: () => ({ decision: 'rejected', reason: '核实后处理' }),
  issueServiceCertificate: (fixture) => ({ memberId: fixture.caller.userId }),
  revokeServiceCertificate: reason,
  putCertificateSeal: () => ({
    contentType: 'image/png',
    base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  }),
  bulkApproveClaims: (fixture) => ({ claimIds: [fixture.ids.claimId] }),
  submitMerchantApplication: () => ({
    name: '小店',
    licenceNumber: '91510100MA6ABC1234',
    category: 'food',
    address: '邻里路 1 号',
    offer: { description: '九折', pricePercent: 90 },
  }),
  recordContribution: (fixture) => ({
    memberId: fixture.caller.userId,
    contributorType: 'resident',
    kind: 'labour',
    description: '扫地',
    points: 1,
  }),
  createGood: () => ({ name: '大米', pricePoints: 1, stock: 1, valueFen: 100 }),
  redeem: () => ({ goodId: 'no-such-good', quantity: 1 }),
  recordFundIncome: () => ({ kind: 'stall', amountFen: 100, description: '义卖' }),
  submitFundExpense: () => ({ amountFen: 100, purpose: '慰问', category: 'other' }),
  createProduct: () => ({ title: '布包', description: '手工', priceFen: 100, stock: 1 }),
  createOrder: () => ({ items: [{ productId: 'no-such-product', quantity: 1 }] }),
  donate: () => ({ amountFen: 100 }),
  createPledge: () => ({ amountFen: 100, dayOfMonth: 1 }),
  subscribe: () => ({ kinds: ['claim_decided'] }),
  acceptConsent: () => ({ kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION }),
  updateMyDisplayName: () => ({ displayName: '改过的名字' }),
  addChild: () => ({ displayName: '小明', birthDate: birthDateYearsAgo(8), guardianConsent: true }),
  giftPoints: () => ({ toPool: true, points: 1 }),
  recognize: (fixture) => ({ month: thisMonth(), memberIds: [fixture.caller.userId], citation: '热心' }),
  createOfflineMember: () => ({ displayName: '王奶奶' }),
  createProxy: (fixture) => ({ residentId: fixture.caller.userId, proxyId: fixture.ids.proxyId }),
  setMemberRoles: () => ({ roles: ['resident'] }),
  updateActivity: () => ({ title: '新标题' }),
  createActivitySeries: () => {
    const startsAt = inAnHour(60);
    return {
      activity: { title: '助老洗澡', category: 'care', startsAt, endsAt: inAnHour(120) },
      weekdays: [weekdayOf(startsAt)],
      until: addDays(dayOf(startsAt), 14),
    };
  },
  updateActivitySeries: (fixture) => ({ from: fixture.ids.aid, patch: { title: '新标题' } }),
  cancelActivitySeries: (fixture) => ({ from: fixture.ids.aid }),
  recordOfficeAttendance: (fixture) => ({ memberId: fixture.caller.userId, minutes: 60 }),
  rejectClaim: reason,
  reverseTransfer: reason,
  revokeCertificate: reason,
  rejectMerchantApplication: reason,
  updateMerchantOffer: () => ({ offer: { description: '九折', pricePercent: 90 } }),
  addMerchantStaff: (fixture) => ({ memberId: fixture.caller.userId }),
  setMerchantStatus: () => ({ status: 'warned', reason: '投诉属实' }),
  verifyPass: () => ({ token: 'not-a-pass', billFen: 100 }),
  resolveFlag: () => ({ outcome: 'dismissed' }),
  fileComplaint: () => ({ description: '少找了钱' }),
  resolveComplaint: () => ({ outcome: 'warn', note: '已核实' }),
  createPost: () => ({ kind: 'promotion', title: '特价', body: '买一送一', expiresAt: inAWeek() }),
  takeDownPost: reason,
  restockGood: () => ({ quantity: 1 }),
  pickupRedemption: () => ({ pickupCode: '123456' }),
  rejectFundExpense: reason,
  rejectProduct: reason,
  fulfilOrder: () => ({ status: 'completed' }),
  refundOrder: reason,
  recordPayout: () => ({ amountFen: 1, note: '月结' }),
  changePledge: () => ({ action: 'cancel' }),
  createTeam: () => ({ name: '模糊服务队', description: '周末活动' }),
  updateTeam: () => ({ description: '新的介绍' }),
  addTeamMember: (fixture) => ({ memberId: fixture.caller.userId }),
  rejectTeamJoinRequest: reason,
  requestImageUpload: () => ({ purpose: 'product', contentType: 'image/png', bytes: 100 }),
  removeImage: reason,
  removeDonationMessage: reason,
  setFundHolder: () => ({
    name: '模糊慈善会',
    creditCode: '53100000500021676K',
    qualification: { validFrom: '2020-01-01', validUntil: '2099-12-31' },
  }),
  requestDonationReceipt: () => ({ orderId: 'no-such-order', payerName: '王芳' }),
  issueDonationReceipt: () => ({ receiptNo: 'NO-0001' }),
  rejectReceiptRequest: reason,
  putActivityEvidence: () => ({ imageIds: [] }),
  closeAccount: () => ({ confirm: true }),
  putMerchantStorefront: () => ({ imageId: null }),
};

function validBody(name: ContractName, fixture: Fixture): unknown {
  const make = VALID_BODY[name];
  if (!make) throw new Error(`${name}: add a valid body to VALID_BODY`);
  const body = make(fixture);
  if (!(schemaOf(name, 'body') as AnySchema).safeParse(body).success)
    throw new Error(`${name}: VALID_BODY is not valid`);
  return body;
}

// ---------------------------------------------------------------- one hostile request

/** Why a case must be refused: each is enough on its own. */
type Vector =
  | 'body-schema'
  | 'one-field'
  | 'path-schema'
  | 'unknown-community'
  | 'unknown-object'
  | 'malformed-json'
  | 'oversized-body'
  | 'content-type'
  | 'token'
  | 'idempotency-key'
  | 'act-for';

interface HostileCase {
  vector: Vector;
  call: RouteCall;
  note: string;
}

interface Fixture {
  cid: string;
  caller: Person;
  ids: Record<string, string>;
}

function vectorsFor(entry: RouteEntry): Vector[] {
  const options = declaredOptions(entry);
  const params = fieldsOf(schemaOf(entry.contract, 'params'));
  const vectors: Vector[] = ['malformed-json', 'oversized-body', 'content-type'];
  if (schemaOf(entry.contract, 'body')) vectors.push('body-schema');
  if (Object.keys(params).length > 0) vectors.push('path-schema');
  if ('cid' in params) vectors.push('unknown-community');
  if (Object.keys(params).some((field) => OBJECT_PARAMS.has(field))) vectors.push('unknown-object', 'unknown-object');
  // one field of a valid body made hostile (or one server-owned field added): twice as likely
  if (schemaOf(entry.contract, 'body')) vectors.push('one-field', 'one-field');
  if (!options.public) vectors.push('token', 'act-for');
  if (options.idempotent) vectors.push('idempotency-key');
  return vectors;
}

function hostileCase(entry: RouteEntry, fixture: Fixture): fc.Arbitrary<HostileCase> {
  const name = entry.contract;
  const paramFields = Object.keys(fieldsOf(schemaOf(name, 'params')));
  const bodyFields = fieldsOf(schemaOf(name, 'body'));
  const hasBodySchema = schemaOf(name, 'body') !== undefined;
  const validParams = Object.fromEntries(paramFields.map((field) => [field, fixture.ids[field] ?? 'no-such-id-1']));
  if ('dataset' in validParams) validParams.dataset = 'members';
  if ('kind' in validParams) validParams.kind = 'privacy_guide';
  if ('period' in validParams) validParams.period = '2025-Q4';

  const body = hasBodySchema ? hostileBody(name) : fc.option(hostileBody(name), { nil: undefined });
  const noise = fc.record({
    query: fc.option(WEIRD_QUERY, { nil: undefined }),
    idempotencyKey: fc.option(WEIRD_KEY, { nil: undefined }),
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json-patch+json',
    ),
  });

  return fc
    .record({
      vector: fc.constantFrom(...vectorsFor(entry)),
      body,
      noise,
      path: WEIRD_PATH,
      field: fc.nat(),
      text: MALFORMED_JSON,
    })
    .chain((draft) =>
      fc
        .record({
          badToken: fc.constantFrom(
            undefined,
            '',
            'Bearer',
            'Bearer ',
            `Bearer ${fixture.caller.token}x`,
            `Basic ${fixture.caller.token}`,
            `Bearer ${'a'.repeat(3000)}`,
            'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
            `bearer ${fixture.caller.token.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`,
          ),
          wrongType: fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
            'application/xml',
            '',
          ),
          actFor: fc.oneof(WEIRD_PATH, fc.constantFrom('a b', 'x'.repeat(65), '../admin')),
          key: WEIRD_KEY.filter((key) => !validIdempotencyKey(key)),
          fieldValues: fc.record(
            Object.fromEntries(Object.entries(bodyFields).map(([field, type]) => [field, valueFor(type)])),
          ),
          massAssignment: fc.option(
            fc.oneof(
              fc.tuple(MASS_ASSIGNMENT, anyJson),
              fc.tuple(
                PROTOTYPE_KEYS,
                fc.constantFrom<unknown>({ isAdmin: true }, { prototype: { roles: ['admin'] } }),
              ),
            ),
            { nil: undefined, freq: 4 },
          ),
          unknownId: fc.oneof(
            fc.uuid().map((uuid) => uuid.replace(/-/g, '')),
            fc.stringMatching(/^[A-Za-z0-9_-]{64}$/),
            fc.constantFrom('0', '_', '-', 'Z'.repeat(64)),
          ),
        })
        .map((extra) => {
          const headers: Record<string, string> = { 'content-type': draft.noise.contentType };
          if (draft.noise.idempotencyKey !== undefined) headers['idempotency-key'] = draft.noise.idempotencyKey;
          const call: RouteCall = {
            token: fixture.caller.token,
            params: { ...validParams },
            query: draft.noise.query,
            rawBody: draft.body,
            headers,
            sourceIp: `10.${draft.field % 250}.${(draft.field >> 8) % 250}.7`,
          };
          let note: string = draft.vector;
          switch (draft.vector) {
            case 'body-schema':
              break; // the generated body is checked (and made invalid) below
            case 'one-field': {
              const valid = validBody(name, fixture) as Record<string, unknown>;
              const fields = Object.keys(bodyFields);
              const field = fields[draft.field % fields.length] as string;
              const entries = Object.entries(valid).filter(([key]) => key !== field);
              if (extra.massAssignment) entries.push(extra.massAssignment);
              else entries.push([field, extra.fieldValues[field]]);
              call.rawBody = objectText(entries);
              note += extra.massAssignment
                ? ` +${extra.massAssignment[0]}`
                : ` ${field}=${JSON.stringify(extra.fieldValues[field])?.slice(0, 30)}`;
              break;
            }
            case 'path-schema': {
              const field = paramFields[draft.field % paramFields.length] as string;
              (call.params as Record<string, string>)[field] = draft.path;
              note += ` ${field}=${JSON.stringify(draft.path.slice(0, 20))}`;
              break;
            }
            case 'unknown-community':
              (call.params as Record<string, string>).cid = `nowhere-${draft.field % 100_000}`;
              break;
            case 'unknown-object': {
              // a real community, an authorized caller, a valid body — and an object that does not exist
              for (const field of paramFields.filter((candidate) => OBJECT_PARAMS.has(candidate))) {
                (call.params as Record<string, string>)[field] = extra.unknownId;
              }
              call.rawBody = hasBodySchema ? JSON.stringify(validBody(name, fixture)) : draft.body;
              note += ` ${extra.unknownId.slice(0, 12)}…`;
              break;
            }
            case 'malformed-json':
              call.rawBody = draft.text;
              break;
            case 'oversized-body':
              call.rawBody = objectText([['padding', 'x'.repeat(MAX_BODY_BYTES + (draft.field % 40_000))]]);
              break;
            case 'content-type':
              call.rawBody = draft.body ?? '{}';
              headers['content-type'] = extra.wrongType;
              note += ` ${JSON.stringify(extra.wrongType)}`;
              break;
            case 'token':
              call.token = undefined;
              if (extra.badToken !== undefined) headers.authorization = extra.badToken;
              break;
            case 'idempotency-key':
              headers['idempotency-key'] = extra.key;
              break;
            case 'act-for':
              headers['x-act-for'] = extra.actFor;
              break;
          }
          if (
            draft.vector !== 'content-type' &&
            headers['content-type'] &&
            !/^application\/json\b/i.test(headers['content-type'])
          )
            headers['content-type'] = 'application/json';
          ensureInvalid(name, draft.vector, call);
          // a "weird" path value the schema accepts (`constructor`, `_`) names an object that does not exist
          const pathAccepted =
            draft.vector === 'path-schema' && (schemaOf(name, 'params') as AnySchema).safeParse(call.params).success;
          return { vector: pathAccepted ? 'unknown-object' : draft.vector, call, note };
        }),
    );
}

/** A body-schema case whose body happens to be valid gets a server-owned field: strict schemas refuse it. */
function ensureInvalid(name: ContractName, vector: Vector, call: RouteCall) {
  if (vector !== 'body-schema' && vector !== 'one-field') return;
  const schema = schemaOf(name, 'body') as AnySchema;
  let parsed: unknown;
  try {
    parsed = JSON.parse(call.rawBody ?? '');
  } catch {
    return;
  }
  if (schema.safeParse(parsed).success) {
    call.rawBody = objectText([...Object.entries(parsed as object), ['balancePoints', 1_000_000]]);
  }
}

/**
 * The one accepted non-4xx: a list read under a parent that does not exist answers an empty page
 * (`listMerchantUses` for the office: uses of no such merchant → `{items: []}`), which reveals and changes nothing.
 */
function emptyListOfUnknownParent(entry: RouteEntry, vector: Vector, status: number, body: unknown): boolean {
  if (vector !== 'unknown-object' || entry.method !== 'GET' || status !== 200) return false;
  const items = (body as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) && items.length === 0;
}

// ---------------------------------------------------------------- the suite

let entries: RouteEntry[];
let fixture: Fixture;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
  const table = routeTable();
  if (table.problems.length > 0) throw new Error(`route table: ${table.problems.join('; ')}`);
  entries = table.entries;
  await loadHandlers(entries);
  Object.assign(process.env, {
    WECHAT_APP_ID: 'wx0000000000000000',
    WECHAT_APP_SECRET: 'hostile-input-secret',
    // never reached (bodies are invalid), and never the real WeChat if it were
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    // rate limits would answer 429 before validation: lift them so validation is what is exercised
    RATE_LIMITS: JSON.stringify({ login: { limit: 1e9 }, checkin: { limit: 1e9 }, verifyPass: { limit: 1e9 } }),
  });
  const community = await createCommunity();
  // one caller holding every role (and owning a merchant), so no route stops a request at its role check
  const caller = await personIn(community.id, ['resident', 'maker', 'merchant', 'staff', 'admin'], 'fuzzer');
  const clerk = await personIn(community.id, ['staff'], 'clerk');
  const application = await must<{ id: string }>('submitMerchantApplication', {
    token: caller.token,
    params: { cid: community.id },
    body: {
      name: '模糊测试小店',
      licenceNumber: '91510100MA6ABC1234',
      category: 'food',
      address: '邻里路 9 号',
      offer: { description: '九折', pricePercent: 90 },
    },
  });
  await must('approveMerchantApplication', { token: clerk.token, params: { cid: community.id, id: application.id } });
  const activity = await must<{ id: string }>('createActivity', {
    token: clerk.token,
    params: { cid: community.id },
    body: {
      title: '清扫楼道',
      category: 'care',
      startsAt: new Date(Date.now() - 600_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  fixture = {
    cid: community.id,
    caller,
    ids: {
      cid: community.id,
      mid: application.id,
      id: application.id,
      aid: activity.id,
      memberId: caller.userId,
      residentId: caller.userId,
      proxyId: clerk.userId,
      claimId: randomUUID(),
    },
  };
}, 120_000);

afterAll(() => {
  for (const name of ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_BASE', 'RATE_LIMITS']) {
    if (savedEnvironment[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnvironment[name];
  }
});

describe('hostile input (every route, fast-check)', () => {
  it('refuses every malformed or hostile request with a 4xx JSON error and leaves the table as it was', async () => {
    console.log(`hostile input: seed ${SEED} (replay with LINLI_FUZZ_SEED=${SEED}), ${RUNS} cases a route`);
    const started = Date.now();
    const byCode = new Map<string, number>();
    const byVector = new Map<string, number>();
    const failures: string[] = [];
    let cases = 0;
    let snapshot = await tableSnapshot();

    for (const [index, entry] of entries.entries()) {
      try {
        await fc.assert(
          fc.asyncProperty(hostileCase(entry, fixture), async ({ vector, call, note }) => {
            const reply = await callRoute(entry.contract, call);
            cases += 1;
            byVector.set(vector, (byVector.get(vector) ?? 0) + 1);
            const error = (reply.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
            const code = typeof error?.code === 'string' ? error.code : reply.status < 300 ? 'empty page' : '(no code)';
            byCode.set(`${reply.status} ${code}`, (byCode.get(`${reply.status} ${code}`) ?? 0) + 1);
            const polluted =
              ({} as Record<string, unknown>).isAdmin !== undefined ||
              ({} as Record<string, unknown>).roles !== undefined;
            if (emptyListOfUnknownParent(entry, vector, reply.status, reply.json) && !polluted) return;
            if (
              reply.status < 400 ||
              reply.status >= 500 ||
              typeof error?.code !== 'string' ||
              typeof error.message !== 'string' ||
              polluted
            ) {
              throw new Error(
                `${entry.contract} [${note}] → ${reply.status} ${reply.text.slice(0, 300)}` +
                  `${polluted ? ' (Object.prototype polluted)' : ''}\nrequest: ${JSON.stringify({ ...call, token: call.token ? '<token>' : undefined, rawBody: call.rawBody?.slice(0, 300) })}`,
              );
            }
          }),
          { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
        );
      } catch (error) {
        const message = (error as Error).message;
        const cause = (error as Error & { cause?: Error }).cause?.message;
        const replay = /\{ seed: [^}]*\}/.exec(message)?.[0] ?? '';
        failures.push(`${entry.contract}: ${cause ?? message.split('\n').slice(0, 4).join(' ')} (replay ${replay})`);
      }
      const after = await tableSnapshot();
      if (after.hash !== snapshot.hash) {
        const changes = describeChanges(snapshot.items, after.items);
        failures.push(`${entry.contract}: the table changed (${changes.length}): ${changes.slice(0, 5).join('; ')}`);
      }
      snapshot = after;
    }

    const sorted = (counts: Map<string, number>) =>
      [...counts.entries()]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([key, count]) => `  ${key}: ${count}`)
        .join('\n');
    console.log(
      `hostile input: ${entries.length} routes, ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
        `seed ${SEED}, failures ${failures.length}\nby vector:\n${sorted(byVector)}\nby status and code:\n${sorted(byCode)}`,
    );
    expect(failures).toEqual([]);
  }, 900_000);
});
