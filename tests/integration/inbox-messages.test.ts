import { contracts, type Notification } from '@linli/shared';
import { send } from '../support/api';
import { createMember } from '../support/factories';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Inbox texts in the reader's language (issue 21), over HTTP: a notification the system writes comes
 * back from GET /v1/me/notifications with its message — the key and the values the app writes the
 * text from — beside the Chinese title and body stored as before. The community's currency is never
 * a value: the app names it from the community, in the reader's language.
 */
const inbox = async (token: string): Promise<Notification[]> =>
  (await send(contracts.listMyNotifications, { token })).body.items;

const displayNameOf = async (cid: string, token: string) =>
  (await send(contracts.getMe, { params: { cid }, token })).body.member.displayName;

describe('inbox messages', () => {
  it('an approved service claim tells the volunteer with its key and values', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity({
      currencyName: '时间币',
      currencyNameEn: 'Time coins',
    });
    const activity = await createActivityNow(cid, staff.token, { title: '敬老院探访' });
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);

    const approval = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      token: otherStaff.token,
    });

    expect(approval.status).toBe(200);
    const [notice] = (await inbox(resident.token)).filter((item) => item.kind === 'claim_decided');
    expect(notice).toMatchObject({
      communityId: cid,
      objectType: 'claim',
      objectId: claim.id,
      title: '服务时长已通过',
      body: '「敬老院探访」120 分钟，获得 2 时间币',
      message: { key: 'claim.approved', values: { activity: '敬老院探访', minutes: 120, points: 2 } },
    });
    expect(Object.keys(notice!.message!.values).sort()).toEqual(['activity', 'minutes', 'points']);
    expect(JSON.stringify(notice!.message)).not.toMatch(/时间币|Time coins/);
  });

  it('a gift of points tells the neighbour who gave it, with the memo as written or without one', async () => {
    const { cid, staff, otherStaff, resident } = await timebankCommunity({ currencyName: '时间币' });
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    const activity = await createActivityNow(cid, staff.token);
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 120);
    await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });
    const [giver, recipient] = await Promise.all([
      displayNameOf(cid, resident.token),
      displayNameOf(cid, neighbour.token),
    ]);

    const gifts = [
      await send(contracts.giftPoints, {
        params: { cid },
        token: resident.token,
        body: { toMemberId: neighbour.userId, points: 1, memo: '谢谢你帮我修水管' },
      }),
      await send(contracts.giftPoints, {
        params: { cid },
        token: resident.token,
        body: { toMemberId: neighbour.userId, points: 1 },
      }),
    ];

    expect(gifts.map((gift) => gift.status)).toEqual([201, 201]);
    const received = (await inbox(neighbour.token)).filter((item) => item.kind === 'points_received');
    expect(received.map(({ title, body, message }) => ({ title, body, message }))).toEqual([
      {
        title: '收到 1 时间币',
        body: `${giver}：赠送给 ${recipient}`,
        message: { key: 'gift.received_unsigned', values: { points: 1, giver, recipient } },
      },
      {
        title: '收到 1 时间币',
        body: `${giver}：谢谢你帮我修水管`,
        message: { key: 'gift.received', values: { points: 1, giver, memo: '谢谢你帮我修水管' } },
      },
    ]);
  });
});
