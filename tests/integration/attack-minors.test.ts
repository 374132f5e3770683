import { contracts, dayOf, isUnderChildAge, type AddChildRequest } from '@linli/shared';
import { errorOf, login, send } from '../support/api';
import { birthDateYearsAgo } from '../support/clock';
import { createMember } from '../support/factories';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * An outside attack on minors (PIPL Art. 28–31): a guardian or a staff member trying to benefit
 * themself through a child, hostile input, and the child's place in the other features. Each `it`
 * names the fault it probes.
 */
type Person = { token: string; userId: string };

const DAY_MS = 86_400_000;
const child = (overrides: Partial<AddChildRequest> = {}): AddChildRequest => ({
  displayName: '小明',
  birthDate: birthDateYearsAgo(9),
  guardianConsent: true,
  ...overrides,
});
const addChild = (cid: string, guardian: Person, body: AddChildRequest) =>
  send(contracts.addChild, { params: { cid }, token: guardian.token, body });
const addChildRaw = (cid: string, guardian: Person, invalidBody: unknown) =>
  send(contracts.addChild, { params: { cid }, token: guardian.token, invalidBody });
const asGuardianOf = (childId: string) => ({ 'x-act-for': childId });
const codeOf = (reply: { status: number; body: unknown }) => [reply.status, errorOf(reply)?.code];
const childrenOf = async (cid: string, guardian: Person) =>
  (await send(contracts.listMyChildren, { params: { cid }, token: guardian.token })).body.items;

async function childId(cid: string, guardian: Person, overrides: Partial<AddChildRequest> = {}): Promise<string> {
  const reply = await addChild(cid, guardian, child(overrides));
  if (reply.status !== 201) throw new Error(`add child → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.child.id;
}

async function makeMaker(cid: string, admin: Person, memberId: string) {
  const reply = await send(contracts.setMemberRoles, {
    params: { cid, memberId },
    token: admin.token,
    body: { roles: ['resident', 'maker'] },
  });
  if (reply.status !== 200) throw new Error(`roles → ${reply.status} ${JSON.stringify(reply.body)}`);
}

async function childProduct(cid: string, guardian: Person, kid: string) {
  const reply = await send(contracts.createProduct, {
    params: { cid },
    token: guardian.token,
    headers: asGuardianOf(kid),
    body: { title: '彩绘石头', description: '小朋友画的', priceFen: 1000, stock: 2 },
  });
  if (reply.status !== 201) throw new Error(`product → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

describe('a staff member does not decide in favour of their own child (conflict of interest)', () => {
  it('fault: staff vet their own child’s listing', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const kid = await childId(cid, staff);
    await makeMaker(cid, admin, kid);
    const product = await childProduct(cid, staff, kid);

    const approved = await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: staff.token });
    expect(codeOf(approved)).toEqual([403, 'auth.conflict_of_interest']);
  });

  it('fault: staff enter office hours for their own child (points the guardian then redeems)', async () => {
    const { cid, staff } = await timebankCommunity();
    const kid = await childId(cid, staff);
    const activity = await createActivityNow(cid, staff.token);

    const entry = await send(contracts.recordOfficeAttendance, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { memberId: kid, minutes: 60 },
    });
    expect(codeOf(entry)).toEqual([403, 'auth.conflict_of_interest']);
  });

  it('fault: staff approve their own child’s hours entered by another staff member', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const kid = await childId(cid, staff);
    const activity = await createActivityNow(cid, otherStaff.token);
    const claim = await officeClaim(cid, activity.id, otherStaff.token, kid, 60);

    const approved = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: staff.token });
    expect(approved.status).toBe(403);
    const balance = await send(contracts.getMe, { params: { cid }, token: staff.token, headers: asGuardianOf(kid) });
    expect(balance.body.balancePoints).toBe(0);
  });

  it('fault: staff record a contribution (points) for their own child', async () => {
    const { cid, staff } = await timebankCommunity();
    const kid = await childId(cid, staff);
    const recorded = await send(contracts.recordContribution, {
      params: { cid },
      token: staff.token,
      body: { memberId: kid, contributorType: 'resident', kind: 'labour', description: '打扫楼道', points: 50 },
    });
    expect(codeOf(recorded)).toEqual([403, 'auth.conflict_of_interest']);
  });

  it('fault: an admin changes the roles of their own child (makes them a maker)', async () => {
    const { cid, admin } = await timebankCommunity();
    const kid = await childId(cid, admin);
    const roles = await send(contracts.setMemberRoles, {
      params: { cid, memberId: kid },
      token: admin.token,
      body: { roles: ['resident', 'maker'] },
    });
    expect(codeOf(roles)).toEqual([403, 'auth.conflict_of_interest']);
  });
});

describe('nobody but the guardian acts for a child', () => {
  it('fault: staff name a stranger as proxy of someone else’s child (the child is “offline”)', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const kid = await childId(cid, guardian);

    const proxy = await send(contracts.createProxy, {
      params: { cid },
      token: staff.token,
      body: { residentId: kid, proxyId: resident.userId },
    });
    expect(proxy.status).toBe(403);
    const borrowed = await send(contracts.getMe, {
      params: { cid },
      token: resident.token,
      headers: asGuardianOf(kid),
    });
    expect(borrowed.status).toBe(403);
  });

  it('probe: another guardian, another community, a malformed or doubled X-Act-For', async () => {
    const { cid } = await timebankCommunity();
    const other = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    await send(contracts.joinCommunity, { params: { cid: other.cid }, token: guardian.token });
    const kid = await childId(cid, guardian);
    const stranger = await createMember(cid, ['resident'], 'stranger');
    const getMe = (token: string, header: string, community = cid) =>
      send(contracts.getMe, { params: { cid: community }, token, headers: { 'x-act-for': header } });

    expect(codeOf(await getMe(stranger.token, kid))).toEqual([403, 'proxy.not_authorized']);
    expect((await getMe(guardian.token, kid, other.cid)).status).toBe(403);
    for (const bad of ['../x', `${kid}, ${kid}`, 'x'.repeat(65), '%E5%B0%8F', ' ']) {
      const reply = await getMe(guardian.token, bad);
      expect([bad, reply.status]).toEqual([bad, 400]);
      expect(errorOf(reply)?.code).toBe('proxy.invalid');
    }
  });

  it('probe: X-Act-For a child on routes outside GUARDIAN_ROUTES (gift, signup, profile, payout, export, close)', async () => {
    const { cid, staff } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const kid = await childId(cid, guardian);
    const activity = await createActivityNow(cid, staff.token);
    const as = { token: guardian.token, headers: asGuardianOf(kid) };

    const replies = [
      await send(contracts.giftPoints, { params: { cid }, ...as, body: { toMemberId: guardian.userId, points: 1 } }),
      await send(contracts.signUp, { params: { cid, aid: activity.id }, ...as, body: {} }),
      await send(contracts.putVolunteerProfile, {
        params: { cid },
        ...as,
        body: { realName: '小明', birthDate: birthDateYearsAgo(9) } as never,
      }),
      await send(contracts.recordPayout, {
        params: { cid, memberId: kid },
        ...as,
        body: { amountFen: 100, note: 'x' },
      }),
      await send(contracts.getMyDataExport, { ...as }),
      await send(contracts.closeAccount, { ...as, body: { confirm: true } }),
      await send(contracts.updateMyDisplayName, { params: { cid }, ...as, body: { displayName: '坏名字' } }),
    ];
    for (const [index, reply] of replies.entries()) {
      expect([index, ...codeOf(reply)]).toEqual([index, 403, 'auth.not_proxyable']);
    }
    expect((await childrenOf(cid, guardian)).map((member) => member.displayName)).toEqual(['小明']);
  });
});

describe('hostile input to addChild answers 4xx and changes nothing', () => {
  it('probe: bad dates, wrong types, extra fields, huge and invisible names', async () => {
    const { cid } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const ok = child();
    const bodies: unknown[] = [
      { ...ok, birthDate: '2015-02-29' },
      { ...ok, birthDate: '2015-2-3' },
      { ...ok, birthDate: '20150203' },
      { ...ok, birthDate: 20150203 },
      { ...ok, birthDate: null },
      { ...ok, birthDate: '2015-02-03T00:00:00Z' },
      { ...ok, birthDate: '0000-01-01' },
      { ...ok, displayName: '小'.repeat(33) },
      { ...ok, displayName: '   ' },
      { ...ok, displayName: '' },
      { ...ok, displayName: '小\u200b明' },
      { ...ok, displayName: '\u202e明小' },
      { ...ok, displayName: 42 },
      { ...ok, displayName: ['小明'] },
      { ...ok, guardianConsent: 'true' },
      { ...ok, guardianConsent: 1 },
      { displayName: ok.displayName, birthDate: ok.birthDate },
      { ...ok, guardianId: 'someone-else' },
      { ...ok, roles: ['staff'] },
      [ok],
      null,
    ];
    for (const body of bodies) {
      const reply = await addChildRaw(cid, guardian, body);
      expect([JSON.stringify(body), reply.status, errorOf(reply)?.code]).toEqual([
        JSON.stringify(body),
        400,
        'request.validation_failed',
      ]);
    }
    const raw = await send(contracts.addChild, { params: { cid }, token: guardian.token, rawBody: '{"displayName":' });
    expect(raw.status).toBe(400);
    expect(await childrenOf(cid, guardian)).toEqual([]);
  });

  it('probe: the 14th birthday is counted on the China date, not the UTC one', () => {
    // 2026-03-07 16:30 UTC is 2026-03-08 00:30 in China: someone born 2012-03-08 is 14 there.
    expect(isUnderChildAge('2012-03-08', new Date('2026-03-07T16:30:00Z'))).toBe(false);
    expect(isUnderChildAge('2012-03-08', new Date('2026-03-07T15:30:00Z'))).toBe(true);
    // Born on 29 February: 14 on 1 March in a common year, not before.
    expect(isUnderChildAge('2012-02-29', new Date('2026-02-28T04:00:00Z'))).toBe(true);
    expect(isUnderChildAge('2012-02-29', new Date('2026-03-01T04:00:00Z'))).toBe(false);
  });

  it('probe: 14 today in China is refused, 14 tomorrow is added; a birth today is added, tomorrow refused', async () => {
    const { cid } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const shift = (day: string, years: number) => `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
    const today = dayOf(new Date());
    const tomorrow = dayOf(new Date(Date.now() + DAY_MS));
    // Not on 29 February (a common year 14 years ago has none).
    if (today.endsWith('02-29') || tomorrow.endsWith('02-29')) return;

    expect(codeOf(await addChild(cid, guardian, child({ birthDate: shift(today, 14) })))).toEqual([
      422,
      'child.too_old',
    ]);
    expect((await addChild(cid, guardian, child({ birthDate: shift(tomorrow, 14) }))).status).toBe(201);
    expect((await addChild(cid, guardian, child({ birthDate: today }))).status).toBe(201);
    expect(codeOf(await addChild(cid, guardian, child({ birthDate: tomorrow })))).toEqual([422, 'child.too_old']);
  });

  it('fault: many children added at once pass MAX_CHILDREN (check, then write)', async () => {
    const { cid } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const replies = await Promise.all(
      Array.from({ length: 14 }, (_, index) => addChild(cid, guardian, child({ displayName: `孩子${index}` }))),
    );
    expect(replies.every((reply) => [201, 409].includes(reply.status))).toBe(true);
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(10);
    expect((await childrenOf(cid, guardian)).length).toBe(10);
  });
});

describe('the child in the other features', () => {
  it('probe: the audit log names the guardian as actor and the child as on whose behalf', async () => {
    const { cid, admin, staff } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const kid = await childId(cid, guardian);
    await makeMaker(cid, admin, kid);
    const product = await childProduct(cid, guardian, kid);
    expect(
      (await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: staff.token })).status,
    ).toBe(200);

    const added = await send(contracts.listAudit, {
      params: { cid },
      token: admin.token,
      query: { action: 'member.add_child' },
    });
    expect(added.body.items).toEqual([
      expect.objectContaining({ actorId: guardian.userId, objectId: kid, action: 'member.add_child' }),
    ]);
    const log = await send(contracts.listAudit, {
      params: { cid },
      token: admin.token,
      query: { objectType: 'product', objectId: product.id },
    });
    expect(log.status).toBe(200);
    expect(JSON.stringify(log.body)).not.toContain('"actorId":"' + kid);
  });

  it('fault: the guardian’s data export leaves out the children whose data they manage (PIPL Art. 31, 45)', async () => {
    const { cid } = await timebankCommunity();
    const guardian = await login(`guardian-${Date.now()}`, '家长');
    await send(contracts.joinCommunity, { params: { cid }, token: guardian.token });
    const kid = await childId(cid, guardian, { displayName: '小导出' });

    const exported = await send(contracts.getMyDataExport, { token: guardian.token });
    expect(exported.status).toBe(200);
    const community = exported.body.communities.find((entry) => entry.communityId === cid);
    expect(community?.children).toEqual([
      expect.objectContaining({ membership: expect.objectContaining({ userId: kid, displayName: '小导出' }) }),
    ]);
  });

  it('probe: closing the account while the child’s stall is still owed is refused and changes nothing', async () => {
    const { cid, admin, resident } = await timebankCommunity();
    const guardian = await login(`guardian-${Date.now()}`, '家长');
    await send(contracts.joinCommunity, { params: { cid }, token: guardian.token });
    const kid = await childId(cid, guardian, { displayName: '小摊主' });
    await makeMaker(cid, admin, kid);
    const product = await childProduct(cid, guardian, kid);
    await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: admin.token });
    const order = await send(contracts.createOrder, {
      params: { cid },
      token: resident.token,
      body: { items: [{ productId: product.id, quantity: 1 }] },
    });
    await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: resident.token });

    const closed = await send(contracts.closeAccount, { token: guardian.token, body: { confirm: true } });
    expect(codeOf(closed)).toEqual([409, 'account.open_obligations']);
    expect(JSON.stringify(errorOf(closed)?.details)).toContain(order.body.id);
    const still = await send(contracts.getMe, { params: { cid }, token: guardian.token, headers: asGuardianOf(kid) });
    expect(still.body.member.displayName).toBe('小摊主');
  });

  it('probe: the child shows in the roster and the guardian’s proxies, once, with its guardian', async () => {
    const { cid, staff } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const kid = await childId(cid, guardian);
    const roster = await send(contracts.listMembers, { params: { cid }, token: staff.token });
    expect(roster.body.items.filter((member) => member.id === kid)).toHaveLength(1);
    const board = await send(contracts.getLeaderboard, {
      params: { cid },
      token: guardian.token,
      headers: asGuardianOf(kid),
    });
    expect(board.status).toBe(200);
    const stats = await send(contracts.getStats, { params: { cid }, token: staff.token });
    expect(stats.status).toBe(200);
  });
});
