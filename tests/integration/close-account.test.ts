import { contracts, CLOSED_ACCOUNT_NAME } from '@linli/shared';
import { verifyChain } from '../../functions/src/domain/fund/chain';
import { DynamoLedgerStore } from '../../functions/src/store/ledger/ledger-store';
import { documentClient, errorOf, login, send } from '../support/api';
import { createMember, tableName } from '../support/factories';
import { createActivityNow, grantPoints, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Closing an account (issue 20 item 2, PIPL Art. 47): refused while obligations are open; then the
 * tokens stop working, the name and contact details leave everything visible, the fund's entries and
 * chain stay (the donation shows as 匿名), service records stay without the name, the remaining points
 * go to the pool by a transfer, and the same WeChat account starts over, empty.
 */
type Person = { token: string; userId: string };

const close = (person: Person, body: unknown = { confirm: true }) =>
  send(contracts.closeAccount, { token: person.token, body: body as { confirm: true } });

async function paidDonation(cid: string, donor: Person, publishName: boolean) {
  const order = await send(contracts.donate, {
    params: { cid },
    token: donor.token,
    body: { amountFen: 1200, publishName },
  });
  expect((await send(contracts.devPayOrder, { params: { cid, oid: order.body.id }, token: donor.token })).status).toBe(
    200,
  );
  return order.body.id;
}

describe('closing an account', () => {
  it('is refused while an order is unpaid or a pledge is active, naming each, and changes nothing', async () => {
    const { cid } = await timebankCommunity();
    const person = await createMember(cid, ['resident'], 'leaver');
    const unpaid = await send(contracts.donate, { params: { cid }, token: person.token, body: { amountFen: 500 } });
    const pledge = await send(contracts.createPledge, {
      params: { cid },
      token: person.token,
      body: { amountFen: 1000, dayOfMonth: 5 },
    });

    const refused = await close(person);
    expect(refused.status).toBe(409);
    expect(errorOf(refused)?.code).toBe('account.open_obligations');
    expect(
      (refused.body as unknown as { error: { details: { obligations: unknown[] } } }).error.details.obligations,
    ).toEqual(
      expect.arrayContaining([
        { kind: 'order_unpaid', communityId: cid, id: unpaid.body.id },
        { kind: 'pledge_active', communityId: cid, id: pledge.body.id },
      ]),
    );
    // Nothing changed: still logged in, still named.
    const me = await send(contracts.getMe, { params: { cid }, token: person.token });
    expect(me.status).toBe(200);
    // Without the confirmation: 400, nothing done.
    expect((await close(person, {})).status).toBe(400);
    expect((await close(person, { confirm: false })).status).toBe(400);
  });

  it('closes: 401 after, the name nowhere visible, the fund intact, records kept, points to the pool, a new login starts empty', async () => {
    const { cid, staff, otherStaff } = await timebankCommunity();
    const openid = `closing-${Date.now()}`;
    const first = await login(openid, '李秀英');
    await send(contracts.joinCommunity, { params: { cid }, token: first.token });
    await send(contracts.putVolunteerProfile, {
      params: { cid },
      token: first.token,
      body: { realName: '李秀英', phone: '13800000001', idNumber: '11010119900307002X' },
    });
    // Service hours approved (a service record), points left over, a named donation.
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, first.userId, 60);
    expect(
      (await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token })).status,
    ).toBe(200);
    await grantPoints(cid, first.userId, 37);
    const donation = await paidDonation(cid, first, true);
    const ledger = new DynamoLedgerStore(documentClient(), tableName());
    const balance = (await ledger.getAccount(cid, `member:${first.userId}`)).balancePoints;
    const poolBefore = (await ledger.getAccount(cid, 'community:pool')).balancePoints;
    const fundBefore = (await send(contracts.getFund, { params: { cid } })).body;
    expect(Object.values(fundBefore.donors)).toContain('李秀英');

    const closed = await close(first);
    expect(closed.status).toBe(200);
    expect(closed.body.pointsToPool).toEqual([{ communityId: cid, points: balance }]);

    // Tokens stop working, refresh too.
    const after = await send(contracts.getMe, { params: { cid }, token: first.token });
    expect(after.status).toBe(401);
    expect(errorOf(after)?.code).toBe('auth.account_closed');
    expect((await send(contracts.refreshToken, { token: first.token })).status).toBe(401);

    // The fund: the same entries, the same balance, the chain intact, the donation anonymous.
    const fundAfter = (await send(contracts.getFund, { params: { cid } })).body;
    expect(fundAfter.balanceFen).toBe(fundBefore.balanceFen);
    expect(fundAfter.latestHash).toBe(fundBefore.latestHash);
    expect(verifyChain([...fundAfter.entries].reverse())).toEqual({ intact: true });
    expect(JSON.stringify(fundAfter)).not.toContain('李秀英');
    expect(fundAfter.entries.some((entry) => entry.amountFen === 1200)).toBe(true);

    // The office's member list: the tombstone name, no phone; the volunteer profile (ID number) is gone.
    const members = await send(contracts.listMembers, { params: { cid }, query: {}, token: staff.token });
    const row = members.body.items.find((member) => member.id === first.userId);
    expect(row?.displayName).toBe(CLOSED_ACCOUNT_NAME);
    expect(JSON.stringify(members.body)).not.toContain('李秀英');
    expect(JSON.stringify(members.body)).not.toContain('13800000001');

    // Points went to the pool by a transfer; the service record (the claim) stays under the user id.
    expect((await ledger.getAccount(cid, `member:${first.userId}`)).balancePoints).toBe(0);
    expect((await ledger.getAccount(cid, 'community:pool')).balancePoints).toBe(poolBefore + balance);
    const claims = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'approved' },
      token: staff.token,
    });
    const kept = claims.body.items.find((item) => item.id === claim.id);
    expect(kept?.memberId).toBe(first.userId);

    // The same WeChat account logs in to a new, empty account.
    const again = await login(openid, '李秀英');
    expect(again.userId).not.toBe(first.userId);
    const communities = await send(contracts.listMyCommunities, { token: again.token });
    expect(communities.body.items).toEqual([]);
    expect(donation).toBeTruthy();
  });

  it('waits for the maker’s payout, then takes their goods off the shop', async () => {
    const { cid, staff } = await timebankCommunity();
    const [maker, buyer] = await Promise.all([
      createMember(cid, ['resident', 'maker'], 'closingmaker'),
      createMember(cid, ['resident'], 'buyer'),
    ]);
    const listed = await send(contracts.createProduct, {
      params: { cid },
      token: maker.token,
      body: { title: '手工草帽', description: '麦秆编织', priceFen: 1000, stock: 5 },
    });
    await send(contracts.approveProduct, { params: { cid, pid: listed.body.id }, token: staff.token });
    const sold = await send(contracts.createOrder, {
      params: { cid },
      token: buyer.token,
      body: { items: [{ productId: listed.body.id, quantity: 1 }] },
    });
    await send(contracts.devPayOrder, { params: { cid, oid: sold.body.id }, token: buyer.token });
    await send(contracts.fulfilOrder, {
      params: { cid, oid: sold.body.id },
      token: staff.token,
      body: { status: 'completed' },
    });

    const owed = await close(maker);
    expect(errorOf(owed)?.code).toBe('account.open_obligations');
    expect(JSON.stringify(owed.body)).toContain('maker_owed');

    const earnings = await send(contracts.listMakers, { params: { cid }, token: staff.token });
    const share = earnings.body.items.find((item) => item.makerId === maker.userId)!.owedFen;
    const paid = await send(contracts.recordPayout, {
      params: { cid, memberId: maker.userId },
      token: staff.token,
      body: { amountFen: share, note: '十二月结算' },
    });
    expect(paid.status).toBe(201);
    expect((await close(maker)).status).toBe(200);
    const shop = await send(contracts.listProducts, { params: { cid } });
    expect(shop.body.items.map((item) => item.id)).not.toContain(listed.body.id);
  });
});
