import {
  contracts,
  type BodyOf,
  type ContributionRequest,
  type Good,
  type MerchantApplicationRequest,
  type MerchantDetail,
  type PostRequest,
} from '@linli/shared';
import { issuePass } from '../../functions/src/domain/timebank/certificates';
import { handler as redeemHandler } from '../../functions/src/http/market/redeem';
import { DynamoLedgerStore } from '../../functions/src/store/ledger/ledger-store';
import { documentClient, send } from '../support/api';
import { httpEvent, invoke } from '../support/events';
import { createCommunity, createMember, tableName } from '../support/factories';
import {
  createActivityNow,
  grantPoints,
  me,
  minutesFromNow,
  officeClaim,
  timebankCommunity,
} from '../support/timebank';

type Person = { token: string; userId: string };
const application = (name: string): MerchantApplicationRequest => ({
  name,
  licenceNumber: '91510100MA6ABC1234',
  category: 'food',
  address: '邻里路 1 号',
  offer: { description: '凭志愿者证 8 折', pricePercent: 80 },
});

async function activeMerchant(cid: string, owner: Person, staff: Person, name = '王记面馆'): Promise<MerchantDetail> {
  const applied = await send(contracts.submitMerchantApplication, {
    params: { cid },
    token: owner.token,
    body: application(name),
  });
  const approved = await send(contracts.approveMerchantApplication, {
    params: { cid, id: applied.body.id },
    token: staff.token,
  });
  return approved.body.merchant;
}

/** A member whose approved hours reached the certificate threshold; returns a live pass. */
async function certifiedResident(cid: string, staff: Person, otherStaff: Person, resident: Person): Promise<string> {
  const activity = await createActivityNow(cid, staff.token);
  const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 180);
  await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });
  return (await send(contracts.getCertificatePass, { params: { cid }, token: resident.token })).body.token;
}

const verify = (cid: string, merchantId: string, person: Person, token: string) =>
  send(contracts.verifyPass, { params: { cid, mid: merchantId }, token: person.token, body: { token, billFen: 4200 } });

const uses = async (cid: string, merchantId: string, person: Person) =>
  (await send(contracts.listMerchantUses, { params: { cid, mid: merchantId }, token: person.token })).body.items;

describe('merchant lifecycle', () => {
  it('applies → staff vet → active in the public alliance list; every decision records who and when', async () => {
    const { cid, staff, resident } = await timebankCommunity();

    const applied = await send(contracts.submitMerchantApplication, {
      params: { cid },
      token: resident.token,
      body: application('李记水果'),
    });
    const beforeList = await send(contracts.listMerchants, { params: { cid } });
    const queue = await send(contracts.listMerchantApplications, {
      params: { cid },
      query: { status: 'pending' },
      token: staff.token,
    });
    const byResident = await send(contracts.approveMerchantApplication, {
      params: { cid, id: applied.body.id },
      token: resident.token,
    });
    const approved = await send(contracts.approveMerchantApplication, {
      params: { cid, id: applied.body.id },
      token: staff.token,
    });
    const again = await send(contracts.approveMerchantApplication, {
      params: { cid, id: applied.body.id },
      token: staff.token,
    });
    const list = await send(contracts.listMerchants, { params: { cid } });

    expect(applied).toMatchObject({ status: 201, body: { status: 'pending' } });
    expect(beforeList.body.items).toEqual([]);
    expect(queue.body.items.map((item) => item.id)).toEqual([applied.body.id]);
    expect(byResident.status).toBe(403);
    expect(approved.body.merchant).toMatchObject({
      status: 'active',
      decidedBy: staff.userId,
      ownerId: resident.userId,
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'merchant.already_decided' } } });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: applied.body.id, name: '李记水果', status: 'active' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain('licenceNumber');
    expect((await me(cid, resident.token)).member.roles).toContain('merchant');
    // The applicant is told (issue 21: applicants never learned the outcome).
    const inbox = await send(contracts.listMyNotifications, { token: resident.token });
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ kind: 'merchant_application', title: '商户申请已通过', objectId: applied.body.id }),
    );
  });

  it('rejects with a reason; warns, suspends, removes and reinstates', async () => {
    const { cid, staff, resident, admin } = await timebankCommunity();
    const merchant = await activeMerchant(cid, resident, staff);
    const other = await send(contracts.submitMerchantApplication, {
      params: { cid },
      token: admin.token,
      body: application('无照小摊'),
    });
    const status = (body: BodyOf<typeof contracts.setMerchantStatus>) =>
      send(contracts.setMerchantStatus, { params: { cid, mid: merchant.id }, token: staff.token, body });

    const rejected = await send(contracts.rejectMerchantApplication, {
      params: { cid, id: other.body.id },
      token: staff.token,
      body: { reason: '营业执照不符' },
    });
    const warned = await status({ status: 'warned', reason: '拒绝优惠一次' });
    const suspended = await status({ status: 'suspended', reason: '再次拒绝' });
    const listWhileSuspended = await send(contracts.listMerchants, { params: { cid } });
    const reinstated = await status({ status: 'active', reason: '整改完成' });
    const removed = await status({ status: 'removed', reason: '多次违规' });
    const fromRemoved = await status({ status: 'active', reason: 'x' });

    expect(rejected.body.merchant).toMatchObject({ status: 'rejected', reason: '营业执照不符' });
    const told = await send(contracts.listMyNotifications, { token: admin.token });
    expect(told.body.items).toContainEqual(
      expect.objectContaining({ kind: 'merchant_application', body: expect.stringContaining('营业执照不符') }),
    );
    expect([warned.body.status, suspended.body.status, reinstated.body.status, removed.body.status]).toEqual([
      'warned',
      'suspended',
      'active',
      'removed',
    ]);
    expect(listWhileSuspended.body.items).toEqual([]);
    expect(fromRemoved.status).toBe(409);
  });
});

describe('discount verification', () => {
  it('shows the holder and the offer, records one use; non-staff cannot verify', async () => {
    const { cid, staff, otherStaff, resident, admin } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);
    const pass = await certifiedResident(cid, staff, otherStaff, resident);

    const first = await verify(cid, merchant.id, owner, pass);
    const sameScanAgain = await verify(cid, merchant.id, owner, pass);
    const byOutsider = await verify(cid, merchant.id, admin, pass);
    const detail = await send(contracts.getMerchantDetail, { params: { cid, mid: merchant.id }, token: staff.token });

    expect(first.body).toMatchObject({
      valid: true,
      holder: { displayName: expect.stringContaining('resident') },
      offer: { pricePercent: 80 },
      use: { flagged: false },
    });
    expect(sameScanAgain.body.use?.id).toBe(first.body.use?.id);
    expect(byOutsider.status).toBe(403);
    expect(await uses(cid, merchant.id, owner)).toHaveLength(1);
    expect(detail.body.usesCount).toBe(1);
  });

  it('records nothing for an expired, forged, revoked or foreign pass', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);
    const pass = await certifiedResident(cid, staff, otherStaff, resident);
    const activeCertificate = {
      getCertificate: async () => ({ memberId: resident.userId, status: 'active' as const, issuedAt: '' }),
    };
    const secret = process.env.JWT_SECRET as string;
    const base = { communityId: cid, memberId: resident.userId, displayName: 'x', secret };
    const expired = await issuePass({ ...base, now: new Date(Date.now() - 120_000) }, activeCertificate as never);
    const foreign = await issuePass({ ...base, communityId: 'somewhere-else' }, activeCertificate as never);
    const [version, payload] = pass.split('.');
    const forged = `${version}.${payload}.${'A'.repeat(43)}`;

    const results = [
      await verify(cid, merchant.id, owner, expired.token),
      await verify(cid, merchant.id, owner, forged),
    ];
    results.push(await verify(cid, merchant.id, owner, foreign.token));
    await send(contracts.revokeCertificate, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
      body: { reason: '借给他人' },
    });
    results.push(await verify(cid, merchant.id, owner, pass));

    expect(results.map((result) => [result.status, result.body.valid, result.body.reason])).toEqual([
      [200, false, 'expired'],
      [200, false, 'forged'],
      [200, false, 'other_community'],
      [200, false, 'revoked'],
    ]);
    expect(await uses(cid, merchant.id, owner)).toHaveLength(0);
  });

  it('flags a pass used at two merchants within 10 minutes; staff confirm and revoke', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity();
    const [ownerA, ownerB] = [await createMember(cid, ['resident'], 'a'), await createMember(cid, ['resident'], 'b')];
    const [shopA, shopB] = [
      await activeMerchant(cid, ownerA, staff, '甲店'),
      await activeMerchant(cid, ownerB, staff, '乙店'),
    ];
    await certifiedResident(cid, staff, otherStaff, resident);
    const freshPass = async () =>
      (await send(contracts.getCertificatePass, { params: { cid }, token: resident.token })).body.token;

    const atA = await verify(cid, shopA.id, ownerA, await freshPass());
    const atB = await verify(cid, shopB.id, ownerB, await freshPass());
    const flags = await send(contracts.listFlags, { params: { cid }, token: staff.token });
    const resolved = await send(contracts.resolveFlag, {
      params: { cid, flagId: flags.body.items[0]!.id },
      token: staff.token,
      body: { outcome: 'confirmed', revokeCertificate: true, note: '两家店十分钟内' },
    });

    expect(atA.body.use?.flagged).toBe(false);
    expect(atB.body).toMatchObject({ valid: true, use: { flagged: true } });
    expect(flags.body.items).toEqual([
      expect.objectContaining({ reasons: ['two_merchants_within_10_minutes'], status: 'open' }),
    ]);
    expect(resolved.body.flag).toMatchObject({ status: 'confirmed', decidedBy: staff.userId });
    expect((await me(cid, resident.token)).certificate?.status).toBe('revoked');
  });

  it('flags more uses in a day than the community allows', async () => {
    const { cid, staff, otherStaff, resident, admin } = await timebankCommunity();
    await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { rules: { maxPassUsesPerDay: 2 } },
    });
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);
    await certifiedResident(cid, staff, otherStaff, resident);

    const flagged = [];
    for (let index = 0; index < 3; index += 1) {
      const pass = await send(contracts.getCertificatePass, { params: { cid }, token: resident.token });
      flagged.push((await verify(cid, merchant.id, owner, pass.body.token)).body.use?.flagged);
    }

    expect(flagged).toEqual([false, false, true]);
  });

  it('gives alliance merchants’ own staff the discount only where the community enables it', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const [ownerA, ownerB] = [await createMember(cid, ['resident'], 'a'), await createMember(cid, ['resident'], 'b')];
    const shopB = await activeMerchant(cid, ownerB, staff, '乙店');
    await activeMerchant(cid, ownerA, staff, '甲店');

    const before = await send(contracts.getCertificatePass, { params: { cid }, token: ownerA.token });
    await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { rules: { allianceStaffDiscount: true } },
    });
    const pass = await send(contracts.getCertificatePass, { params: { cid }, token: ownerA.token });
    const atB = await verify(cid, shopB.id, ownerB, pass.body.token);

    expect(before.status).toBe(404);
    expect(pass.status).toBe(200);
    expect(atB.body).toMatchObject({ valid: true, offer: { pricePercent: 80 } });
  });
});

describe('complaints and posts', () => {
  it('a resident complains; staff uphold it with a warning; the honour record shows it', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);

    const filed = await send(contracts.fileComplaint, {
      params: { cid, mid: merchant.id },
      token: resident.token,
      body: { description: '出示证书后拒绝打折' },
    });
    const open = await send(contracts.listComplaints, {
      params: { cid },
      query: { status: 'open' },
      token: staff.token,
    });
    const byResident = await send(contracts.resolveComplaint, {
      params: { cid, complaintId: filed.body.id },
      token: resident.token,
      body: { outcome: 'remove', note: 'x' },
    });
    const resolved = await send(contracts.resolveComplaint, {
      params: { cid, complaintId: filed.body.id },
      token: staff.token,
      body: { outcome: 'warn', note: '核实属实，警告一次' },
    });
    const again = await send(contracts.resolveComplaint, {
      params: { cid, complaintId: filed.body.id },
      token: staff.token,
      body: { outcome: 'dismiss', note: 'x' },
    });
    const detail = await send(contracts.getMerchantDetail, { params: { cid, mid: merchant.id }, token: staff.token });

    expect(filed.status).toBe(201);
    expect(open.body.items.map((item) => item.id)).toEqual([filed.body.id]);
    expect(byResident.status).toBe(403);
    expect(resolved.body.complaint).toMatchObject({ status: 'resolved', outcome: 'warn', decidedBy: staff.userId });
    expect(again.status).toBe(409);
    expect(detail.body).toMatchObject({ status: 'warned', complaintsCount: 1, upheldComplaintsCount: 1 });
  });

  it('merchant staff post to the board; office staff take a post down', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const owner = await createMember(cid, ['resident'], 'owner');
    const merchant = await activeMerchant(cid, owner, staff);
    const post: PostRequest = {
      kind: 'recruitment',
      title: '招聘店员',
      body: '周末两天，时薪 25 元',
      expiresAt: minutesFromNow(60 * 24),
    };

    const created = await send(contracts.createPost, {
      params: { cid, mid: merchant.id },
      token: owner.token,
      body: post,
    });
    const byOutsider = await send(contracts.createPost, {
      params: { cid, mid: merchant.id },
      token: resident.token,
      body: post,
    });
    const expired = await send(contracts.createPost, {
      params: { cid, mid: merchant.id },
      token: owner.token,
      body: { ...post, expiresAt: minutesFromNow(-1) },
    });
    const board = await send(contracts.listPosts, { params: { cid }, token: resident.token });
    await send(contracts.takeDownPost, {
      params: { cid, postId: created.body.id },
      token: staff.token,
      body: { reason: '内容不实' },
    });
    const after = await send(contracts.listPosts, { params: { cid }, token: resident.token });

    expect(created.status).toBe(201);
    expect(byOutsider.status).toBe(403);
    expect(expired.status).toBe(400);
    expect(board.body.items.map((item) => item.title)).toEqual(['招聘店员']);
    expect(after.body.items).toEqual([]);
  });
});

describe('contribution points', () => {
  it('awards points through the ledger and ranks contributors per month and kind', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const company = await createMember(cid, ['resident'], 'company');
    const record = (memberId: string, kind: ContributionRequest['kind'], points: number) =>
      send(contracts.recordContribution, {
        params: { cid },
        token: staff.token,
        body: {
          memberId,
          contributorType: kind === 'money' ? 'company' : 'resident',
          kind,
          description: '捐赠',
          points,
        },
      });

    const statuses = [
      (await record(resident.userId, 'labour', 5)).status,
      (await record(company.userId, 'labour', 3)).status,
      (await record(company.userId, 'money', 10)).status,
    ];
    const byResident = await send(contracts.recordContribution, {
      params: { cid },
      token: resident.token,
      body: { memberId: resident.userId, contributorType: 'resident', kind: 'labour', description: 'x', points: 100 },
    });
    const all = await send(contracts.getLeaderboard, { params: { cid }, token: resident.token });
    const labour = await send(contracts.getLeaderboard, {
      params: { cid },
      query: { kind: 'labour' },
      token: resident.token,
    });

    expect(statuses).toEqual([201, 201, 201]);
    expect(byResident.status).toBe(403);
    expect(all.body.items.map((item) => [item.memberId, item.points, item.rank])).toEqual([
      [company.userId, 13, 1],
      [resident.userId, 5, 2],
    ]);
    expect(labour.body.items.map((item) => item.points)).toEqual([5, 3]);
    expect((await me(cid, company.token)).balancePoints).toBe(13);
  });

  it('ranks ties together (777, 777, 776 → 2, 2, 4) and never splits a tie at the top-20 cut (issue 12, case 10)', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const members = await Promise.all(
      Array.from({ length: 22 }, (_unused, index) => createMember(cid, ['resident'], `rank${index}`)),
    );
    // 800, 777, 777, 776 (ranks 1, 2, 2, 4), 760…746 (ranks 5-19), then three at 740 who share rank 20:
    // the top 20 holds all three, 22 contributors.
    const scores = [800, 777, 777, 776, ...Array.from({ length: 15 }, (_unused, index) => 760 - index), 740, 740, 740];
    for (const [index, member] of members.entries()) {
      const reply = await send(contracts.recordContribution, {
        params: { cid },
        token: staff.token,
        body: {
          memberId: member.userId,
          contributorType: 'resident',
          kind: 'labour',
          description: '修理路灯',
          points: scores[index]!,
        },
      });
      if (reply.status !== 201) throw new Error(`contribution → ${reply.status} ${JSON.stringify(reply.body)}`);
    }

    const board = await send(contracts.getLeaderboard, { params: { cid }, token: resident.token });
    const ranks = board.body.items.map((item) => [item.points, item.rank]);

    expect(ranks.slice(0, 4)).toEqual([
      [800, 1],
      [777, 2],
      [777, 2],
      [776, 4],
    ]);
    expect(ranks.slice(-3)).toEqual([
      [740, 20],
      [740, 20],
      [740, 20],
    ]);
    expect(board.body.items).toHaveLength(22);
  });
});

describe('credit supermarket', () => {
  async function stockedGood(cid: string, staff: Person, overrides: object = {}): Promise<Good> {
    const reply = await send(contracts.createGood, {
      params: { cid },
      token: staff.token,
      body: { name: '小米 1kg', pricePoints: 2, stock: 5, valueFen: 1500, ...overrides },
    });
    return reply.body;
  }
  const goodNow = async (cid: string, person: Person, goodId: string) =>
    (await send(contracts.listGoods, { params: { cid }, token: person.token })).body.items.find(
      (good) => good.id === goodId,
    );

  it('redeems, cancels before pickup, and hands over only with the right pickup code', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    await grantPoints(cid, resident.userId, 10);
    const good = await stockedGood(cid, staff);

    const redeemed = await send(contracts.redeem, {
      params: { cid },
      token: resident.token,
      body: { goodId: good.id, quantity: 2 },
    });
    const afterRedeem = [(await me(cid, resident.token)).balancePoints, (await goodNow(cid, resident, good.id))?.stock];
    const cancelled = await send(contracts.cancelRedemption, {
      params: { cid, redemptionId: redeemed.body.id },
      token: resident.token,
    });
    const afterCancel = [(await me(cid, resident.token)).balancePoints, (await goodNow(cid, resident, good.id))?.stock];
    const second = await send(contracts.redeem, {
      params: { cid },
      token: resident.token,
      body: { goodId: good.id, quantity: 1 },
    });
    const staffList = await send(contracts.listRedemptions, {
      params: { cid },
      query: { status: 'reserved' },
      token: staff.token,
    });
    const wrongCode = await send(contracts.pickupRedemption, {
      params: { cid, redemptionId: second.body.id },
      token: staff.token,
      body: { pickupCode: second.body.pickupCode === '000000' ? '111111' : '000000' },
    });
    const handedOver = await send(contracts.pickupRedemption, {
      params: { cid, redemptionId: second.body.id },
      token: staff.token,
      body: { pickupCode: second.body.pickupCode },
    });
    const cancelAfterPickup = await send(contracts.cancelRedemption, {
      params: { cid, redemptionId: second.body.id },
      token: resident.token,
    });
    const mine = await send(contracts.listMyRedemptions, { params: { cid }, token: resident.token });

    expect(redeemed).toMatchObject({ status: 201, body: { status: 'reserved', totalPoints: 4, valueFen: 3000 } });
    expect(redeemed.body.pickupCode).toMatch(/^\d{6}$/);
    expect(afterRedeem).toEqual([6, 3]);
    expect(cancelled.body.status).toBe('cancelled');
    expect(afterCancel).toEqual([10, 5]);
    expect(staffList.body.items.map((item) => item.pickupCode)).toEqual(['******']);
    expect(wrongCode).toMatchObject({ status: 409, body: { error: { code: 'market.wrong_pickup_code' } } });
    expect(handedOver.body).toMatchObject({ status: 'picked_up', handedOverBy: staff.userId });
    expect(cancelAfterPickup.status).toBe(409);
    expect(mine.body.items.map((item) => item.status)).toEqual(['picked_up', 'cancelled']);
  });

  it('refuses without enough points and changes nothing', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    await grantPoints(cid, resident.userId, 1);
    const good = await stockedGood(cid, staff);

    const reply = await send(contracts.redeem, {
      params: { cid },
      token: resident.token,
      body: { goodId: good.id, quantity: 1 },
    });

    expect(reply).toMatchObject({ status: 409, body: { error: { code: 'ledger.insufficient_funds' } } });
    expect((await goodNow(cid, resident, good.id))?.stock).toBe(5);
    expect((await me(cid, resident.token)).balancePoints).toBe(1);
  });

  it('sells the last unit exactly once to 100 simultaneous redemptions; the ledger stays balanced', async () => {
    // In-process, as for the 50 scans: serverless-offline would start 100 worker threads.
    const community = await createCommunity();
    const staff = await createMember(community.id, ['staff'], 'staff');
    const residents = await Promise.all(
      Array.from({ length: 10 }, () => createMember(community.id, ['resident'], 'r')),
    );
    await Promise.all(residents.map((resident) => grantPoints(community.id, resident.userId, 20)));
    const good = await stockedGood(community.id, staff, { stock: 1 });
    const event = (token: string) =>
      httpEvent({
        method: 'POST',
        path: `/v1/communities/${community.id}/redemptions`,
        routeKey: 'POST /v1/communities/{cid}/redemptions',
        pathParameters: { cid: community.id },
        headers: { authorization: `Bearer ${token}` },
        body: { goodId: good.id, quantity: 1 },
      });

    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        invoke(redeemHandler, event(residents[index % residents.length]!.token)),
      ),
    );
    const ledger = new DynamoLedgerStore(documentClient(), tableName());
    const balances = await Promise.all(
      ['community:issuance', 'community:redemption', ...residents.map((resident) => `member:${resident.userId}`)].map(
        async (address) => (await ledger.getAccount(community.id, address as never)).balancePoints,
      ),
    );

    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(
      replies.filter(
        (reply) => reply.status === 409 && (reply.body.error as { code: string }).code === 'market.sold_out',
      ),
    ).toHaveLength(99);
    expect((await goodNow(community.id, staff, good.id))?.stock).toBe(0);
    expect(balances.reduce((sum, balance) => sum + balance, 0)).toBe(0);
    expect(balances[1]).toBe(2);
  });
});
