import { contracts, PRIVACY_GUIDE_VERSION, type CommunityDataExport, type DataExport } from '@linli/shared';
import { errorOf, send, type ApiReply } from '../support/api';
import { createCommunity, createMember } from '../support/factories';
import { activeMerchant } from '../support/market';
import { heldImage } from '../support/photos';
import { createActivityNow, minutesFromNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * "My data" (issue 20 item 1, PIPL Art. 44–45): `GET /v1/me/data-export` holds every kind of record
 * a person leaves — made here one of each, over HTTP against the running API — across every
 * community they belong to, and nothing of anyone else. And the correction of the display name.
 */
type Person = { token: string; userId: string };

const ID = '11010119900307002X';
const OTHER_NAME = '赵其他';
const OFFICE = { address: '青龙街 1 号', phone: '010-12345678', responsiblePerson: '张主任' };

function expectStatus<Body>(reply: ApiReply<Body>, status: number, what: string): Body {
  if (reply.status !== status) throw new Error(`${what} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** A claim of two hours, approved by a second staff member: a claim, ledger postings, a month, a notification. */
async function approvedClaim(cid: string, staff: Person, approver: Person, person: Person) {
  const activity = await createActivityNow(cid, staff.token);
  const claim = await officeClaim(cid, activity.id, staff.token, person.userId, 120);
  const approval = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: approver.token });
  expectStatus(approval, 200, 'approve claim');
  return claim;
}

/** The time bank's records of `me`: profile, claim, sign-up, correction, certificate, team. */
async function volunteerRecords(world: Awaited<ReturnType<typeof timebankCommunity>>, me: Person) {
  const { cid, staff, otherStaff } = world;
  const profile = { realName: '王小明', idNumber: ID, phone: '13800000000' };
  expectStatus(
    await send(contracts.putVolunteerProfile, { params: { cid }, token: me.token, body: profile }),
    200,
    'profile',
  );
  const claim = await approvedClaim(cid, staff, otherStaff, me);
  const later = await createActivityNow(cid, staff.token, {
    startsAt: minutesFromNow(24 * 60),
    endsAt: minutesFromNow(26 * 60),
  });
  expectStatus(
    await send(contracts.signUp, { params: { cid, aid: later.id }, token: me.token, body: {} }),
    201,
    'sign up',
  );
  const correction = { description: '三月的一次服务漏记了' };
  expectStatus(
    await send(contracts.requestRecordCorrection, { params: { cid }, token: me.token, body: correction }),
    201,
    'correction',
  );
  expectStatus(
    await send(contracts.issueServiceCertificate, {
      params: { cid },
      token: staff.token,
      body: { memberId: me.userId },
    }),
    201,
    'service certificate',
  );
  const team = { name: `助老队-${me.userId.slice(-4)}`, leaderIds: [me.userId] };
  expectStatus(await send(contracts.createTeam, { params: { cid }, token: staff.token, body: team }), 201, 'team');
  return { claim };
}

/** The market, shop and fund records of `me`, with a seller and a helper who are neither `me` nor the other. */
async function marketRecords(world: Awaited<ReturnType<typeof timebankCommunity>>, me: Person) {
  const { cid, staff } = world;
  const [seller, helper] = await Promise.all([
    createMember(cid, ['resident', 'maker'], 'seller'),
    createMember(cid, ['resident'], 'helper'),
  ]);
  const good = expectStatus(
    await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '小米', pricePoints: 1, stock: 5, valueFen: 500 },
    }),
    201,
    'good',
  );
  expectStatus(
    await send(contracts.redeem, { params: { cid }, token: me.token, body: { goodId: good.id, quantity: 1 } }),
    201,
    'redeem',
  );
  const product = { title: '手工草帽', description: '麦秆编织', priceFen: 1000, stock: 3 };
  const listed = expectStatus(
    await send(contracts.createProduct, { params: { cid }, token: seller.token, body: product }),
    201,
    'product',
  );
  await send(contracts.approveProduct, { params: { cid, pid: listed.id }, token: staff.token });
  const items = [{ productId: listed.id, quantity: 1 }];
  expectStatus(await send(contracts.createOrder, { params: { cid }, token: me.token, body: { items } }), 201, 'order');
  expectStatus(
    await send(contracts.createProduct, { params: { cid }, token: me.token, body: product }),
    201,
    'my product',
  );
  expectStatus(
    await send(contracts.donate, { params: { cid }, token: me.token, body: { amountFen: 100 } }),
    201,
    'donate',
  );
  const pledge = { amountFen: 100, dayOfMonth: 1 };
  expectStatus(await send(contracts.createPledge, { params: { cid }, token: me.token, body: pledge }), 201, 'pledge');
  const proxy = { residentId: me.userId, proxyId: helper.userId };
  expectStatus(await send(contracts.createProxy, { params: { cid }, token: me.token, body: proxy }), 201, 'proxy');
  await activeMerchant(cid, me, staff, '王记小馆');
  const hisMerchant = await activeMerchant(cid, helper, staff, '李记面馆');
  const complaint = { description: '没有给打折' };
  expectStatus(
    await send(contracts.fileComplaint, { params: { cid, mid: hisMerchant.id }, token: me.token, body: complaint }),
    201,
    'complaint',
  );
  const contribution = {
    memberId: me.userId,
    contributorType: 'resident',
    kind: 'labour',
    description: '扫雪',
    points: 1,
  } as const;
  expectStatus(
    await send(contracts.recordContribution, { params: { cid }, token: staff.token, body: contribution }),
    201,
    'contribution',
  );
  await heldImage(cid, me.userId);
}

/** Another resident with records of their own: none of it may reach `me`'s export. */
async function otherPersonsRecords(world: Awaited<ReturnType<typeof timebankCommunity>>) {
  const { cid, staff, otherStaff } = world;
  const other = await createMember(cid, ['resident'], 'other');
  await send(contracts.acceptConsent, {
    token: other.token,
    body: { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION },
  });
  await send(contracts.putVolunteerProfile, {
    params: { cid },
    token: other.token,
    body: { realName: OTHER_NAME, phone: '13900000000' },
  });
  const claim = await approvedClaim(cid, staff, otherStaff, other);
  await send(contracts.donate, { params: { cid }, token: other.token, body: { amountFen: 200 } });
  return { other, claim };
}

const SECTIONS: (keyof CommunityDataExport)[] = [
  'accounts',
  'volunteerProfile',
  'claims',
  'earnedMonths',
  'signups',
  'teams',
  'ledger',
  'redemptions',
  'orders',
  'donations',
  'pledges',
  'recordRequests',
  'serviceCertificates',
  'proxiesActingForMe',
  'merchantRoles',
  'complaints',
  'contributions',
  'products',
  'photos',
];

describe('GET /v1/me/data-export', () => {
  it('holds one of every kind of record the person made, in every community, and nothing of another person', async () => {
    const world = await timebankCommunity({ office: OFFICE });
    const me = await createMember(world.cid, ['resident', 'maker'], 'me');
    const elsewhere = await createCommunity();
    expectStatus(await send(contracts.joinCommunity, { params: { cid: elsewhere.id }, token: me.token }), 201, 'join');
    await send(contracts.acceptConsent, {
      token: me.token,
      body: { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION },
    });
    const { claim } = await volunteerRecords(world, me);
    await marketRecords(world, me);
    const { other, claim: othersClaim } = await otherPersonsRecords(world);

    const reply = await send(contracts.getMyDataExport, { token: me.token });

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(
      /^attachment; filename="linli-data-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const data: DataExport = reply.body;
    expect(data.userId).toBe(me.userId);
    expect(data.profile).toMatchObject({ id: me.userId });
    expect(data.profile).not.toHaveProperty('openid');
    // The privacy guide, and the ID number's own consent (given with the volunteer profile's ID number).
    expect(data.consents.map((consent) => consent.kind).sort()).toEqual(['id_number', 'privacy_guide']);
    expect(data.notifications.length).toBeGreaterThan(0);
    // Each with its text's message (issue 21: key and values) beside the Chinese title and body.
    expect(data.notifications).toContainEqual(
      expect.objectContaining({
        kind: 'claim_decided',
        title: '服务时长已通过',
        message: { key: 'claim.approved', values: { activity: expect.any(String), minutes: 120, points: 2 } },
      }),
    );
    expect(data.communities.map((community) => community.communityId).sort()).toEqual([world.cid, elsewhere.id].sort());
    const mine = data.communities.find((community) => community.communityId === world.cid)!;
    expect(mine.name).toBe(world.community.name);
    expect(mine.membership).toMatchObject({ userId: me.userId, roles: ['resident', 'maker', 'merchant'] });
    const empty = SECTIONS.filter((section) => (mine[section] as unknown[]).length === 0);
    expect(empty).toEqual([]);
    expect(mine.claims.map((record) => record.id)).toEqual([claim.id]);
    expect(mine.volunteerProfile[0]).toMatchObject({ realName: '王小明', idNumber: ID, phone: '13800000000' });
    expect(mine.volunteerProfile[0]).not.toHaveProperty('idNumberSealed');
    expect(mine.donations.every((donation) => donation.kind === 'donation')).toBe(true);
    expect(mine.orders.every((order) => order.kind !== 'donation')).toBe(true);
    const text = JSON.stringify(data);
    for (const foreign of [other.userId, OTHER_NAME, othersClaim.id, '13900000000'])
      expect(text).not.toContain(foreign);
    expect(text).not.toMatch(/"(PK|SK|GSI1PK|GSI2PK|sessionKey|idNumberSealed)"/);
  }, 60_000);

  it('is only for a logged-in person: 401 without a token', async () => {
    const reply = await send(contracts.getMyDataExport);
    expect(reply.status).toBe(401);
  });

  it('of a person in no community is their profile and empty sections', async () => {
    const world = await timebankCommunity();
    const lonely = await createMember(world.cid, ['resident'], 'lonely');
    const reply = await send(contracts.getMyDataExport, { token: lonely.token });
    expect(reply.status).toBe(200);
    expect(reply.body.communities).toHaveLength(1);
    expect(reply.body.communities[0]!.claims).toEqual([]);
  });
});

describe('PUT /v1/communities/{cid}/me/display-name', () => {
  it('corrects the name the community shows, after the content check', async () => {
    const { cid } = await timebankCommunity();
    const person = await createMember(cid, ['resident'], 'rename');

    const renamed = await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: person.token,
      body: { displayName: ' 王阿姨 ' },
    });
    const risky = await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: person.token,
      body: { displayName: '坏名字 LINLI-RISKY' },
    });
    const me = await send(contracts.getMe, { params: { cid }, token: person.token });

    expect(renamed.status).toBe(200);
    expect(renamed.body.member.displayName).toBe('王阿姨');
    expect(risky.status).toBe(422);
    expect(errorOf(risky)?.code).toBe('content.rejected');
    expect(me.body.member.displayName).toBe('王阿姨');
  });

  it('is for members of the community only', async () => {
    const { cid } = await timebankCommunity();
    const outsider = await createMember((await createCommunity()).id, ['resident'], 'outsider');
    const reply = await send(contracts.updateMyDisplayName, {
      params: { cid },
      token: outsider.token,
      body: { displayName: '路人' },
    });
    expect(reply.status).toBe(403);
  });
});
