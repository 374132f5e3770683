import { NOTIFICATION_MESSAGES, contracts, type Notification, type NotificationMessageSpec } from '@linli/shared';
import { send } from '../support/api';
import { createMember } from '../support/factories';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Attack tests for issue 21 (how people meet the app), over HTTP against the local stack: the
 * community's English currency name, and the inbox's messages with people's own words in them.
 */
const inbox = async (token: string): Promise<Notification[]> =>
  (await send(contracts.listMyNotifications, { token })).body.items;

describe('issue 21 attacks: the English currency name', () => {
  it('an admin who clears 货币英文名 on 社区设置 takes it away (PATCH currencyNameEn: null)', async () => {
    const { cid, admin } = await timebankCommunity({ currencyName: '时间币', currencyNameEn: 'Time coins' });

    const cleared = await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { currencyNameEn: null },
    });

    expect(cleared.status).toBe(200);
    const community = (await send(contracts.getCommunity, { params: { cid } })).body;
    expect(community.currencyName).toBe('时间币');
    expect(community.currencyNameEn).toBeUndefined();
  });

  it('an empty English name is still refused (a name is something, or nothing at all)', async () => {
    const { cid, admin } = await timebankCommunity({ currencyName: '时间币', currencyNameEn: 'Time coins' });

    const empty = await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      invalidBody: { currencyNameEn: '   ' },
    });

    expect(empty.status).toBe(400);
  });
});

describe('issue 21 attacks: people’s words inside inbox messages', () => {
  it('a memo full of placeholders is stored as written, never filled in (held up)', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity({ currencyName: '时间币' });
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);
    await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });
    const memo = '{currency}{points}{giver}$&$1';

    const gift = await send(contracts.giftPoints, {
      params: { cid },
      token: resident.token,
      body: { toMemberId: neighbour.userId, points: 1, memo },
    });

    expect(gift.status).toBe(201);
    const [received] = (await inbox(neighbour.token)).filter((item) => item.kind === 'points_received');
    expect(received?.title).toBe('收到 1 时间币');
    expect(received?.body.endsWith(`：${memo}`)).toBe(true);
    expect(received?.message).toMatchObject({ key: 'gift.received', values: { memo } });
  });

  it('a rejected merchant applicant hears why, the reason and the shop’s name as written (held up)', async () => {
    const { cid, staff } = await timebankCommunity();
    const applicant = await createMember(cid, ['resident'], 'shopkeeper');
    const name = '老王{reason}小卖部';
    const applied = await send(contracts.submitMerchantApplication, {
      params: { cid },
      token: applicant.token,
      body: {
        name,
        licenceNumber: '91510100MA6C123456',
        category: 'grocery',
        address: '幸福里 3 号',
        offer: { description: '志愿者 9 折', pricePercent: 90 },
      },
    });
    expect(applied.status).toBe(201);

    const rejected = await send(contracts.rejectMerchantApplication, {
      params: { cid, id: applied.body.id },
      token: staff.token,
      body: { reason: '营业执照{merchant}看不清' },
    });

    expect(rejected.status).toBe(200);
    const notices = (await inbox(applicant.token)).filter((item) => item.kind === 'merchant_application');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      title: '商户申请未通过',
      body: `${name} 的申请未通过：营业执照{merchant}看不清`,
      message: { key: 'merchant.rejected', values: { merchant: name, reason: '营业执照{merchant}看不清' } },
    });
  });
});

describe('issue 21 attacks: the currency in every inbox text', () => {
  it('a reversed redemption names the community’s currency (it says 积分 / “points” whatever the community calls them)', () => {
    // 时间币 in Chinese and “Time coins” in English on every other notice of points; this one
    // hard-codes 积分 in the stored title and “points” in English (cancelRedemption's notice).
    const spec: NotificationMessageSpec = NOTIFICATION_MESSAGES['redemption.reversed'];

    expect(spec.currency).toBe(true);
    expect(spec.title).toContain('{currency}');
  });
});
