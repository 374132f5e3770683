import { contracts, type AddChildRequest } from '@linli/shared';
import { errorOf, login, send } from '../support/api';
import { birthDateYearsAgo } from '../support/clock';
import { createMember } from '../support/factories';
import { timebankCommunity } from '../support/timebank';

/**
 * Issue 20, item 4 — minors (PIPL Art. 28–31): a child under 14 is added by a guardian, appears
 * under the guardian's account, and what the child earns at a children's stall is paid to the
 * guardian. Over HTTP against the local stack.
 */
type Person = { token: string; userId: string };

const child = (overrides: Partial<AddChildRequest> = {}): AddChildRequest => ({
  displayName: '小明',
  birthDate: birthDateYearsAgo(9),
  guardianConsent: true,
  ...overrides,
});
const addChild = (cid: string, guardian: Person, body: AddChildRequest) =>
  send(contracts.addChild, { params: { cid }, token: guardian.token, body });
const asGuardianOf = (childId: string) => ({ 'x-act-for': childId });

describe('a guardian adds a child under 14', () => {
  it('the child is a member under the guardian’s account, and the guardian acts for them', async () => {
    const { cid, staff } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');

    const added = await addChild(cid, guardian, child());
    expect(added.status).toBe(201);
    const childId = added.body.child.id;
    expect(added.body.child).toMatchObject({
      displayName: '小明',
      birthDate: birthDateYearsAgo(9),
      guardianId: guardian.userId,
      offline: true,
      roles: ['resident'],
    });

    const mine = await send(contracts.listMyChildren, { params: { cid }, token: guardian.token });
    expect(mine.body.items.map((member) => member.id)).toEqual([childId]);
    const proxies = await send(contracts.listMyProxies, { params: { cid }, token: guardian.token });
    expect(proxies.body.actingFor).toEqual([
      expect.objectContaining({ residentId: childId, proxyId: guardian.userId, kind: 'guardian' }),
    ]);
    const asChild = await send(contracts.getMe, {
      params: { cid },
      token: guardian.token,
      headers: asGuardianOf(childId),
    });
    expect(asChild.status).toBe(200);
    expect(asChild.body.member).toMatchObject({ id: childId, guardianName: expect.any(String) });
    // Staff see the child as a member, marked with the guardian.
    const roster = await send(contracts.listMembers, { params: { cid }, token: staff.token });
    expect(roster.body.items.find((member) => member.id === childId)).toMatchObject({ guardianId: guardian.userId });
    // Someone else sees nothing of them and cannot act for them.
    const other = await createMember(cid, ['resident'], 'other');
    expect((await send(contracts.listMyChildren, { params: { cid }, token: other.token })).body.items).toEqual([]);
    const borrowed = await send(contracts.getMe, {
      params: { cid },
      token: other.token,
      headers: asGuardianOf(childId),
    });
    expect([borrowed.status, errorOf(borrowed)?.code]).toEqual([403, 'proxy.not_authorized']);
  });

  it('refuses a person of 14 or older, a birth date to come, a missing consent, a risky name, and changes nothing', async () => {
    const { cid } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');

    const fourteen = await addChild(cid, guardian, child({ birthDate: birthDateYearsAgo(15) }));
    const unborn = await addChild(cid, guardian, child({ birthDate: birthDateYearsAgo(-1) }));
    const noConsent = await send(contracts.addChild, {
      params: { cid },
      token: guardian.token,
      invalidBody: { displayName: '小红', birthDate: birthDateYearsAgo(5), guardianConsent: false },
    });
    const badDay = await send(contracts.addChild, {
      params: { cid },
      token: guardian.token,
      invalidBody: { displayName: '小红', birthDate: '2019-02-30', guardianConsent: true },
    });
    const risky = await addChild(cid, guardian, child({ displayName: '小明 LINLI-RISKY' }));

    expect([fourteen.status, errorOf(fourteen)?.code]).toEqual([422, 'child.too_old']);
    expect([unborn.status, errorOf(unborn)?.code]).toEqual([422, 'child.too_old']);
    expect([noConsent.status, errorOf(noConsent)?.code]).toEqual([400, 'request.validation_failed']);
    expect([badDay.status, errorOf(badDay)?.code]).toEqual([400, 'request.validation_failed']);
    expect([risky.status, errorOf(risky)?.code]).toEqual([422, 'content.rejected']);
    expect((await send(contracts.listMyChildren, { params: { cid }, token: guardian.token })).body.items).toEqual([]);
  });

  it('a guardian’s relation is not ended as a proxy’s, and the guardian does not add children for the child', async () => {
    const { cid } = await timebankCommunity();
    const guardian = await createMember(cid, ['resident'], 'parent');
    const childId = (await addChild(cid, guardian, child())).body.child.id;

    const ended = await send(contracts.removeProxy, {
      params: { cid, residentId: childId, proxyId: guardian.userId },
      token: guardian.token,
    });
    const nested = await send(contracts.addChild, {
      params: { cid },
      token: guardian.token,
      headers: asGuardianOf(childId),
      body: child({ displayName: '孙子' }),
    });
    // A guardian does not pay or order in the child's name either.
    const order = await send(contracts.createOrder, {
      params: { cid },
      token: guardian.token,
      headers: asGuardianOf(childId),
      body: { items: [{ productId: 'p1', quantity: 1 }] },
    });

    expect([ended.status, errorOf(ended)?.code]).toEqual([409, 'proxy.guardian']);
    expect([nested.status, errorOf(nested)?.code]).toEqual([403, 'auth.not_proxyable']);
    expect([order.status, errorOf(order)?.code]).toEqual([403, 'auth.not_proxyable']);
  });

  it('someone under 14 by birth date or ID number does not register themself', async () => {
    const { cid } = await timebankCommunity();
    const young = await createMember(cid, ['resident'], 'young');
    const put = (body: Record<string, unknown>) =>
      send(contracts.putVolunteerProfile, { params: { cid }, token: young.token, body: body as never });

    const byBirthDate = await put({ realName: '小刚', birthDate: birthDateYearsAgo(12) });
    const mismatch = await put({ realName: '小刚', birthDate: '1990-03-08', idNumber: '11010119900307002X' });
    const adult = await put({ realName: '刚', birthDate: '1990-03-07', idNumber: '11010119900307002X' });

    expect([byBirthDate.status, errorOf(byBirthDate)?.code]).toEqual([403, 'member.minor_needs_guardian']);
    expect([mismatch.status, errorOf(mismatch)?.code]).toEqual([400, 'profile.birth_date_mismatch']);
    expect(adult.status).toBe(200);
  });
});

describe('a children’s handicraft stall: the money goes to the guardian', () => {
  async function stall() {
    const world = await timebankCommunity();
    const { cid, admin } = world;
    const guardian = await createMember(cid, ['resident'], 'parent');
    const childId = (await addChild(cid, guardian, child({ displayName: '小画家' }))).body.child.id;
    const roles = await send(contracts.setMemberRoles, {
      params: { cid, memberId: childId },
      token: admin.token,
      body: { roles: ['resident', 'maker'] },
    });
    expect(roles.status).toBe(200);
    const staffChild = await send(contracts.setMemberRoles, {
      params: { cid, memberId: childId },
      token: admin.token,
      body: { roles: ['resident', 'staff'] },
    });
    expect([staffChild.status, errorOf(staffChild)?.code]).toEqual([409, 'member.minor_role']);
    return { ...world, guardian, childId };
  }

  it('the guardian lists the child’s work; a sale pays out to the guardian, who is told', async () => {
    const { cid, staff, otherStaff, resident, guardian, childId } = await stall();
    const listed = await send(contracts.createProduct, {
      params: { cid },
      token: guardian.token,
      headers: asGuardianOf(childId),
      body: { title: '彩绘石头', description: '小朋友画的', priceFen: 1000, stock: 2 },
    });
    expect(listed.status).toBe(201);
    expect(listed.body).toMatchObject({ makerId: childId, guardianId: guardian.userId });
    // The guardian's own account is no maker: the stall is the child's.
    const ownName = await send(contracts.createProduct, {
      params: { cid },
      token: guardian.token,
      body: { title: 'x', description: 'x', priceFen: 100, stock: 1 },
    });
    expect(ownName.status).toBe(403);
    expect(
      (await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: staff.token })).status,
    ).toBe(200);
    const placed = await send(contracts.createOrder, {
      params: { cid },
      token: resident.token,
      body: { items: [{ productId: listed.body.id, quantity: 1 }] },
    });
    expect(placed.body.lines[0]).toMatchObject({ makerId: childId, guardianId: guardian.userId, makerFen: 800 });
    expect(
      (await send(contracts.devPayOrder, { params: { cid, oid: placed.body.id }, token: resident.token })).status,
    ).toBe(200);
    const earnings = await send(contracts.listMyProducts, {
      params: { cid },
      token: guardian.token,
      headers: asGuardianOf(childId),
    });
    expect(earnings.body.earnings).toMatchObject({ earningsFen: 800, owedFen: 800 });

    const payout = await send(contracts.recordPayout, {
      params: { cid, memberId: childId },
      token: otherStaff.token,
      body: { amountFen: 800, note: '十一月结算' },
    });
    expect(payout.status).toBe(201);
    expect(payout.body).toMatchObject({ makerId: childId, payeeId: guardian.userId, amountFen: 800 });
    const inbox = await send(contracts.listMyNotifications, { token: guardian.token });
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: '孩子的作品收入已结算给您', objectId: childId })]),
    );
  });

  it('staff who are the guardian do not record a payout to their own child', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const childId = (await addChild(cid, staff, child())).body.child.id;
    await send(contracts.setMemberRoles, {
      params: { cid, memberId: childId },
      token: admin.token,
      body: { roles: ['resident', 'maker'] },
    });
    const payout = await send(contracts.recordPayout, {
      params: { cid, memberId: childId },
      token: staff.token,
      body: { amountFen: 100, note: '结算' },
    });
    expect([payout.status, errorOf(payout)?.code]).toEqual([403, 'auth.conflict_of_interest']);
  });

  it('a guardian who closes their account takes the children they added with them', async () => {
    const { cid, staff } = await timebankCommunity();
    const guardian = await login(`guardian-${Date.now()}`, '家长');
    await send(contracts.joinCommunity, { params: { cid }, token: guardian.token });
    const childId = (await addChild(cid, guardian, child({ displayName: '小独一无二' }))).body.child.id;

    const closed = await send(contracts.closeAccount, { token: guardian.token, body: { confirm: true } });
    expect(closed.status).toBe(200);
    const roster = await send(contracts.listMembers, { params: { cid }, token: staff.token });
    expect(JSON.stringify(roster.body)).not.toContain('小独一无二');
    expect(roster.body.items.find((member) => member.id === childId)?.displayName).toBe('已注销用户');
  });
});
