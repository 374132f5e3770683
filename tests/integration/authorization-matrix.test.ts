import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import {
  addDays,
  contracts,
  dayOf,
  PRIVACY_GUIDE_VERSION,
  PROXYABLE_ROUTES,
  weekdayOf,
  type Access,
} from '@linli/shared';
import { startWechatApi, type WechatApi } from '../../scripts/local/wechat-api';
import { DynamoLedgerStore } from '../../functions/src/store/ledger/ledger-store';
import { DynamoCommunityStore } from '../../functions/src/store/identity/identity-store';
import { DynamoProxyStore } from '../../functions/src/store/identity/proxy-store';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/src/store/keys';
import { documentClient } from '../support/api';
import { createCommunity, tableName, TEST_FUND_HOLDER } from '../support/factories';
import {
  callRoute,
  loadHandlers,
  must,
  personIn,
  routeTable,
  serverlessHttpRoutes,
  type ContractName,
  type Person,
  type RouteCall,
  type RouteEntry,
  type RouteReply,
} from '../support/routes';
import { describeChanges, tableSnapshot } from '../support/table-snapshot';
import { birthDateYearsAgo } from '../support/clock';
import { heldImage, samplePhoto } from '../support/photos';
import { handler as closeOpenAttendances } from '../../functions/src/jobs/close-open-attendances';

/**
 * OWASP API1/API5 as a table: every route of serverless.yml and `contracts` is called by every
 * persona, on the persona's own objects and on someone else's, through the real handlers
 * (in-process, API Gateway v2 events) over DynamoDB Local. Who may call each route is its shared
 * contract's `access` (`shared/src/contracts.ts`); a route missing from the cases below fails the suite.
 *
 * The proxy dimension (issue 12): every route is also called *for someone else* — by the ward's proxy
 * for the ward (a resident the office registered offline), and by a staff member for an admin through
 * a relation made before the rules (written straight to the table). Only the routes this policy marks
 * `proxy: true` (and `PROXYABLE_ROUTES` declares) answer the ward's proxy; every other is 403
 * `auth.not_proxyable`, and a relation to an office member lends nothing anywhere.
 */

const PERSONAS = [
  'anonymous',
  'resident',
  'otherResident',
  'merchant',
  'maker',
  'staff',
  'admin',
  'foreignStaff',
  /** A platform operator (dev login `demo-platform`): a member of no community here. */
  'operator',
  /** Staff and admin of another community in the same district (解放路's 青龙街 for 凤凰里). */
  'neighbourStaff',
  /** An officer of the main community's district: no role inside the community. */
  'districtOfficer',
] as const;
type PersonaName = (typeof PERSONAS)[number];
/** Who calls: a persona, or `proxy` — the resident the office set up to act for the ward. */
type CallerName = PersonaName | 'proxy';
/** Whom a cell is about: a persona, or `ward` — a resident registered offline (no phone, no token). */
type OwnerName = PersonaName | 'ward';
type MemberPersona = Exclude<
  PersonaName,
  'anonymous' | 'foreignStaff' | 'operator' | 'neighbourStaff' | 'districtOfficer'
>;
/** Callers with no role in the main community, though near it: each is refused there. */
const OUTSIDERS = ['foreignStaff', 'neighbourStaff', 'districtOfficer'] as const;
const MEMBER_PERSONAS: MemberPersona[] = ['resident', 'otherResident', 'merchant', 'maker', 'staff', 'admin'];
const OFFICE: PersonaName[] = ['staff', 'admin'];

interface Cell {
  caller: CallerName;
  /** Whose object the call is about (the caller's own, or another persona's). */
  owner: OwnerName;
  /** Sends `X-Act-For: <this member's id>` (acting for them, with or without a proxy relation). */
  actFor?: OwnerName;
  /** Sent under the caller's own community (`cid` of the foreign staff) while naming this community's object. */
  crossTenant?: boolean;
  expected: number[];
  /** The error code a refusal must carry, where the policy names one. */
  code?: string;
}

/** A person as the fixtures use them; the ward is their proxy's token sending `X-Act-For: <ward>`. */
type Actor = Person & { actFor?: string };

interface World {
  cid: string;
  /** The foreign staff's own community. */
  foreignCid: string;
  joinCid: string;
  people: Record<Exclude<PersonaName, 'anonymous'>, Person>;
  /** Office helpers that prepare fixtures (never the persona under test: two-person rules). */
  clerk: Person;
  /** Staff of the joinable community (its invitations). */
  joinClerk: Person;
  /** A district the main community belongs to (its dashboard). */
  districtId: string;
  checker: Person;
  family: Person;
  /** A resident registered offline by the office, and the resident the office set up as their proxy. */
  ward: Actor;
  proxy: Person;
  /** Owner of the second merchant (the merchant persona's "someone else's merchant"). */
  extraMerchantOwner: Person;
  merchantId: string;
  otherMerchantId: string;
  activityId: string;
  goodId: string;
  productId: string;
  /** A volunteer team led by the resident persona, and one led by someone else (`extraMerchantOwner`). */
  teamId: string;
  otherTeamId: string;
}

interface Build {
  w: World;
  caller: CallerName;
  owner: OwnerName;
  /** The owner as a Person (the resident's for cells that are not about ownership). */
  ownerPerson: Actor;
}

interface RouteSpec {
  access: Access;
  ok: number[];
  /** On the proxy allow-list: the ward's proxy may call it for the ward (`X-Act-For`). */
  proxy?: true;
  /** Business-rule outcomes accepted for allowed callers, with why. */
  refusals?: { statuses: number[]; why: string };
  /** Cells beyond the generated ones (two-person rules and the like). */
  extra?: Cell[];
  /**
   * The call carries its own caller's token: a stand-in of the persona made for the cell (closing an
   * account acts only on the caller, and must not close the personas the other routes need).
   */
  standInCaller?: true;
  build: (input: Build) => Promise<RouteCall>;
}

const now = () => new Date();
const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const chinaDay = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const chinaMonth = (date: Date) => chinaDay(date).slice(0, 7);

let w: World;

// ---------------------------------------------------------------- fixtures (real use cases)

/** The privacy guide as the app accepts it (the current version). */
const privacyGuide = { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION };

const as = (person: Actor, call: RouteCall = {}): RouteCall => ({
  ...call,
  token: person.token,
  ...(person.actFor ? { headers: { ...call.headers, 'x-act-for': person.actFor } } : {}),
});
const inCommunity = (params: Record<string, string> = {}) => ({ cid: w.cid, ...params });

async function newActivity(): Promise<string> {
  const activity = await must<{ id: string }>(
    'createActivity',
    as(w.clerk, {
      params: inCommunity(),
      body: { title: '清扫楼道', category: 'care', startsAt: isoIn(-10), endsAt: isoIn(120) },
    }),
  );
  return activity.id;
}

/** An activity tomorrow: sign-up is open. */
async function futureActivity(): Promise<string> {
  const activity = await must<{ id: string }>(
    'createActivity',
    as(w.clerk, {
      params: inCommunity(),
      body: { title: '助老做饭', category: 'care', startsAt: isoIn(24 * 60), endsAt: isoIn(26 * 60) },
    }),
  );
  return activity.id;
}

async function newClaim(memberId: string): Promise<string> {
  const aid = await newActivity();
  const reply = await must<{ claim: { id: string } }>(
    'recordOfficeAttendance',
    as(w.clerk, { params: inCommunity({ aid }), body: { memberId, minutes: 120 } }),
  );
  return reply.claim.id;
}

/** A member whose approved hours reached the certificate threshold. */
async function certifiedMember(): Promise<Person> {
  const member = await personIn(w.cid, ['resident'], 'certified');
  await certify(member);
  return member;
}

async function certify(member: Person): Promise<void> {
  const claimId = await newClaim(member.userId);
  await must('approveClaim', as(w.checker, { params: inCommunity({ claimId }) }));
}

async function newApplication(applicant: Person): Promise<string> {
  const reply = await must<{ id: string }>(
    'submitMerchantApplication',
    as(applicant, {
      params: inCommunity(),
      body: {
        name: `店-${randomUUID().slice(0, 6)}`,
        licenceNumber: '91510100MA6ABC1234',
        category: 'food',
        address: '邻里路 1 号',
        offer: { description: '凭志愿者证 8 折', pricePercent: 80 },
      },
    }),
  );
  return reply.id;
}

async function newMerchant(owner: Person): Promise<string> {
  const id = await newApplication(owner);
  const reply = await must<{ merchant: { id: string } }>(
    'approveMerchantApplication',
    as(w.checker, { params: inCommunity({ id }) }),
  );
  return reply.merchant.id;
}

async function newFlag(): Promise<string> {
  const member = await certifiedMember();
  const pass = await must<{ token: string }>('getCertificatePass', as(member, { params: inCommunity() }));
  for (const [merchant, merchantId] of [
    [w.people.merchant, w.merchantId],
    [w.extraMerchantOwner, w.otherMerchantId],
  ] as const) {
    await must('verifyPass', as(merchant, { params: inCommunity({ mid: merchantId }), body: { token: pass.token } }));
  }
  const flags = await must<{ items: { id: string; memberId: string }[] }>(
    'listFlags',
    as(w.checker, { params: inCommunity() }),
  );
  const flag = flags.items.find((candidate) => candidate.memberId === member.userId);
  if (!flag) throw new Error('no proxy flag was raised');
  return flag.id;
}

async function newRedemption(owner: Person): Promise<{ id: string; pickupCode: string }> {
  return must('redeem', as(owner, { params: inCommunity(), body: { goodId: w.goodId, quantity: 1 } }));
}

async function newProduct(): Promise<string> {
  const product = await must<{ id: string }>(
    'createProduct',
    as(w.people.maker, {
      params: inCommunity(),
      body: { title: '手工布包', description: '邻居阿姨手缝', priceFen: 100, stock: 1000 },
    }),
  );
  return product.id;
}

async function newOrder(owner: Person): Promise<string> {
  const order = await must<{ id: string }>(
    'createOrder',
    as(owner, { params: inCommunity(), body: { items: [{ productId: w.productId, quantity: 1 }] } }),
  );
  return order.id;
}

async function paidOrder(owner: Person): Promise<string> {
  const oid = await newOrder(owner);
  await must('devPayOrder', as(owner, { params: inCommunity({ oid }) }));
  return oid;
}

/** A paid order handed over whose shipping upload to WeChat failed for good (written as the job leaves it). */
async function failedShippingOrder(owner: Person): Promise<string> {
  const oid = await paidOrder(owner);
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.order(w.cid, oid),
      UpdateExpression: 'SET #status = :ready, #shipping = :shipping',
      ExpressionAttributeNames: { '#status': 'status', '#shipping': 'shipping' },
      ExpressionAttributeValues: {
        ':ready': 'ready_for_pickup',
        ':shipping': { status: 'failed', logisticsType: 4, attempts: 12, lastError: '-1 system error' },
      },
    }),
  );
  return oid;
}

async function newExpense(submitter: Person = w.clerk): Promise<string> {
  const expense = await must<{ id: string }>(
    'submitFundExpense',
    as(submitter, { params: inCommunity(), body: { amountFen: 100, purpose: '买米面油', category: 'elderly_care' } }),
  );
  return expense.id;
}

/** A paid donation of `donor`'s. */
async function paidDonation(donor: Person): Promise<string> {
  const order = await must<{ id: string }>('donate', as(donor, { params: inCommunity(), body: { amountFen: 100 } }));
  await must('devPayOrder', as(donor, { params: inCommunity({ oid: order.id }) }));
  return order.id;
}

/** A receipt request for a new paid donation of `donor`'s, waiting in the office's queue. */
async function receiptRequestOf(donor: Person): Promise<string> {
  const orderId = await paidDonation(donor);
  const request = await must<{ id: string }>(
    'requestDonationReceipt',
    as(donor, { params: inCommunity(), body: { orderId, payerName: '矩阵捐赠人' } }),
  );
  return request.id;
}

async function newPledge(owner: Person): Promise<string> {
  const pledge = await must<{ id: string }>(
    'createPledge',
    as(owner, { params: inCommunity(), body: { amountFen: 1000, dayOfMonth: 5 } }),
  );
  return pledge.id;
}

/** A relation naming a new proxy for `resident`; for an office member, one made before the rules (as cleanup must still remove it). */
async function newProxy(resident: Person): Promise<{ residentId: string; proxyId: string }> {
  const proxy = await personIn(w.cid, ['resident'], 'family');
  const body = { residentId: resident.userId, proxyId: proxy.userId };
  if ([w.people.staff, w.people.admin].includes(resident)) await legacyProxy(body);
  else await must('createProxy', as(resident, { params: inCommunity(), body }));
  return body;
}

async function legacyProxy(relation: { residentId: string; proxyId: string }): Promise<void> {
  await new DynamoProxyStore(documentClient(), tableName()).createProxy({
    communityId: w.cid,
    ...relation,
    residentName: 'legacy',
    proxyName: 'legacy',
    createdBy: relation.proxyId,
    createdAt: now().toISOString(),
  });
}

async function newTransfer(memberId: string, amountPoints = 5): Promise<string> {
  const transferId = `test-grant:${randomUUID()}`;
  await new DynamoLedgerStore(documentClient(), tableName()).post({
    communityId: w.cid,
    transferId,
    kind: 'adjustment',
    memo: 'matrix grant',
    postings: [{ source: 'community:issuance', destination: `member:${memberId}`, amountPoints }],
    actorId: 'test',
    createdAt: now().toISOString(),
  });
  return transferId;
}

/** A weekly series of two occurrences, an hour from now and a week later. */
async function newSeries(): Promise<{ id: string; activityIds: string[] }> {
  const startsAt = isoIn(60);
  const reply = await must<{ series: { id: string; activityIds: string[] } }>(
    'createActivitySeries',
    as(w.clerk, { params: inCommunity(), body: seriesBody(startsAt) }),
  );
  return reply.series;
}

function seriesBody(startsAt: string) {
  return {
    activity: {
      title: '助老洗澡',
      category: 'care',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    },
    weekdays: [weekdayOf(startsAt)],
    until: addDays(dayOf(startsAt), 7),
  };
}

/** One series for the read cells, made on first use. */
let readSeries: Promise<{ id: string; activityIds: string[] }> | undefined;

/** A new team made by the office (no leaders unless named). */
async function newTeam(leaderIds: string[] = []): Promise<string> {
  const team = await must<{ id: string }>(
    'createTeam',
    as(w.clerk, { params: inCommunity(), body: { name: `矩阵队-${randomUUID().slice(0, 8)}`, leaderIds } }),
  );
  return team.id;
}

/** The team a `team-leader-or-office` cell is about: the resident persona leads it; anyone else's is the other. */
const teamOf = (owner: OwnerName) => (owner === 'resident' ? w.teamId : w.otherTeamId);

/** A new resident who has asked to join `teamId`. */
async function newJoinRequest(teamId: string): Promise<string> {
  const joiner = await personIn(w.cid, ['resident'], 'joiner');
  await must('requestToJoinTeam', as(joiner, { params: inCommunity({ tid: teamId }) }));
  return joiner.userId;
}

async function checkinCode(): Promise<string> {
  const code = await must<{ code: string }>(
    'getCheckinCode',
    as(w.clerk, { params: inCommunity({ aid: w.activityId }) }),
  );
  return code.code;
}

/** A 1×1 PNG: the office's seal in the seal cells. */
const SEAL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The naming of the office's responsible person, made on first use. */
let officeNamed: Promise<unknown> | undefined;

/** The office names its responsible person, once (a certificate names them). */
async function nameOffice(): Promise<void> {
  officeNamed ??= must(
    'updateCommunity',
    as(w.people.admin, {
      params: inCommunity(),
      body: { office: { address: '邻里路 1 号', phone: '010-12345678', responsiblePerson: '张主任' } },
    }),
  );
  await officeNamed;
}

/** A 志愿服务记录证明 held by `holder`: their hours approved, their real name given, issued by the clerk. */
async function certificateOf(holder: Actor): Promise<string> {
  await nameOffice();
  await certify(holder);
  await must(
    'putVolunteerProfile',
    as({ ...holder, actFor: undefined }, { params: inCommunity(), body: { realName: '王芳' } }),
  );
  const issued = await must<{ serialNumber: string }>(
    'issueServiceCertificate',
    as(w.checker, { params: inCommunity(), body: { memberId: holder.userId } }),
  );
  return issued.serialNumber;
}

/** An open request to the office by a new resident. */
async function newRecordRequest(): Promise<string> {
  const asker = await personIn(w.cid, ['resident'], 'asker');
  const request = await must<{ id: string }>(
    'requestRecordCorrection',
    as(asker, { params: inCommunity(), body: { description: '少记了一次扫雪' } }),
  );
  return request.id;
}

// ---------------------------------------------------------------- the policy, one line per contract

const community = async () => ({ params: inCommunity() });
const reason = { reason: '核实后处理' };

/** What each route's cells need; who may call it is the contract's `access` (see {@link POLICY}). */
const CASES: Record<ContractName, Omit<RouteSpec, 'access'>> = {
  devLogin: { ok: [200], build: async () => ({ body: { openid: `matrix-${randomUUID()}` } }) },
  // Runs last (see RUN_LAST): a refresh may rotate the persona's session.
  refreshToken: { ok: [200], build: async () => ({}) },
  wechatLogin: {
    ok: [200],
    build: async () => ({ body: { code: `code-${randomUUID()}` }, sourceIp: `10.9.${randomBytes(1)[0]}.1` }),
  },
  listCommunities: { ok: [200], build: async () => ({}) },
  getCommunity: { ok: [200], build: community },
  updateCommunity: {
    ok: [200],
    build: async () => ({ params: inCommunity(), body: { name: '矩阵社区' } }),
  },
  joinCommunity: { ok: [200, 201], build: async () => ({ params: { cid: w.joinCid } }) },
  createCommunity: {
    ok: [201],
    build: async () => ({
      body: { id: `matrix-${randomUUID().slice(0, 8)}`, name: '矩阵新社区', currencyName: '矩阵币' },
    }),
  },
  setCommunityAdmin: {
    ok: [200],
    build: async () => ({ params: inCommunity(), body: { openid: `matrix-admin-${randomUUID().slice(0, 8)}` } }),
  },
  createInvitation: { ok: [201], build: async () => ({ params: inCommunity(), body: { roles: ['resident'] } }) },
  getInvitationWxacode: {
    ok: [200],
    build: async () => {
      const invitation = await must<{ code: string }>(
        'createInvitation',
        as(w.clerk, { params: inCommunity(), body: { roles: ['resident'], maxUses: 5 } }),
      );
      return { params: inCommunity({ code: invitation.code }) };
    },
  },
  createDistrict: {
    ok: [201],
    build: async () => ({ body: { id: `matrix-d-${randomUUID().slice(0, 8)}`, name: '矩阵街道' } }),
  },
  setDistrictOfficer: {
    ok: [200],
    build: async () => ({
      params: { did: w.districtId },
      body: { openid: `matrix-officer-${randomUUID().slice(0, 8)}` },
    }),
  },
  getDistrictStats: { ok: [200], build: async () => ({ params: { did: w.districtId } }) },
  exportDistrictStats: { ok: [200], build: async () => ({ params: { did: w.districtId }, query: { format: 'csv' } }) },
  listMyDistricts: { ok: [200], build: async () => ({}) },
  acceptInvitation: {
    ok: [200],
    build: async () => {
      // Into the joinable community: accepting must not make a persona a member of the main one.
      const invitation = await must<{ code: string }>(
        'createInvitation',
        as(w.joinClerk, { params: { cid: w.joinCid }, body: { roles: ['resident'] } }),
      );
      return { params: { code: invitation.code } };
    },
  },
  getMe: { ok: [200], proxy: true, build: community },
  listMyCommunities: { ok: [200], build: async () => ({}) },
  setMemberRoles: {
    ok: [200],
    build: async () => {
      const member = await personIn(w.cid, ['resident'], 'roles');
      return { params: inCommunity({ memberId: member.userId }), body: { roles: ['resident', 'maker'] } };
    },
  },
  listMembers: { ok: [200], build: community },

  createActivity: {
    ok: [201],
    // for the team the cell is about: its leader (the resident persona) or the office may
    build: async ({ owner }) => ({
      params: inCommunity(),
      body: { title: '陪老人聊天', category: 'care', startsAt: isoIn(60), endsAt: isoIn(120), teamId: teamOf(owner) },
    }),
  },
  listActivities: { ok: [200], proxy: true, build: community },
  getActivity: {
    ok: [200],
    proxy: true,
    build: async () => ({ params: inCommunity({ aid: w.activityId }) }),
  },
  updateActivity: {
    ok: [200],
    build: async () => ({ params: inCommunity({ aid: w.activityId }), body: { location: '活动室' } }),
  },
  cancelActivity: {
    ok: [200],
    build: async () => ({ params: inCommunity({ aid: await newActivity() }) }),
  },
  createActivitySeries: { ok: [201], build: async () => ({ params: inCommunity(), body: seriesBody(isoIn(60)) }) },
  getActivitySeries: {
    ok: [200],
    build: async () => ({ params: inCommunity({ sid: (await (readSeries ??= newSeries())).id }) }),
  },
  updateActivitySeries: {
    ok: [200],
    build: async () => {
      const series = await newSeries();
      return {
        params: inCommunity({ sid: series.id }),
        body: { from: series.activityIds[0]!, patch: { location: '活动室' } },
      };
    },
  },
  cancelActivitySeries: {
    ok: [200],
    build: async () => {
      const series = await newSeries();
      return { params: inCommunity({ sid: series.id }), body: { from: series.activityIds[0]! } };
    },
  },
  getCheckinCode: { ok: [200], build: async () => ({ params: inCommunity({ aid: w.activityId }) }) },
  checkin: {
    ok: [200, 201],
    build: async () => ({
      params: inCommunity(),
      body: { activityId: w.activityId, code: await checkinCode(), direction: 'in' },
    }),
  },
  signUp: {
    ok: [201],
    build: async () => ({ params: inCommunity({ aid: await futureActivity() }), body: {} }),
  },
  cancelSignup: {
    ok: [200],
    refusals: { statuses: [404], why: 'only the member who signed up can cancel it (signup.not_found)' },
    build: async ({ ownerPerson }) => {
      const aid = await futureActivity();
      await must('signUp', as(ownerPerson, { params: inCommunity({ aid }), body: {} }));
      return { params: inCommunity({ aid }) };
    },
  },
  listSignups: {
    ok: [200],
    // an activity of the team the cell is about: its leader (the resident persona) or the office may
    build: async ({ owner }) => {
      const activity = await must<{ id: string }>(
        'createActivity',
        as(w.clerk, {
          params: inCommunity(),
          body: { title: '队伍活动', category: 'care', startsAt: isoIn(60), endsAt: isoIn(120), teamId: teamOf(owner) },
        }),
      );
      return { params: inCommunity({ aid: activity.id }) };
    },
  },
  getMySignup: { ok: [200], proxy: true, build: async () => ({ params: inCommunity({ aid: w.activityId }) }) },
  listMySignups: { ok: [200], proxy: true, build: community },
  getVolunteerProfile: { ok: [200], build: community },
  putVolunteerProfile: {
    ok: [200],
    build: async () => ({ params: inCommunity(), body: { realName: '王芳', idNumber: '11010119900307002X' } }),
  },
  getMyServiceRecord: { ok: [200], build: community },
  requestRecordCorrection: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { description: '少记了一次扫雪' } }),
  },
  requestServiceCertificate: { ok: [201], build: async () => ({ params: inCommunity(), body: {} }) },
  listMyRecordRequests: { ok: [200], build: community },
  listRecordRequests: { ok: [200], build: community },
  decideRecordRequest: {
    ok: [200],
    build: async () => ({
      params: inCommunity({ rid: await newRecordRequest() }),
      body: { decision: 'rejected', reason: '核实后处理' },
    }),
  },
  getMemberServiceRecord: {
    ok: [200],
    build: async ({ ownerPerson }) => ({ params: inCommunity({ memberId: ownerPerson.userId }) }),
  },
  issueServiceCertificate: {
    ok: [201],
    build: async () => {
      const holder = await personIn(w.cid, ['resident'], 'holder');
      await nameOffice();
      await certify(holder);
      await must('putVolunteerProfile', as(holder, { params: inCommunity(), body: { realName: '李雷' } }));
      return { params: inCommunity(), body: { memberId: holder.userId } };
    },
  },
  listServiceCertificates: { ok: [200], build: community },
  revokeServiceCertificate: {
    ok: [200],
    build: async () => {
      const holder = await personIn(w.cid, ['resident'], 'holder');
      return { params: inCommunity({ serialNumber: await certificateOf(holder) }), body: reason };
    },
  },
  checkServiceCertificate: {
    ok: [200],
    build: async () => ({
      params: { serialNumber: await certificateOf(await personIn(w.cid, ['resident'], 'holder')) },
    }),
  },
  // the holder's own certificate, or the issuing office's
  getServiceCertificatePdf: {
    ok: [200],
    build: async ({ ownerPerson }) => ({ params: { serialNumber: await certificateOf(ownerPerson) } }),
  },
  putCertificateSeal: {
    ok: [200],
    build: async () => ({ params: inCommunity(), body: { contentType: 'image/png', base64: SEAL_PNG } }),
  },
  getCertificateSeal: { ok: [200], build: community },
  recordOfficeAttendance: {
    ok: [201],
    build: async ({ ownerPerson }) => ({
      params: inCommunity({ aid: await newActivity() }),
      body: { memberId: ownerPerson.userId, minutes: 60 },
    }),
  },
  listClaims: { ok: [200], build: community },
  approveClaim: {
    ok: [200],
    // nobody approves their own hours (claim.own_claim)
    extra: [{ caller: 'staff', owner: 'staff', expected: [403] }],
    build: async ({ ownerPerson }) => ({ params: inCommunity({ claimId: await newClaim(ownerPerson.userId) }) }),
  },
  rejectClaim: {
    ok: [200],
    build: async ({ ownerPerson }) => ({
      params: inCommunity({ claimId: await newClaim(ownerPerson.userId) }),
      body: reason,
    }),
  },
  bulkApproveClaims: {
    ok: [200],
    build: async ({ ownerPerson }) => ({
      params: inCommunity(),
      body: { claimIds: [await newClaim(ownerPerson.userId)] },
    }),
  },
  listMyClaims: { ok: [200], proxy: true, build: community },
  getMyLedger: { ok: [200], proxy: true, build: community },
  reverseTransfer: {
    ok: [200, 201],
    build: async ({ ownerPerson }) => ({
      params: inCommunity({ transferId: await newTransfer(ownerPerson.userId) }),
      body: reason,
    }),
  },
  createTeam: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { name: `新队-${randomUUID().slice(0, 8)}` } }),
  },
  listTeams: { ok: [200], build: community },
  getTeam: { ok: [200], build: async () => ({ params: inCommunity({ tid: w.teamId }) }) },
  updateTeam: {
    ok: [200],
    build: async () => ({ params: inCommunity({ tid: await newTeam() }), body: { description: '每周六上午活动' } }),
  },
  addTeamMember: {
    ok: [201],
    build: async ({ owner }) => {
      const joiner = await personIn(w.cid, ['resident'], 'recruit');
      return { params: inCommunity({ tid: teamOf(owner) }), body: { memberId: joiner.userId } };
    },
  },
  removeTeamMember: {
    ok: [200],
    build: async ({ ownerPerson }) => {
      const tid = await newTeam();
      await must(
        'addTeamMember',
        as(w.clerk, { params: inCommunity({ tid }), body: { memberId: ownerPerson.userId } }),
      );
      return { params: inCommunity({ tid, memberId: ownerPerson.userId }) };
    },
  },
  requestToJoinTeam: { ok: [201], build: async () => ({ params: inCommunity({ tid: await newTeam() }) }) },
  listTeamJoinRequests: { ok: [200], build: async ({ owner }) => ({ params: inCommunity({ tid: teamOf(owner) }) }) },
  approveTeamJoinRequest: {
    ok: [200],
    build: async ({ owner }) => {
      const tid = teamOf(owner);
      return { params: inCommunity({ tid, memberId: await newJoinRequest(tid) }) };
    },
  },
  rejectTeamJoinRequest: {
    ok: [200],
    build: async ({ owner }) => {
      const tid = teamOf(owner);
      return { params: inCommunity({ tid, memberId: await newJoinRequest(tid) }), body: reason };
    },
  },
  getCertificatePass: {
    ok: [200],
    refusals: { statuses: [404], why: 'only certified members have a pass (certificate.not_found)' },
    build: community,
  },
  revokeCertificate: {
    ok: [200],
    build: async () => ({ params: inCommunity({ memberId: (await certifiedMember()).userId }), body: reason }),
  },
  reinstateCertificate: {
    ok: [200],
    build: async () => {
      const member = await certifiedMember();
      await must('revokeCertificate', as(w.clerk, { params: inCommunity({ memberId: member.userId }), body: reason }));
      return { params: inCommunity({ memberId: member.userId }) };
    },
  },

  submitMerchantApplication: {
    ok: [201],
    build: async () => ({
      params: inCommunity(),
      body: {
        name: '李记水果',
        licenceNumber: '91510100MA6ABC9999',
        category: 'food',
        address: '邻里路 2 号',
        offer: { description: '九折', pricePercent: 90 },
      },
    }),
  },
  listMerchantApplications: { ok: [200], build: community },
  approveMerchantApplication: {
    ok: [200],
    build: async () => ({ params: inCommunity({ id: await newApplication(w.people.otherResident) }) }),
  },
  rejectMerchantApplication: {
    ok: [200],
    build: async () => ({ params: inCommunity({ id: await newApplication(w.people.otherResident) }), body: reason }),
  },
  listMerchants: { ok: [200], build: community },
  getMerchant: { ok: [200], build: async () => ({ params: inCommunity({ mid: w.merchantId }) }) },
  getMerchantDetail: { ok: [200], build: merchantParams },
  listMyMerchants: { ok: [200], build: community },
  updateMerchantOffer: {
    ok: [200],
    build: async (input) => ({
      ...(await merchantParams(input)),
      body: { offer: { description: '凭志愿者证 85 折', pricePercent: 85 } },
    }),
  },
  addMerchantStaff: {
    ok: [200],
    build: async (input) => ({ ...(await merchantParams(input)), body: { memberId: w.family.userId } }),
  },
  setMerchantStatus: {
    ok: [200],
    build: async () => ({
      params: inCommunity({ mid: await newMerchant(w.people.otherResident) }),
      body: { status: 'warned', reason: '顾客投诉属实' },
    }),
  },
  verifyPass: {
    ok: [200],
    build: async (input) => ({ ...(await merchantParams(input)), body: { token: 'not-a-real-pass' } }),
  },
  listMerchantUses: { ok: [200], build: merchantParams },
  listFlags: { ok: [200], build: community },
  resolveFlag: {
    ok: [200],
    build: async () => ({ params: inCommunity({ flagId: await newFlag() }), body: { outcome: 'dismissed' } }),
  },
  fileComplaint: {
    ok: [201],
    build: async () => ({ params: inCommunity({ mid: w.merchantId }), body: { description: '少找了钱' } }),
  },
  listComplaints: { ok: [200], build: community },
  resolveComplaint: {
    ok: [200],
    build: async () => {
      const complaint = await must<{ id: string }>(
        'fileComplaint',
        as(w.people.resident, { params: inCommunity({ mid: w.merchantId }), body: { description: '态度不好' } }),
      );
      return { params: inCommunity({ complaintId: complaint.id }), body: { outcome: 'dismiss', note: '已沟通' } };
    },
  },
  createPost: {
    ok: [201],
    build: async (input) => ({
      ...(await merchantParams(input)),
      body: { kind: 'promotion', title: '周末特价', body: '包子买十送一', expiresAt: isoIn(7 * 24 * 60) },
    }),
  },
  listPosts: { ok: [200], proxy: true, build: community },
  listHeldPosts: { ok: [200], build: community },
  releasePost: {
    ok: [200],
    // a post WeChat's check held for review (the stand-in's rule: LINLI-REVIEW)
    build: async () => {
      const post = await must<{ id: string }>(
        'createPost',
        as(w.people.merchant, {
          params: inCommunity({ mid: w.merchantId }),
          body: { kind: 'promotion', title: '新品 LINLI-REVIEW', body: '八折', expiresAt: isoIn(24 * 60) },
        }),
      );
      return { params: inCommunity({ postId: post.id }) };
    },
  },
  takeDownPost: {
    ok: [200],
    build: async () => {
      const post = await must<{ id: string }>(
        'createPost',
        as(w.people.merchant, {
          params: inCommunity({ mid: w.merchantId }),
          body: { kind: 'recruitment', title: '招店员', body: '周末两天', expiresAt: isoIn(24 * 60) },
        }),
      );
      return { params: inCommunity({ postId: post.id }), body: reason };
    },
  },

  recordContribution: {
    ok: [201],
    build: async () => ({
      params: inCommunity(),
      body: {
        memberId: w.people.resident.userId,
        contributorType: 'resident',
        kind: 'labour',
        description: '修理路灯',
        points: 1,
      },
    }),
  },
  getLeaderboard: { ok: [200], proxy: true, build: community },
  createGood: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { name: '大米', pricePoints: 1, stock: 5, valueFen: 500 } }),
  },
  listGoods: { ok: [200], proxy: true, build: community },
  restockGood: {
    ok: [200],
    build: async () => ({ params: inCommunity({ goodId: w.goodId }), body: { quantity: 1 } }),
  },
  redeem: {
    proxy: true,
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { goodId: w.goodId, quantity: 1 } }),
  },
  listMyRedemptions: { ok: [200], proxy: true, build: community },
  listRedemptions: { ok: [200], build: community },
  cancelRedemption: {
    proxy: true,
    ok: [200],
    build: async ({ ownerPerson }) => ({
      params: inCommunity({ redemptionId: (await newRedemption(ownerPerson)).id }),
    }),
  },
  pickupRedemption: {
    ok: [200],
    build: async ({ ownerPerson }) => {
      const redemption = await newRedemption(ownerPerson);
      return { params: inCommunity({ redemptionId: redemption.id }), body: { pickupCode: redemption.pickupCode } };
    },
  },

  getFund: { ok: [200], build: community },
  exportFundCsv: { ok: [200], build: community },
  getFundDisclosure: { ok: [200], build: async () => ({ params: inCommunity({ period: '2025-Q4' }) }) },
  recordFundIncome: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { kind: 'stall', amountFen: 100, description: '义卖' } }),
  },
  submitFundExpense: {
    ok: [201],
    build: async () => ({
      params: inCommunity(),
      body: { amountFen: 100, purpose: '慰问品', category: 'elderly_care' },
    }),
  },
  listFundExpenses: { ok: [200], build: community },
  approveFundExpense: {
    ok: [200],
    // two-person rule: the staff member who submitted an expense does not approve it (fund.same_staff)
    extra: [{ caller: 'staff', owner: 'staff', expected: [403] }],
    build: async ({ caller, owner }) => ({
      params: inCommunity({ id: await newExpense(caller === owner ? w.people.staff : w.clerk) }),
    }),
  },
  rejectFundExpense: {
    ok: [200],
    build: async () => ({ params: inCommunity({ id: await newExpense() }), body: reason }),
  },
  exportData: {
    ok: [200],
    build: async () => ({
      params: inCommunity({ dataset: 'members' }),
      query: { from: chinaDay(new Date(Date.now() - 7 * 86_400_000)), to: chinaDay(now()) },
    }),
  },

  createProduct: {
    ok: [201],
    build: async () => ({
      params: inCommunity(),
      body: { title: '竹编篮', description: '手工', priceFen: 3000, stock: 3 },
    }),
  },
  listProducts: { ok: [200], build: community },
  getProduct: { ok: [200], build: async () => ({ params: inCommunity({ pid: w.productId }) }) },
  listProductsForReview: { ok: [200], build: community },
  approveProduct: {
    ok: [200],
    build: async () => ({ params: inCommunity({ pid: await newProduct() }) }),
  },
  rejectProduct: {
    ok: [200],
    build: async () => ({ params: inCommunity({ pid: await newProduct() }), body: reason }),
  },
  listMyProducts: { ok: [200], build: community },
  createOrder: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { items: [{ productId: w.productId, quantity: 1 }] } }),
  },
  getOrder: { ok: [200], build: orderOf(newOrder) },
  listMyOrders: { ok: [200], build: community },
  devPayOrder: { ok: [200], build: orderOf(newOrder) },
  payOrder: { ok: [200], build: orderOf(newOrder) },
  cancelOrder: { ok: [200], build: orderOf(newOrder) },
  requestImageUpload: {
    ok: [201],
    build: async () => ({
      params: inCommunity(),
      body: { purpose: 'product', contentType: 'image/png', bytes: 100 },
    }),
  },
  completeImageUpload: {
    ok: [200],
    build: async ({ caller }) => ({
      params: inCommunity({ imageId: await uploadedImage(caller) }),
    }),
  },
  listImageReviews: { ok: [200], build: community },
  releaseImage: {
    ok: [200],
    build: async () => ({ params: inCommunity({ imageId: await heldImage(w.cid, w.people.maker.userId) }) }),
  },
  removeImage: {
    ok: [200],
    build: async () => ({
      params: inCommunity({ imageId: await heldImage(w.cid, w.people.maker.userId) }),
      body: reason,
    }),
  },
  listDonationMessageReviews: { ok: [200], build: community },
  releaseDonationMessage: {
    ok: [200],
    build: async () => ({ params: inCommunity({ messageId: await heldDonationMessage(w.people.maker) }) }),
  },
  removeDonationMessage: {
    ok: [200],
    build: async () => ({
      params: inCommunity({ messageId: await heldDonationMessage(w.people.maker) }),
      body: { reason: '与捐赠无关' },
    }),
  },
  listActivityReviews: { ok: [200], build: community },
  releaseActivity: { ok: [200], build: async () => ({ params: inCommunity({ aid: await heldActivity() }) }) },
  putActivityEvidence: {
    ok: [200],
    build: async () => ({ params: inCommunity({ aid: await endedActivity() }), body: { imageIds: [] } }),
  },
  putMerchantStorefront: {
    ok: [200],
    build: async (input) => ({ ...(await merchantParams(input)), body: { imageId: null } }),
  },
  verifyWechatPush: { ok: [], build: async () => ({ ...unsignedPush() }) },
  wechatPush: { ok: [], build: async () => ({ ...unsignedPush(), body: { Event: 'wxa_media_check' } }) },
  wechatPayNotify: {
    ok: [],
    build: async () => ({
      body: { id: randomUUID(), event_type: 'TRANSACTION.SUCCESS', resource: { ciphertext: 'AAAA', nonce: 'n' } },
    }),
  },
  listOrders: { ok: [200], build: community },
  fulfilOrder: {
    ok: [200],
    build: async ({ ownerPerson }) => ({
      params: inCommunity({ oid: await paidOrder(ownerPerson) }),
      body: { status: 'ready_for_pickup' },
    }),
  },
  refundOrder: {
    ok: [200],
    build: async ({ ownerPerson }) => ({ params: inCommunity({ oid: await paidOrder(ownerPerson) }), body: reason }),
  },
  retryShippingUpload: {
    ok: [200],
    build: async ({ ownerPerson }) => ({ params: inCommunity({ oid: await failedShippingOrder(ownerPerson) }) }),
  },
  recordPayout: {
    ok: [201],
    build: async () => ({
      params: inCommunity({ memberId: w.people.maker.userId }),
      body: { amountFen: 1, note: '月结' },
    }),
  },
  listMakers: { ok: [200], build: community },
  donate: { ok: [201], build: async () => ({ params: inCommunity(), body: { amountFen: 100 } }) },
  createPledge: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { amountFen: 500, dayOfMonth: 10 } }),
  },
  listMyPledges: { ok: [200], build: community },
  changePledge: {
    ok: [200],
    build: async ({ ownerPerson }) => ({
      params: inCommunity({ pledgeId: await newPledge(ownerPerson) }),
      body: { action: 'pause' },
    }),
  },
  listMyNotifications: { ok: [200], build: async () => ({}) },
  setFundHolder: {
    ok: [200],
    build: async () => ({ params: inCommunity(), body: TEST_FUND_HOLDER }),
  },
  requestDonationReceipt: {
    ok: [201],
    build: async ({ ownerPerson }) => ({
      params: inCommunity(),
      body: { orderId: await paidDonation(ownerPerson), payerName: '矩阵捐赠人' },
    }),
  },
  listReceiptRequests: { ok: [200], build: community },
  listMyReceiptRequests: { ok: [200], build: community },
  issueDonationReceipt: {
    ok: [200],
    build: async () => ({
      params: inCommunity({ requestId: await receiptRequestOf(w.people.maker) }),
      // Each receipt has a number of its own (a number given out before is 409 fund.receipt_number_used).
      body: { receiptNo: `MX-${randomUUID().slice(0, 8)}` },
    }),
  },
  rejectReceiptRequest: {
    ok: [200],
    build: async () => ({ params: inCommunity({ requestId: await receiptRequestOf(w.people.maker) }), body: reason }),
  },

  getStats: { ok: [200], build: community },
  listAudit: { ok: [200], build: community },
  getRecognition: { ok: [200], proxy: true, build: community },
  recognize: {
    ok: [200, 201],
    build: async () => ({
      params: inCommunity(),
      body: { month: chinaMonth(now()), memberIds: [w.people.resident.userId], citation: '热心肠' },
    }),
  },
  createOfflineMember: {
    ok: [201],
    build: async () => ({ params: inCommunity(), body: { displayName: '王奶奶' } }),
  },
  createProxy: {
    ok: [201],
    build: async ({ ownerPerson }) => {
      const proxy = await personIn(w.cid, ['resident'], 'family');
      return { params: inCommunity(), body: { residentId: ownerPerson.userId, proxyId: proxy.userId } };
    },
  },
  addChild: {
    ok: [201],
    build: async () => ({
      params: inCommunity(),
      body: { displayName: '小明', birthDate: birthDateYearsAgo(8), guardianConsent: true },
    }),
  },
  listMyChildren: { ok: [200], build: community },
  listMyProxies: { ok: [200], build: community },
  listAllProxies: { ok: [200], build: community },
  removeProxy: {
    ok: [200],
    build: async ({ ownerPerson }) => ({ params: inCommunity(await newProxy(ownerPerson)) }),
  },
  getSubscriptions: { ok: [200], build: async () => ({}) },
  subscribe: { ok: [200], build: async () => ({ body: { kinds: ['claim_decided'] } }) },
  acceptConsent: { ok: [201], build: async () => ({ body: privacyGuide }) },
  listMyConsents: { ok: [200], build: async () => ({}) },
  getMyDataExport: { ok: [200], build: async () => ({}) },
  closeAccount: {
    ok: [200],
    standInCaller: true,
    build: async () => ({ token: (await personIn(w.cid, ['resident'], 'closing')).token, body: { confirm: true } }),
  },
  updateMyDisplayName: {
    ok: [200],
    build: async () => ({ params: inCommunity(), body: { displayName: '改过的名字' } }),
  },
  withdrawConsent: {
    ok: [200],
    build: async ({ ownerPerson }) => {
      // the owner's own consent to withdraw (for a refused caller the call never reaches it)
      await must('acceptConsent', as(ownerPerson, { body: privacyGuide }));
      return { params: { kind: 'privacy_guide' } };
    },
  },
  runReconciliation: { ok: [200], build: community },
  giftPoints: {
    ok: [200, 201],
    build: async () => ({ params: inCommunity(), body: { toPool: true, points: 1 } }),
  },
};

/** The policy the matrix proves: each route's `access` as its shared contract declares it, and its cases. */
const POLICY = Object.fromEntries(
  Object.entries(CASES).map(([name, cases]) => [name, { ...cases, access: contracts[name as ContractName].access }]),
) as Record<ContractName, RouteSpec>;

/** A photo `person` uploaded (to the local S3-compatible server) and has not completed yet. */
async function uploadedImage(caller: CallerName): Promise<string> {
  const member = MEMBER_PERSONAS.find((name) => name === caller);
  const person = member ? w.people[member] : w.people.resident;
  const bytes = await samplePhoto('image/png', 64, 48);
  const upload = await must<{ id: string; uploadUrl: string; headers: Record<string, string> }>(
    'requestImageUpload',
    as(person, { params: inCommunity(), body: { purpose: 'product', contentType: 'image/png', bytes: bytes.length } }),
  );
  const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: new Uint8Array(bytes) });
  if (put.status !== 200) throw new Error(`upload PUT → ${put.status}`);
  return upload.id;
}

/** An activity held for review (as a team leader's text WeChat wants reviewed leaves one), made by the clerk. */
async function heldActivity(): Promise<string> {
  const aid = await newActivity();
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.activity(w.cid, aid),
      UpdateExpression: 'SET heldForReview = :held',
      ExpressionAttributeValues: { ':held': true },
    }),
  );
  return aid;
}

/** A paid donation whose message WeChat's check (the stand-in's fixed rule) held for review: its id. */
async function heldDonationMessage(donor: Person): Promise<string> {
  const order = await must<{ id: string }>(
    'donate',
    as(donor, { params: inCommunity(), body: { amountFen: 100, message: 'LINLI-REVIEW 祝社区越来越好' } }),
  );
  await must('devPayOrder', as(donor, { params: inCommunity({ oid: order.id }) }));
  return order.id;
}

/** A well-formed message-push query whose signature is not WeChat's (nobody holds the token here). */
const unsignedPush = () => ({
  query: {
    signature: randomBytes(20).toString('hex'),
    timestamp: String(Math.floor(Date.now() / 1000)),
    nonce: 'n0nce',
  },
});

/** An activity that has ended, closed by the scheduled job at once (the stack's own run of it then finds nothing to do). */
async function endedActivity(): Promise<string> {
  const activity = await must<{ id: string }>(
    'createActivity',
    as(w.clerk, {
      params: inCommunity(),
      body: { title: '社区义诊', category: 'care', startsAt: isoIn(-180), endsAt: isoIn(-60), graceMinutes: 0 },
    }),
  );
  await closeOpenAttendances();
  return activity.id;
}

async function merchantParams({ owner }: Build): Promise<RouteCall> {
  return { params: inCommunity({ mid: owner === 'merchant' ? w.merchantId : w.otherMerchantId }) };
}

function orderOf(make: (owner: Person) => Promise<string>) {
  return async ({ ownerPerson }: Build): Promise<RouteCall> => ({
    params: inCommunity({ oid: await make(ownerPerson) }),
  });
}

/** Routes whose success changes the caller's credentials: after every other route. */
const RUN_LAST: ContractName[] = ['refreshToken'];

// ---------------------------------------------------------------- the cells

const DENY = [403, 404];

/** Routes whose body names an object of the community (checked under another community too). */
const CROSS_TENANT_BODY: ContractName[] = [
  'createActivity',
  'checkin',
  'recordContribution',
  'redeem',
  'createOrder',
  'createProxy',
  'recognize',
];
/** Path parameters that name no object of the community: an export's dataset, a disclosure's period. */
const OBJECT_PATH = /\{(?!cid\}|dataset\}|period\})\w+\}/;

/**
 * Cross-tenant references (BOLA across communities): the foreign staff — staff and admin in their own
 * community — names this community's object under their own community's path. Nothing may be found.
 */
function crossTenantCells(name: ContractName, spec: RouteSpec): Cell[] {
  const path = contracts[name].path;
  if (!path.startsWith('/v1/communities/{cid}')) return [];
  if (!OBJECT_PATH.test(path) && !CROSS_TENANT_BODY.includes(name)) return [];
  const owner = spec.access.startsWith('merchant') ? 'merchant' : 'resident';
  // 409: refused by a rule that found nothing of theirs (no open flag, nothing earned, did not volunteer there)
  return [{ caller: 'foreignStaff', owner, crossTenant: true, expected: [403, 404, 409] }];
}

function cellsFor(name: ContractName, spec: RouteSpec): Cell[] {
  return [...roleCells(spec), ...crossTenantCells(name, spec), ...actingForCells(spec), ...(spec.extra ?? [])];
}

/**
 * The proxy dimension: each route called by the ward's proxy for the ward, and by the staff persona for
 * the admin persona (a relation made before the rules). Public routes take no identity (the header
 * lends nothing, they answer as to anyone); the signed webhook trusts nobody. A route off the
 * allow-list is refused before its object is read, so its object is the resident persona's (the ward
 * has no phone to make orders, pledges or proxies of their own).
 */
function actingForCells(spec: RouteSpec): Cell[] {
  const ok = [...spec.ok, ...(spec.refusals?.statuses ?? [])];
  const forWard = { caller: 'proxy', actFor: 'ward' } as const;
  const forAdmin = { caller: 'staff', owner: 'admin', actFor: 'admin' } as const;
  if (spec.access === 'public')
    return [
      { ...forWard, owner: 'ward', expected: ok },
      { ...forAdmin, expected: ok },
    ];
  if (spec.access === 'signed')
    return [
      { ...forWard, owner: 'ward', expected: [401] },
      { ...forAdmin, expected: [401] },
    ];
  if (!spec.proxy) {
    const code = 'auth.not_proxyable';
    return [
      { ...forWard, owner: 'resident', expected: [403], code },
      { ...forAdmin, expected: [403], code },
    ];
  }
  return [
    { ...forWard, owner: 'ward', expected: ok },
    { ...forAdmin, expected: [403], code: 'proxy.office_member' },
    // acting for the ward on another resident's object: the ward's own rights, not more
    ...(spec.access === 'own' ? [{ ...forWard, owner: 'resident' as const, expected: DENY }] : []),
  ];
}

function roleCells(spec: RouteSpec): Cell[] {
  const ok = [...spec.ok, ...(spec.refusals?.statuses ?? [])];
  const anonymous: Cell = { caller: 'anonymous', owner: 'resident', expected: [401] };
  const outsiders: Cell[] = OUTSIDERS.map((caller) => ({ caller, owner: 'resident', expected: [403] }));
  const byRole = (allowed: PersonaName[]): Cell[] => [
    anonymous,
    ...MEMBER_PERSONAS.map((caller) => ({
      caller,
      owner: 'resident' as const,
      expected: allowed.includes(caller) ? ok : [403],
    })),
    ...outsiders,
  ];
  switch (spec.access) {
    case 'public':
      return PERSONAS.map((caller) => ({ caller, owner: 'resident', expected: ok }));
    case 'user':
      return [anonymous, ...PERSONAS.slice(1).map((caller) => ({ caller, owner: caller, expected: ok }))];
    case 'member':
      return byRole(MEMBER_PERSONAS);
    case 'self':
      return [
        anonymous,
        ...MEMBER_PERSONAS.map((caller) => ({ caller, owner: caller, expected: ok })),
        // someone else's `/me`: acting for a resident without a proxy relation → 403 proxy.not_authorized,
        // or 403 auth.not_proxyable on the routes nobody may call for someone else
        ...MEMBER_PERSONAS.filter((caller) => caller !== 'resident').map((caller) => ({
          caller,
          owner: 'resident' as const,
          actFor: 'resident' as const,
          expected: [403],
        })),
        ...outsiders,
      ];
    case 'own':
    case 'own-or-office':
      return [
        anonymous,
        ...MEMBER_PERSONAS.map((caller) => ({ caller, owner: caller, expected: ok })),
        ...MEMBER_PERSONAS.filter((caller) => caller !== 'resident').map((caller) => ({
          caller,
          owner: 'resident' as const,
          expected: spec.access === 'own-or-office' && OFFICE.includes(caller) ? ok : DENY,
        })),
        ...outsiders,
      ];
    case 'merchant-staff':
    case 'merchant-or-office':
      return [
        { caller: 'anonymous', owner: 'merchant', expected: [401] },
        ...MEMBER_PERSONAS.map((caller) => ({
          caller,
          owner: 'merchant' as const,
          expected:
            caller === 'merchant' || (spec.access === 'merchant-or-office' && OFFICE.includes(caller)) ? ok : [403],
        })),
        // the merchant persona on another owner's merchant
        { caller: 'merchant', owner: 'otherResident', expected: [403] },
        ...OUTSIDERS.map((caller) => ({ caller, owner: 'merchant' as const, expected: [403] })),
      ];
    case 'team-leader-or-office':
      // the resident persona leads the team of these cells (w.teamId); staff and admin manage every team
      return [
        anonymous,
        ...MEMBER_PERSONAS.map((caller) => ({
          caller,
          owner: 'resident' as const,
          expected: caller === 'resident' || OFFICE.includes(caller) ? ok : [403],
        })),
        // a leader on another team
        { caller: 'resident', owner: 'otherResident', expected: [403] },
        ...outsiders,
      ];
    case 'proxy-setup':
      return [
        anonymous,
        // for themself: anyone but an office member (whose identity is never lent)
        ...MEMBER_PERSONAS.map((caller) =>
          OFFICE.includes(caller)
            ? { caller, owner: caller, expected: [403], code: 'proxy.office_member' }
            : { caller, owner: caller, expected: ok },
        ),
        // for a resident who uses the app: only they can ask
        ...MEMBER_PERSONAS.filter((caller) => caller !== 'resident').map((caller) => ({
          caller,
          owner: 'resident' as const,
          expected: [403],
          ...(OFFICE.includes(caller) ? { code: 'proxy.not_offline' } : {}),
        })),
        // for a resident registered offline: the office
        ...MEMBER_PERSONAS.map((caller) => ({
          caller,
          owner: 'ward' as const,
          expected: OFFICE.includes(caller) ? ok : [403],
        })),
        ...outsiders,
      ];
    case 'maker':
      return byRole(['maker']);
    case 'staff':
      return byRole(OFFICE);
    case 'admin':
      return byRole(['admin']);
    case 'signed':
      // no caller is trusted without WeChat Pay's signature: 401 payment.notification_rejected for everyone
      return PERSONAS.map((caller) => ({ caller, owner: 'resident', expected: [401] }));
    case 'platform':
      // no community role makes a platform operator, and being one lends no community role
      return [...byRole([]), { caller: 'operator', owner: 'resident', expected: ok }];
    case 'district':
      // a district's figures: its officers and operators; no community role opens them
      return [
        ...byRole([]).filter((cell) => cell.caller !== 'districtOfficer'),
        { caller: 'districtOfficer', owner: 'resident', expected: ok },
        { caller: 'operator', owner: 'resident', expected: ok },
      ];
  }
}

// ---------------------------------------------------------------- stand-ins for WeChat (login, pay keys)

let wechat: WechatApi | undefined;
const savedEnvironment = { ...process.env };

/** The local WeChat API stand-in (login: a new openid a code; tokens; mini-program codes), for this suite's app. */
async function startWechatStandIn(): Promise<string> {
  wechat = await startWechatApi({ appId: 'wx0000000000000000', appSecret: 'matrix-wechat-secret' });
  return wechat.url;
}

function configureWechatPay() {
  const merchantKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platformKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    WECHAT_PAY_MCHID: '1900000001',
    WECHAT_PAY_SERIAL: 'MATRIX-SERIAL',
    WECHAT_PAY_PRIVATE_KEY: merchantKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    WECHAT_PAY_APIV3_KEY: randomBytes(16).toString('hex'),
    WECHAT_PAY_PLATFORM_KEYS: JSON.stringify({
      'PLATFORM-1': platformKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    }),
    WECHAT_PAY_NOTIFY_URL: 'https://api.example.org/v1/payments/wechat/notify',
  };
}

// ---------------------------------------------------------------- the suite

const callerOf = (name: CallerName): Person | undefined =>
  name === 'anonymous' ? undefined : name === 'proxy' ? w.proxy : w.people[name];

/** The ward is reached through their proxy; cells not about anyone's object use the resident persona's. */
const ownerOf = (name: OwnerName): Actor =>
  name === 'ward' ? w.ward : name === 'anonymous' ? w.people.resident : w.people[name];

let entries: RouteEntry[];

beforeAll(async () => {
  const table = routeTable();
  if (table.problems.length > 0) throw new Error(`route table: ${table.problems.join('; ')}`);
  entries = table.entries;
  await loadHandlers(entries);
  Object.assign(process.env, {
    WECHAT_APP_ID: 'wx0000000000000000',
    WECHAT_APP_SECRET: 'matrix-wechat-secret',
    WECHAT_API_BASE: await startWechatStandIn(),
  });

  const [main, foreign, joinable] = await Promise.all([createCommunity(), createCommunity(), createCommunity()]);
  const cid = main.id;
  const [resident, otherResident, merchant, maker, staff, admin, foreignStaff, clerk, checker, family, extra, proxy] =
    await Promise.all([
      personIn(cid, ['resident'], 'resident'),
      personIn(cid, ['resident'], 'other'),
      personIn(cid, ['resident'], 'merchant'),
      personIn(cid, ['resident', 'maker'], 'maker'),
      personIn(cid, ['staff'], 'staff'),
      personIn(cid, ['admin'], 'admin'),
      personIn(foreign.id, ['staff', 'admin'], 'foreign'),
      personIn(cid, ['staff'], 'clerk'),
      personIn(cid, ['staff'], 'checker'),
      personIn(cid, ['resident'], 'family'),
      personIn(cid, ['resident'], 'owner2'),
      personIn(cid, ['resident'], 'proxy'),
    ]);
  const operatorLogin = await must<{ token: string; user: { id: string } }>('devLogin', {
    body: { openid: 'demo-platform', nickname: 'platform' },
  });
  const operator = { token: operatorLogin.token, userId: operatorLogin.user.id };
  const joinClerk = await personIn(joinable.id, ['staff'], 'joinclerk');
  // The main community sits in a district with a neighbour community; the district has an officer.
  const districtId = `matrix-d-${randomUUID().slice(0, 8)}`;
  await must('createDistrict', { token: operator.token, body: { id: districtId, name: '矩阵街道' } });
  await new DynamoCommunityStore(documentClient(), tableName()).putCommunity({ ...main, districtId });
  const neighbour = await createCommunity({ districtId });
  const neighbourStaff = await personIn(neighbour.id, ['resident', 'staff', 'admin'], 'neighbour');
  const officerOpenid = `matrix-officer-${randomUUID().slice(0, 8)}`;
  const officerLogin = await must<{ token: string; user: { id: string } }>('devLogin', {
    body: { openid: officerOpenid, nickname: 'officer' },
  });
  await must('setDistrictOfficer', {
    token: operator.token,
    params: { did: districtId },
    body: { openid: officerOpenid },
  });
  const districtOfficer = { token: officerLogin.token, userId: officerLogin.user.id };
  w = {
    cid,
    foreignCid: foreign.id,
    joinCid: joinable.id,
    people: {
      resident,
      otherResident,
      merchant,
      maker,
      staff,
      admin,
      foreignStaff,
      operator,
      neighbourStaff,
      districtOfficer,
    },
    clerk,
    joinClerk,
    districtId,
    checker,
    family,
    ward: { token: proxy.token, userId: '' },
    proxy,
    extraMerchantOwner: extra,
    merchantId: '',
    otherMerchantId: '',
    activityId: '',
    goodId: '',
    productId: '',
    teamId: '',
    otherTeamId: '',
  };
  w.merchantId = await newMerchant(merchant);
  w.otherMerchantId = await newMerchant(extra);
  w.activityId = await newActivity();
  w.teamId = await newTeam([resident.userId]);
  w.otherTeamId = await newTeam([extra.userId]);
  await certify(resident);
  for (const person of Object.values(w.people)) {
    if (![foreignStaff, operator, neighbourStaff, districtOfficer].includes(person))
      await newTransfer(person.userId, 10);
  }
  // the ward: registered offline by the office, with the proxy the office set up for them
  const ward = await must<{ member: { id: string } }>(
    'createOfflineMember',
    as(clerk, { params: inCommunity(), body: { displayName: '王奶奶' } }),
  );
  w.ward = { token: proxy.token, userId: ward.member.id, actFor: ward.member.id };
  await must(
    'createProxy',
    as(clerk, { params: inCommunity(), body: { residentId: w.ward.userId, proxyId: proxy.userId } }),
  );
  await newTransfer(w.ward.userId, 20);
  // made before the rules: the staff persona may "act for" the admin persona — and must gain nothing
  await legacyProxy({ residentId: admin.userId, proxyId: staff.userId });
  w.goodId = (
    await must<{ id: string }>(
      'createGood',
      as(clerk, { params: inCommunity(), body: { name: '面粉', pricePoints: 1, stock: 10_000, valueFen: 100 } }),
    )
  ).id;
  w.productId = await newProduct();
  await must('approveProduct', as(checker, { params: inCommunity({ pid: w.productId }) }));
  await paidOrder(resident); // the maker has earnings to pay out
  await must(
    'recordFundIncome',
    as(clerk, { params: inCommunity(), body: { kind: 'stall', amountFen: 1_000_000, description: '义卖' } }),
  );
}, 120_000);

afterAll(async () => {
  for (const name of ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_API_BASE']) {
    if (savedEnvironment[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnvironment[name];
  }
  await wechat?.close();
});

describe('authorization matrix (generated from the route table)', () => {
  it('covers every route: contracts, serverless.yml httpApi routes and the policy have the same keys', () => {
    const contractNames = Object.keys(contracts).sort();
    const serverlessNames = entries.map((entry) => entry.contract).sort();
    const policyNames = Object.keys(POLICY).sort();

    expect(serverlessHttpRoutes()).toHaveLength(entries.length);
    expect(serverlessNames).toEqual(contractNames);
    expect(policyNames).toEqual(contractNames);
  });

  it('declares the same proxyable routes as the allow-list the handlers enforce (PROXYABLE_ROUTES)', () => {
    const proxyable = Object.entries(POLICY)
      .filter(([, spec]) => spec.proxy)
      .map(([name]) => name)
      .sort();

    expect(proxyable).toEqual([...PROXYABLE_ROUTES].sort());
  });

  it('hides the dev-only routes on every other stage (404 route.not_found)', async () => {
    const oid = await newOrder(w.people.resident);
    const stage = process.env.STAGE;
    process.env.STAGE = 'prod';
    try {
      const login = await callRoute('devLogin', { body: { openid: `matrix-${randomUUID()}` } });
      const pay = await callRoute('devPayOrder', { token: w.people.resident.token, params: inCommunity({ oid }) });

      expect([login.status, pay.status]).toEqual([404, 404]);
      expect([login.json, pay.json]).toMatchObject([
        { error: { code: 'route.not_found' } },
        { error: { code: 'route.not_found' } },
      ]);
    } finally {
      if (stage === undefined) delete process.env.STAGE;
      else process.env.STAGE = stage;
    }
  });

  it('answers every persona, on its own objects and on others’, as the policy says', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let cells = 0;
    /** Cells of the proxy dimension (for the ward, or for the admin through a pre-rules relation). */
    let proxyCells = 0;
    const started = Date.now();
    let refusedCells = 0;
    const check = (entry: RouteEntry, cell: Cell, reply: RouteReply) => {
      cells += 1;
      if (cell.actFor === 'ward' || cell.actFor === 'admin') proxyCells += 1;
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      const body = reply.json as { error?: { code?: string } } | undefined;
      const errorShaped = reply.status < 400 || typeof body?.error?.code === 'string';
      // a list under another community's path may answer an empty page: nothing found, nothing shown
      const emptyPage =
        cell.crossTenant &&
        reply.status === 200 &&
        Array.isArray((reply.json as { items?: unknown }).items) &&
        (reply.json as { items: unknown[] }).items.length === 0;
      const wrongCode = cell.code !== undefined && body?.error?.code !== cell.code;
      if ((!cell.expected.includes(reply.status) && !emptyPage) || !errorShaped || wrongCode) {
        const whose = cell.owner === cell.caller ? 'own' : `${cell.owner}'s`;
        failures.push(
          `${entry.contract} as ${cell.caller} on ${whose}${cell.actFor ? ` (X-Act-For ${cell.actFor})` : ''}` +
            `${cell.crossTenant ? ' (under their own community)' : ''}: ` +
            `${reply.status} ${reply.text.slice(0, 160)} (expected ${cell.expected.join('|')}` +
            `${cell.code ? ` ${cell.code}` : ''})`,
        );
      }
    };
    const ordered = [
      ...entries.filter((entry) => !RUN_LAST.includes(entry.contract)),
      ...entries.filter((entry) => RUN_LAST.includes(entry.contract)),
    ];
    for (const entry of ordered) {
      const spec = POLICY[entry.contract];
      const wechatPay = spec.access === 'signed' ? configureWechatPay() : {};
      Object.assign(process.env, wechatPay);
      try {
        // every cell's fixtures first; then the refused calls between two table snapshots; then the allowed ones
        const prepared: { cell: Cell; call: RouteCall }[] = [];
        for (const cell of cellsFor(entry.contract, spec)) {
          const callerPerson = callerOf(cell.caller);
          const ownerPerson = ownerOf(cell.owner);
          const call = await spec.build({ w, caller: cell.caller, owner: cell.owner, ownerPerson });
          const headers = { ...call.headers };
          if (cell.actFor) headers['x-act-for'] = ownerOf(cell.actFor).userId;
          if (cell.crossTenant) call.params = { ...call.params, cid: w.foreignCid };
          const token = spec.standInCaller && callerPerson ? call.token : callerPerson?.token;
          prepared.push({ cell, call: { ...call, headers, token } });
        }
        const refused = prepared.filter(({ cell }) => !cell.expected.some((status) => status < 300));
        const allowed = prepared.filter(({ cell }) => cell.expected.some((status) => status < 300));
        // reads are not snapshotted (two full scans a route cost more than they could find)
        const snapshot = entry.method === 'GET' ? undefined : await tableSnapshot();
        for (const { cell, call } of refused) check(entry, cell, await callRoute(entry.contract, call));
        if (snapshot) {
          const after = await tableSnapshot();
          if (after.hash !== snapshot.hash) {
            const changes = describeChanges(snapshot.items, after.items);
            failures.push(`${entry.contract}: refused calls changed the table: ${changes.slice(0, 4).join('; ')}`);
          }
          refusedCells += refused.length;
        }
        for (const { cell, call } of allowed) check(entry, cell, await callRoute(entry.contract, call));
      } finally {
        for (const name of Object.keys(wechatPay)) delete process.env[name];
      }
    }
    const refusals = Object.entries(POLICY)
      .filter(([, spec]) => spec.refusals)
      .map(([name, spec]) => `${name}: ${spec.refusals?.statuses.join('|')} when ${spec.refusals?.why}`);
    console.log(
      [
        `authorization matrix: ${entries.length} routes × ${PERSONAS.length} personas → ${cells} cells ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `proxy dimension (every route × acting for the ward / for an admin): ${proxyCells} cells`,
        `statuses: ${[...statuses.entries()]
          .sort(([left], [right]) => left - right)
          .map(([status, count]) => `${status}×${count}`)
          .join(' ')}`,
        `accepted business refusals: ${refusals.join('; ') || 'none'}`,
        `refused cells of writing routes checked for no table change: ${refusedCells}`,
        `failures: ${failures.length}`,
      ].join('\n'),
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
