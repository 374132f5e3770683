import { contracts, monthOf, type MerchantDetail, type Order, type Product, type Role } from '@linli/shared';
import { DynamoProxyStore } from '../../functions/src/store/identity/proxy-store';
import { documentClient, errorOf, send } from '../support/api';
import { createMember, tableName } from '../support/factories';
import {
  createActivityNow,
  grantPoints,
  me,
  minutesFromNow,
  officeClaim,
  timebankCommunity,
} from '../support/timebank';

/**
 * Who may act for whom (issue 12, case 1 and its kind): proxies act for residents without a phone
 * with the resident's *resident* rights only, and nobody decides, approves or pays in their own
 * favour. Every attack below worked before the fix (201/200); each now answers 403 and changes nothing.
 */

type Person = { token: string; userId: string };

const CONFLICT = { error: { code: 'auth.conflict_of_interest' } };
const NOT_PROXYABLE = { error: { code: 'auth.not_proxyable' } };

const actingFor = (proxy: Person, residentId: string) => ({
  token: proxy.token,
  headers: { 'x-act-for': residentId },
});

const createProxy = (cid: string, caller: Person, residentId: string, proxyId: string) =>
  send(contracts.createProxy, { params: { cid }, token: caller.token, body: { residentId, proxyId } });

/**
 * A relation as it could be made before these rules (written straight to the table; by default the
 * proxy made it for themself): the header must still lend nothing.
 */
async function legacyRelation(cid: string, residentId: string, proxyId: string, createdBy = proxyId): Promise<void> {
  await new DynamoProxyStore(documentClient(), tableName()).createProxy({
    communityId: cid,
    residentId,
    residentName: 'resident',
    proxyId,
    proxyName: 'proxy',
    createdBy,
    createdAt: new Date().toISOString(),
  });
}

async function offlineResident(cid: string, staff: Person, displayName = '张阿姨'): Promise<string> {
  const reply = await send(contracts.createOfflineMember, {
    params: { cid },
    token: staff.token,
    body: { displayName },
  });
  if (reply.status !== 201) throw new Error(`offline member → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.member.id;
}

/** An approved office entry of `minutes` for `memberId` on an activity that already holds them. */
async function approvedHours(cid: string, recorder: Person, approver: Person, memberId: string, minutes: number) {
  const activity = await createActivityNow(cid, recorder.token, {
    startsAt: minutesFromNow(-minutes - 10),
    endsAt: minutesFromNow(10),
  });
  const claim = await officeClaim(cid, activity.id, recorder.token, memberId, minutes);
  const approved = await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: approver.token });
  if (approved.status !== 200) throw new Error(`approve → ${approved.status} ${JSON.stringify(approved.body)}`);
}

async function pass(cid: string, holder: Person): Promise<string> {
  const reply = await send(contracts.getCertificatePass, { params: { cid }, token: holder.token });
  if (reply.status !== 200) throw new Error(`pass → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.token;
}

async function applyAsMerchant(cid: string, applicant: Person, name: string): Promise<string> {
  const reply = await send(contracts.submitMerchantApplication, {
    params: { cid },
    token: applicant.token,
    body: {
      name,
      licenceNumber: '91510100MA6ABC1234',
      category: 'food',
      address: '邻里路 1 号',
      offer: { description: '凭志愿者证 8 折', pricePercent: 80 },
    },
  });
  return reply.body.id;
}

async function activeMerchant(cid: string, owner: Person, vetter: Person, name: string): Promise<MerchantDetail> {
  const id = await applyAsMerchant(cid, owner, name);
  const reply = await send(contracts.approveMerchantApplication, { params: { cid, id }, token: vetter.token });
  return reply.body.merchant;
}

async function listedProduct(cid: string, maker: Person): Promise<Product> {
  const reply = await send(contracts.createProduct, {
    params: { cid },
    token: maker.token,
    body: { title: '手工布包', description: '邻居阿姨手缝', priceFen: 5000, stock: 5 },
  });
  if (reply.status !== 201) throw new Error(`product → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function paidOrder(cid: string, buyer: Person, productId: string): Promise<Order> {
  const placed = await send(contracts.createOrder, {
    params: { cid },
    token: buyer.token,
    body: { items: [{ productId, quantity: 1 }] },
  });
  await send(contracts.devPayOrder, { params: { cid, oid: placed.body.id }, token: buyer.token });
  return placed.body;
}

const rolesOf = async (cid: string, person: Person) => (await me(cid, person.token)).member.roles;

describe('case 1: privilege escalation through proxies', () => {
  it('a staff member cannot become admin by acting for an admin', async () => {
    const { cid, staff, admin } = await timebankCommunity();

    const setUp = await createProxy(cid, staff, admin.userId, staff.userId);
    await legacyRelation(cid, admin.userId, staff.userId);
    const escalate = await send(contracts.setMemberRoles, {
      params: { cid, memberId: staff.userId },
      ...actingFor(staff, admin.userId),
      body: { roles: ['resident', 'staff', 'admin'] },
    });
    const readAsAdmin = await send(contracts.getMe, { params: { cid }, ...actingFor(staff, admin.userId) });

    expect(setUp).toMatchObject({ status: 403, body: { error: { code: 'proxy.self_appointed' } } });
    expect(escalate).toMatchObject({ status: 403, body: NOT_PROXYABLE });
    // even on a route a proxy may use, a relation to an office member no longer works
    expect(readAsAdmin).toMatchObject({ status: 403, body: { error: { code: 'proxy.office_member' } } });
    expect(await rolesOf(cid, staff)).toEqual(['staff']);
  });

  it('a staff member cannot approve their own office entry "as" another staff member', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);

    const setUp = await createProxy(cid, staff, otherStaff.userId, staff.userId);
    await legacyRelation(cid, otherStaff.userId, staff.userId);
    const approve = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      ...actingFor(staff, otherStaff.userId),
    });
    const bulk = await send(contracts.bulkApproveClaims, {
      params: { cid },
      ...actingFor(staff, otherStaff.userId),
      body: { claimIds: [claim.id] },
    });
    const pending = await send(contracts.listClaims, { params: { cid }, token: otherStaff.token });

    expect(setUp.status).toBe(403);
    expect(approve).toMatchObject({ status: 403, body: NOT_PROXYABLE });
    expect(bulk).toMatchObject({ status: 403, body: NOT_PROXYABLE });
    expect(pending.body.items.find((item) => item.id === claim.id)).toMatchObject({ status: 'pending' });
    expect((await me(cid, resident.token)).balancePoints).toBe(0);
  });

  it('nobody gives a resident’s points away through a proxy, to themselves or anyone', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const son = await createMember(cid, ['resident'], 'son');
    await grantPoints(cid, resident.userId, 10);

    const staffAsProxy = await createProxy(cid, staff, resident.userId, staff.userId);
    const staffForResidentWithPhone = await createProxy(cid, staff, resident.userId, son.userId);
    const namedByResident = await createProxy(cid, resident, resident.userId, son.userId);
    await legacyRelation(cid, resident.userId, staff.userId);
    const gifts = await Promise.all(
      [son, staff].map((proxy) =>
        send(contracts.giftPoints, {
          params: { cid },
          ...actingFor(proxy, resident.userId),
          body: { toMemberId: proxy.userId, points: 10 },
        }),
      ),
    );
    const readBySon = await send(contracts.getMe, { params: { cid }, ...actingFor(son, resident.userId) });

    expect(staffAsProxy).toMatchObject({ status: 403, body: { error: { code: 'proxy.self_appointed' } } });
    expect(staffForResidentWithPhone).toMatchObject({ status: 403, body: { error: { code: 'proxy.not_offline' } } });
    expect(namedByResident.status).toBe(201);
    expect(gifts.map((gift) => [gift.status, errorOf(gift)?.code])).toEqual([
      [403, 'auth.not_proxyable'],
      [403, 'auth.not_proxyable'],
    ]);
    expect(readBySon.body.balancePoints).toBe(10);
    expect((await me(cid, son.token)).balancePoints).toBe(0);
    expect((await me(cid, staff.token)).balancePoints).toBe(0);
  });

  it('office staff set up a proxy only for an offline resident, never naming themselves; nobody for an office member', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    const family = await createMember(cid, ['resident'], 'family');
    const grandma = await offlineResident(cid, staff);
    const grandpa = await offlineResident(cid, staff, '李大爷');
    await send(contracts.setMemberRoles, {
      params: { cid, memberId: grandpa },
      token: admin.token,
      body: { roles: ['staff'] },
    });

    const forOffline = await createProxy(cid, staff, grandma, family.userId);
    const staffNamesThemself = await createProxy(cid, staff, grandma, staff.userId);
    const adminNamesThemself = await createProxy(cid, admin, grandma, admin.userId);
    const forResidentWithPhone = await createProxy(cid, staff, resident.userId, family.userId);
    const residentNamesOwn = await createProxy(cid, resident, resident.userId, family.userId);
    const staffForThemself = await createProxy(cid, staff, staff.userId, family.userId);
    const adminForStaff = await createProxy(cid, admin, staff.userId, family.userId);
    const forOfflineStaff = await createProxy(cid, admin, grandpa, family.userId);
    const residentNamesStaff = await createProxy(cid, resident, resident.userId, staff.userId);

    expect(forOffline.status).toBe(201);
    expect(staffNamesThemself).toMatchObject({ status: 403, body: { error: { code: 'proxy.self_appointed' } } });
    expect(adminNamesThemself).toMatchObject({ status: 403, body: { error: { code: 'proxy.self_appointed' } } });
    expect(forResidentWithPhone).toMatchObject({ status: 403, body: { error: { code: 'proxy.not_offline' } } });
    expect(residentNamesOwn.status).toBe(201);
    for (const refused of [staffForThemself, adminForStaff, forOfflineStaff]) {
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'proxy.office_member' } } });
    }
    // at the resident's own request, anyone who uses the app may help them (with resident rights only)
    expect(residentNamesStaff.status).toBe(201);
  });

  it('a proxied request runs with the resident’s resident rights only, on the routes declared proxyable', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const daughter = await createMember(cid, ['resident'], 'daughter');
    const grandma = await offlineResident(cid, staff);
    await send(contracts.setMemberRoles, {
      params: { cid, memberId: grandma },
      token: admin.token,
      body: { roles: ['resident', 'maker'] },
    });
    await createProxy(cid, staff, grandma, daughter.userId);
    await grantPoints(cid, grandma, 10);
    const good = await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '小米 1kg', pricePoints: 2, stock: 5, valueFen: 1500 },
    });
    const asGrandma = actingFor(daughter, grandma);

    const read = await send(contracts.getMe, { params: { cid }, ...asGrandma });
    const ledger = await send(contracts.getMyLedger, { params: { cid }, ...asGrandma });
    const redeemed = await send(contracts.redeem, {
      params: { cid },
      ...asGrandma,
      body: { goodId: good.body.id, quantity: 1 },
    });
    const cancelled = await send(contracts.cancelRedemption, {
      params: { cid, redemptionId: redeemed.body.id },
      ...asGrandma,
    });
    const refused = await Promise.all([
      send(contracts.giftPoints, { params: { cid }, ...asGrandma, body: { toPool: true, points: 1 } }),
      send(contracts.getCertificatePass, { params: { cid }, ...asGrandma }),
      send(contracts.createProduct, {
        params: { cid },
        ...asGrandma,
        body: { title: '布鞋', description: '手工', priceFen: 100, stock: 1 },
      }),
      send(contracts.donate, { params: { cid }, ...asGrandma, body: { amountFen: 100 } }),
      send(contracts.createPledge, { params: { cid }, ...asGrandma, body: { amountFen: 500, dayOfMonth: 5 } }),
      send(contracts.createProxy, {
        params: { cid },
        ...asGrandma,
        body: { residentId: grandma, proxyId: staff.userId },
      }),
      send(contracts.listMyNotifications, asGrandma),
    ]);

    expect(read).toMatchObject({ status: 200, body: { member: { id: grandma }, balancePoints: 10 } });
    expect(ledger.status).toBe(200);
    expect(redeemed).toMatchObject({ status: 201, body: { memberId: grandma } });
    expect(cancelled.status).toBe(200);
    expect(refused.map((reply) => reply.status)).toEqual(refused.map(() => 403));
    for (const reply of refused) expect(reply.body).toMatchObject(NOT_PROXYABLE);
    expect((await me(cid, daughter.token)).balancePoints).toBe(0);
  });

  it('a relation stops working while its resident holds an office role (checked on every request)', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const daughter = await createMember(cid, ['resident'], 'daughter');
    const grandma = await offlineResident(cid, staff);
    await createProxy(cid, staff, grandma, daughter.userId);
    const setRoles = (roles: Role[]) =>
      send(contracts.setMemberRoles, { params: { cid, memberId: grandma }, token: admin.token, body: { roles } });

    const before = await send(contracts.getMe, { params: { cid }, ...actingFor(daughter, grandma) });
    await setRoles(['resident', 'staff']);
    const whileStaff = await send(contracts.getMe, { params: { cid }, ...actingFor(daughter, grandma) });
    await setRoles(['resident']);
    const after = await send(contracts.getMe, { params: { cid }, ...actingFor(daughter, grandma) });

    expect(before.status).toBe(200);
    expect(whileStaff).toMatchObject({ status: 403, body: { error: { code: 'proxy.office_member' } } });
    expect(after.status).toBe(200);
  });

  it('a relation stored before these rules works only if it meets them', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const [son, neighbour] = [
      await createMember(cid, ['resident'], 'son'),
      await createMember(cid, ['resident'], 'nb'),
    ];
    const grandma = await offlineResident(cid, staff);
    await legacyRelation(cid, grandma, staff.userId); // staff named themselves
    await legacyRelation(cid, resident.userId, neighbour.userId, otherStaff.userId); // the office, for a resident with the app
    await legacyRelation(cid, grandma, son.userId, otherStaff.userId); // the office, for an offline resident
    await legacyRelation(cid, resident.userId, son.userId, resident.userId); // the resident themself

    const readAs = (proxy: Person, residentId: string) =>
      send(contracts.getMe, { params: { cid }, ...actingFor(proxy, residentId) });
    const replies = [
      await readAs(staff, grandma),
      await readAs(neighbour, resident.userId),
      await readAs(son, grandma),
      await readAs(son, resident.userId),
    ];

    expect(replies.map((reply) => [reply.status, errorOf(reply)?.code])).toEqual([
      [403, 'proxy.self_appointed'],
      [403, 'proxy.not_offline'],
      [200, undefined],
      [200, undefined],
    ]);
  });
});

describe('nobody decides, approves or pays in their own favour', () => {
  it('staff record neither contributions nor office entries for themselves', async () => {
    const { cid, staff } = await timebankCommunity();
    const activity = await createActivityNow(cid, staff.token);

    const contribution = await send(contracts.recordContribution, {
      params: { cid },
      token: staff.token,
      body: { memberId: staff.userId, contributorType: 'resident', kind: 'labour', description: '修路灯', points: 5 },
    });
    const entry = await send(contracts.recordOfficeAttendance, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { memberId: staff.userId, minutes: 60 },
    });

    expect(contribution).toMatchObject({ status: 403, body: CONFLICT });
    expect(entry).toMatchObject({ status: 403, body: CONFLICT });
    expect((await me(cid, staff.token)).balancePoints).toBe(0);
  });

  it('staff do not vet their own merchant, change its status, nor judge complaints about it or their own', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const applicationId = await applyAsMerchant(cid, staff, '社工小卖部');

    const vetOwn = await send(contracts.approveMerchantApplication, {
      params: { cid, id: applicationId },
      token: staff.token,
    });
    await send(contracts.approveMerchantApplication, { params: { cid, id: applicationId }, token: otherStaff.token });
    await send(contracts.setMerchantStatus, {
      params: { cid, mid: applicationId },
      token: otherStaff.token,
      body: { status: 'suspended', reason: '拒绝折扣' },
    });
    const reinstateOwn = await send(contracts.setMerchantStatus, {
      params: { cid, mid: applicationId },
      token: staff.token,
      body: { status: 'active', reason: '已整改' },
    });
    await send(contracts.setMerchantStatus, {
      params: { cid, mid: applicationId },
      token: otherStaff.token,
      body: { status: 'active', reason: '已整改' },
    });
    const rival = await activeMerchant(cid, resident, otherStaff, '李记水果');
    const against = await send(contracts.fileComplaint, {
      params: { cid, mid: applicationId },
      token: resident.token,
      body: { description: '不给折扣' },
    });
    const byStaff = await send(contracts.fileComplaint, {
      params: { cid, mid: rival.id },
      token: staff.token,
      body: { description: '缺斤少两' },
    });
    const dismissOwn = await send(contracts.resolveComplaint, {
      params: { cid, complaintId: against.body.id },
      token: staff.token,
      body: { outcome: 'dismiss', note: '无此事' },
    });
    const upholdOwn = await send(contracts.resolveComplaint, {
      params: { cid, complaintId: byStaff.body.id },
      token: staff.token,
      body: { outcome: 'remove', note: '属实' },
    });
    const byOther = await send(contracts.resolveComplaint, {
      params: { cid, complaintId: against.body.id },
      token: otherStaff.token,
      body: { outcome: 'warn', note: '属实' },
    });

    expect(vetOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(reinstateOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(dismissOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(upholdOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(byOther.status).toBe(200);
  });

  it('a merchant does not verify their own pass; staff neither clear a flag about themselves nor reinstate their own certificate', async () => {
    const { cid, staff, otherStaff, thirdStaff, resident } = await timebankCommunity();
    const baker = await createMember(cid, ['resident'], 'baker');
    await approvedHours(cid, staff, otherStaff, baker.userId, 180);
    await approvedHours(cid, otherStaff, thirdStaff, staff.userId, 180);
    const bakery = await activeMerchant(cid, baker, otherStaff, '王记包子');
    const fruit = await activeMerchant(cid, resident, otherStaff, '李记水果');

    const ownPass = await send(contracts.verifyPass, {
      params: { cid, mid: bakery.id },
      token: baker.token,
      body: { token: await pass(cid, baker) },
    });
    const staffPass = await pass(cid, staff);
    for (const [merchant, owner] of [
      [bakery, baker],
      [fruit, resident],
    ] as const) {
      await send(contracts.verifyPass, {
        params: { cid, mid: merchant.id },
        token: owner.token,
        body: { token: staffPass },
      });
    }
    const flags = await send(contracts.listFlags, { params: { cid }, token: otherStaff.token });
    const flag = flags.body.items.find((item) => item.memberId === staff.userId);
    const clearOwn = await send(contracts.resolveFlag, {
      params: { cid, flagId: flag!.id },
      token: staff.token,
      body: { outcome: 'dismissed' },
    });
    await send(contracts.revokeCertificate, {
      params: { cid, memberId: staff.userId },
      token: otherStaff.token,
      body: { reason: '借给他人使用' },
    });
    const reinstateOwn = await send(contracts.reinstateCertificate, {
      params: { cid, memberId: staff.userId },
      token: staff.token,
    });
    const uses = await send(contracts.listMerchantUses, { params: { cid, mid: bakery.id }, token: baker.token });

    expect(ownPass).toMatchObject({ status: 403, body: CONFLICT });
    expect(flag).toBeDefined();
    expect(clearOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(reinstateOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect((await me(cid, staff.token)).certificate).toMatchObject({ status: 'revoked' });
    expect(uses.body.items).toHaveLength(1); // the staff member's use only, not the owner's own
  });

  it('staff do not name themselves on the honour roll', async () => {
    const { cid, staff, otherStaff, thirdStaff } = await timebankCommunity();
    await approvedHours(cid, otherStaff, thirdStaff, staff.userId, 60);

    const own = await send(contracts.recognize, {
      params: { cid },
      token: staff.token,
      body: { month: monthOf(new Date()), memberIds: [staff.userId], citation: '热心' },
    });
    const byOther = await send(contracts.recognize, {
      params: { cid },
      token: otherStaff.token,
      body: { month: monthOf(new Date()), memberIds: [staff.userId], citation: '热心' },
    });

    expect(own).toMatchObject({ status: 403, body: CONFLICT });
    expect(byOther.status).toBe(201);
  });

  it('staff who make goods neither approve their own listing nor pay themselves out; staff do not refund their own order', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const makingStaff = await createMember(cid, ['staff', 'maker'], 'maker-staff');
    const product = await listedProduct(cid, makingStaff);

    const approveOwn = await send(contracts.approveProduct, {
      params: { cid, pid: product.id },
      token: makingStaff.token,
    });
    await send(contracts.approveProduct, { params: { cid, pid: product.id }, token: otherStaff.token });
    await paidOrder(cid, resident, product.id);
    const payOwn = await send(contracts.recordPayout, {
      params: { cid, memberId: makingStaff.userId },
      token: makingStaff.token,
      body: { amountFen: 100, note: '月结' },
    });
    const payByOther = await send(contracts.recordPayout, {
      params: { cid, memberId: makingStaff.userId },
      token: otherStaff.token,
      body: { amountFen: 100, note: '月结' },
    });
    const ownOrder = await paidOrder(cid, staff, product.id);
    const refundOwn = await send(contracts.refundOrder, {
      params: { cid, oid: ownOrder.id },
      token: staff.token,
      body: { reason: '不想要了' },
    });
    const refundByOther = await send(contracts.refundOrder, {
      params: { cid, oid: ownOrder.id },
      token: otherStaff.token,
      body: { reason: '不想要了' },
    });

    expect(approveOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(payOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(payByOther.status).toBe(201);
    expect(refundOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect(refundByOther.status).toBe(200);
  });

  it('admins neither reverse their own transfers nor change their own roles', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const otherAdmin = await createMember(cid, ['admin', 'staff'], 'admin2');
    await grantPoints(cid, admin.userId, 5);
    const good = await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '保温杯', pricePoints: 5, stock: 5, valueFen: 3000 },
    });
    await send(contracts.redeem, { params: { cid }, token: admin.token, body: { goodId: good.body.id, quantity: 1 } });
    const ledger = await send(contracts.getMyLedger, { params: { cid }, token: admin.token });
    const redemption = ledger.body.items.find((entry) => entry.kind === 'redemption');

    const reverseOwn = await send(contracts.reverseTransfer, {
      params: { cid, transferId: redemption!.transferId },
      token: admin.token,
      body: { reason: '撤销兑换' },
    });
    const ownRoles = await send(contracts.setMemberRoles, {
      params: { cid, memberId: admin.userId },
      token: admin.token,
      body: { roles: ['admin', 'staff', 'maker'] },
    });
    const byOtherAdmin = await send(contracts.setMemberRoles, {
      params: { cid, memberId: admin.userId },
      token: otherAdmin.token,
      body: { roles: ['admin', 'staff', 'maker'] },
    });

    expect(redemption).toBeDefined();
    expect(reverseOwn).toMatchObject({ status: 403, body: CONFLICT });
    expect((await me(cid, admin.token)).balancePoints).toBe(0);
    expect(ownRoles).toMatchObject({ status: 403, body: CONFLICT });
    expect(byOtherAdmin.status).toBe(200);
  });
});
