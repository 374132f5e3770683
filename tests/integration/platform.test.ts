import { randomUUID } from 'node:crypto';
import { contracts, DEFAULT_ACTIVITY_CATEGORIES } from '@linli/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, errorOf, login, newUser, send, urlOf } from '../support/api';
import { keyed, parseCsv } from '../support/csv';
import { createCommunity, createMember, tableName } from '../support/factories';
import { createActivityNow, officeClaim } from '../support/timebank';

/**
 * Issue 16: a platform operator starts a community and names its admin; the admin invites staff,
 * staff invite residents; each community has its own activity categories. Over HTTP against the
 * local stack (dev stage: the dev login `demo-platform` is a platform operator).
 */
const slug = () => `t-${randomUUID().slice(0, 8)}`;
const operator = () => login('demo-platform', '平台运营');
const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function auditActions(communityId: string): Promise<string[]> {
  const result = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      FilterExpression: '#type = :audit',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':pk': `AUDIT#${communityId}`, ':audit': 'AuditEntry' },
    }),
  );
  return (result.Items ?? []).map((item) => String(item.action));
}

describe('platform operators start communities', () => {
  it('creates a community with the default rules and categories, once per id; others may not', async () => {
    const { token } = await operator();
    const id = slug();
    const body = { id, name: '凤凰里社区', currencyName: '凤凰币', rules: { pointsPerHour: 12 } };

    const created = await send(contracts.createCommunity, { token, body });
    const again = await send(contracts.createCommunity, { token, body: { ...body, name: '另一个' } });
    const resident = await newUser('resident');
    const refused = await send(contracts.createCommunity, { token: resident.token, body: { ...body, id: slug() } });
    const badIds = await Promise.all(
      ['ab', 'Upper-case', '-dash', 'x'.repeat(33), 'with space'].map((bad) =>
        send(contracts.createCommunity, { token, body: { ...body, id: bad } }),
      ),
    );

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, name: '凤凰里社区', currencyName: '凤凰币' });
    expect(created.body.rules.pointsPerHour).toBe(12);
    expect(created.body.rules.activityCategories).toEqual(DEFAULT_ACTIVITY_CATEGORIES);
    expect(again.status).toBe(409);
    expect(errorOf(again)?.code).toBe('community.exists');
    expect((await send(contracts.getCommunity, { params: { cid: id } })).body.name).toBe('凤凰里社区');
    expect(refused.status).toBe(403);
    expect(badIds.map((reply) => reply.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await auditActions(id)).toContain('community.create');
  });

  it('names the first admin by openid (even before their first login), who can then run the community', async () => {
    const { token } = await operator();
    const id = slug();
    await send(contracts.createCommunity, { token, body: { id, name: '青龙街社区', currencyName: '信用币' } });
    const openid = `admin-${randomUUID().slice(0, 8)}`;

    const named = await send(contracts.setCommunityAdmin, { token, params: { cid: id }, body: { openid } });
    const admin = await login(openid, '王主任');
    const renamed = await send(contracts.updateCommunity, {
      token: admin.token,
      params: { cid: id },
      body: { rules: { certificateThresholdPoints: 50 } },
    });
    const byResident = await send(contracts.setCommunityAdmin, {
      token: (await newUser()).token,
      params: { cid: id },
      body: { openid: 'someone' },
    });
    const unknownCommunity = await send(contracts.setCommunityAdmin, {
      token,
      params: { cid: slug() },
      body: { openid },
    });

    expect(named.status).toBe(200);
    expect(named.body.member.roles).toEqual(expect.arrayContaining(['admin', 'staff']));
    expect(named.body.member.id).toBe(admin.userId);
    expect(renamed.status).toBe(200);
    // Only the rule named changes: the rest (and the default categories) stay.
    expect(renamed.body.rules).toMatchObject({ certificateThresholdPoints: 50, pointsPerHour: 10 });
    expect(renamed.body.rules.activityCategories).toHaveLength(DEFAULT_ACTIVITY_CATEGORIES.length);
    expect(byResident.status).toBe(403);
    expect(unknownCommunity.status).toBe(404);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['community.create', 'community.name_admin']));
  });

  it('keeps both of two rule changes made at once (each sets only its own rule)', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin'], 'admin');
    await Promise.all([
      send(contracts.updateCommunity, {
        token: admin.token,
        params: { cid: community.id },
        body: { rules: { pointsPerHour: 20 } },
      }),
      send(contracts.updateCommunity, {
        token: admin.token,
        params: { cid: community.id },
        body: { rules: { certificateThresholdPoints: 7 } },
      }),
    ]);

    const rules = (await send(contracts.getCommunity, { params: { cid: community.id } })).body.rules;

    expect(rules).toMatchObject({ pointsPerHour: 20, certificateThresholdPoints: 7 });
  });
});

describe('invitations', () => {
  it('admins invite staff, staff invite residents only; accepting joins with those roles', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin'], 'admin');
    const staff = await createMember(community.id, ['staff'], 'staff');
    const params = { cid: community.id };

    const staffInvite = await send(contracts.createInvitation, {
      token: admin.token,
      params,
      body: { roles: ['staff'], maxUses: 2 },
    });
    const residentInvite = await send(contracts.createInvitation, {
      token: staff.token,
      params,
      body: { roles: ['resident'] },
    });
    const tooMuch = await send(contracts.createInvitation, { token: staff.token, params, body: { roles: ['staff'] } });
    const byResident = await send(contracts.createInvitation, {
      token: (await createMember(community.id, ['resident'], 'resident')).token,
      params,
      body: { roles: ['resident'] },
    });
    const newcomer = await newUser('newcomer');
    const accepted = await send(contracts.acceptInvitation, {
      token: newcomer.token,
      params: { code: String(staffInvite.body.code) },
    });
    const me = await send(contracts.getMe, { token: newcomer.token, params });

    expect(staffInvite.status).toBe(201);
    expect(staffInvite.body).toMatchObject({ roles: ['resident', 'staff'], maxUses: 2, uses: 0 });
    expect(Date.parse(staffInvite.body.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(staffInvite.body.link).toMatchObject({ page: 'pages/invite/index', scene: staffInvite.body.code });
    expect(residentInvite.status).toBe(201);
    expect(tooMuch.status).toBe(403);
    expect(errorOf(tooMuch)?.code).toBe('invitation.roles_not_allowed');
    expect(byResident.status).toBe(403);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ communityId: community.id });
    expect(accepted.body.member.roles).toEqual(expect.arrayContaining(['resident', 'staff']));
    expect(me.body.member.roles).toEqual(expect.arrayContaining(['staff']));
    expect(await auditActions(community.id)).toEqual(
      expect.arrayContaining(['invitation.create', 'invitation.accept']),
    );
  });

  it('is 410 once used up or expired, 404 for a code that never was; of two racing for the last use one wins', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin'], 'admin');
    const params = { cid: community.id };
    const single = await send(contracts.createInvitation, {
      token: admin.token,
      params,
      body: { roles: ['resident'] },
    });
    const code = String(single.body.code);
    const [first, second] = await Promise.all([newUser('racer'), newUser('racer')]);

    const race = await Promise.all(
      [first, second].map((person) => send(contracts.acceptInvitation, { token: person.token, params: { code } })),
    );
    const late = await send(contracts.acceptInvitation, { token: (await newUser()).token, params: { code } });
    const expired = await send(contracts.createInvitation, {
      token: admin.token,
      params,
      body: { roles: ['resident'], expiresAt: isoIn(-1) },
    });
    const tooLong = await send(contracts.createInvitation, {
      token: admin.token,
      params,
      body: { roles: ['resident'], expiresAt: isoIn(91 * 24 * 60) },
    });
    const never = await send(contracts.acceptInvitation, {
      token: first.token,
      params: { code: 'AAAAAAAAAAAAAAAAAAAA' },
    });

    expect(race.map((reply) => reply.status).sort()).toEqual([200, 410]);
    expect(errorOf(race.find((reply) => reply.status === 410)!)?.code).toBe('invitation.expired');
    expect(late.status).toBe(410);
    expect(expired.status).toBe(400);
    expect(tooLong.status).toBe(400);
    expect(never.status).toBe(404);
  });
});

describe('own activity categories', () => {
  it('an activity takes one of its own community’s categories; the admin edits the list', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin'], 'admin');
    const staff = await createMember(community.id, ['staff'], 'staff');
    const params = { cid: community.id };
    const activity = (category: string) =>
      send(contracts.createActivity, {
        token: staff.token,
        params,
        body: { title: '扫雪', category, startsAt: isoIn(60), endsAt: isoIn(120) },
      });

    const defaultOne = await activity('snow');
    const unknown = await activity('gardening');
    const edited = await send(contracts.updateCommunity, {
      token: admin.token,
      params,
      body: {
        rules: {
          activityCategories: [
            { id: 'gardening', label: '绿化养护' },
            { id: 'other', label: '其他' },
          ],
        },
      },
    });
    const ownOne = await activity('gardening');
    const removedOne = await activity('snow');
    const duplicateIds = await send(contracts.updateCommunity, {
      token: admin.token,
      params,
      body: {
        rules: {
          activityCategories: [
            { id: 'a', label: '甲' },
            { id: 'a', label: '乙' },
          ],
        },
      },
    });

    expect(defaultOne.status).toBe(201);
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)?.code).toBe('activity.category_unknown');
    expect(edited.status).toBe(200);
    expect(ownOne.status).toBe(201);
    expect(removedOne.status).toBe(400);
    expect(duplicateIds.status).toBe(400);
  });
});

describe('districts', () => {
  it('groups communities; its officers and operators see every community’s figures and the total, nobody else', async () => {
    const { token } = await operator();
    const did = slug();
    const district = await send(contracts.createDistrict, { token, body: { id: did, name: '解放路街道' } });
    const duplicate = await send(contracts.createDistrict, { token, body: { id: did, name: '又一个' } });
    const [qinglong, fenghuang] = [slug(), slug()];
    for (const [id, currencyName] of [
      [qinglong, '信用币'],
      [fenghuang, '凤凰币'],
    ] as const) {
      await send(contracts.createCommunity, { token, body: { id, name: `社区${id}`, currencyName, districtId: did } });
    }
    const noSuchDistrict = await send(contracts.createCommunity, {
      token,
      body: { id: slug(), name: '无街道', currencyName: '币', districtId: slug() },
    });
    const officerOpenid = `officer-${randomUUID().slice(0, 8)}`;
    const named = await send(contracts.setDistrictOfficer, { token, params: { did }, body: { openid: officerOpenid } });
    const officer = await login(officerOpenid, '街道干部');
    // Two members join 青龙街 (by the admin's invitation), one 凤凰里.
    const adminOpenid = `admin-${randomUUID().slice(0, 8)}`;
    await send(contracts.setCommunityAdmin, { token, params: { cid: qinglong }, body: { openid: adminOpenid } });
    const admin = await login(adminOpenid);
    const invitation = await send(contracts.createInvitation, {
      token: admin.token,
      params: { cid: qinglong },
      body: { roles: ['resident'], maxUses: 5 },
    });
    for (const person of await Promise.all([newUser(), newUser()])) {
      await send(contracts.acceptInvitation, { token: person.token, params: { code: String(invitation.body.code) } });
    }
    await send(contracts.joinCommunity, { token: (await newUser()).token, params: { cid: fenghuang } });

    const stats = await send(contracts.getDistrictStats, { token: officer.token, params: { did } });
    const byOperator = await send(contracts.getDistrictStats, { token, params: { did } });
    const byAdmin = await send(contracts.getDistrictStats, { token: admin.token, params: { did } });
    const officerInCommunity = await send(contracts.listMembers, { token: officer.token, params: { cid: qinglong } });

    expect(district.status).toBe(201);
    expect(duplicate.status).toBe(409);
    expect(noSuchDistrict.status).toBe(404);
    expect(named.status).toBe(200);
    expect(stats.status).toBe(200);
    expect(stats.body.communities.map((community) => community.id).sort()).toEqual([qinglong, fenghuang].sort());
    const members = Object.fromEntries(stats.body.communities.map((row) => [row.id, row.totals.members]));
    // 青龙街: its admin and the two invited; 凤凰里: the one who joined.
    expect(members).toEqual({ [qinglong]: 3, [fenghuang]: 1 });
    expect(stats.body.totals.members).toBe(4);
    expect(byOperator.status).toBe(200);
    const officerDistricts = await send(contracts.listMyDistricts, { token: officer.token });
    const adminDistricts = await send(contracts.listMyDistricts, { token: admin.token });
    expect(officerDistricts.body.items.map((item) => item.id)).toEqual([did]);
    expect(adminDistricts.body.items).toEqual([]);
    expect(byAdmin.status).toBe(403);
    // A district officer is nobody inside its communities.
    expect(officerInCommunity.status).toBe(403);
  });

  it('shows the district month by month, in total and per community, and exports the figures only', async () => {
    const { token } = await operator();
    const did = slug();
    await send(contracts.createDistrict, { token, body: { id: did, name: '图表街道' } });
    const minutes: Record<string, number> = {};
    for (const [currencyName, served] of [
      ['信用币', 120],
      ['凤凰币', 60],
    ] as const) {
      const id = slug();
      await send(contracts.createCommunity, { token, body: { id, name: `社区${id}`, currencyName, districtId: did } });
      const [staff, second, resident] = await Promise.all([
        createMember(id, ['staff'], 'staff'),
        createMember(id, ['staff'], 'staff2'),
        createMember(id, ['resident'], 'resident'),
      ]);
      const activity = await createActivityNow(id, staff.token);
      const claim = await officeClaim(id, activity.id, staff.token, resident.userId, served);
      await send(contracts.approveClaim, { params: { cid: id, claimId: claim.id }, token: second.token });
      minutes[id] = served;
    }
    const officerOpenid = `officer-${randomUUID().slice(0, 8)}`;
    await send(contracts.setDistrictOfficer, { token, params: { did }, body: { openid: officerOpenid } });
    const officer = await login(officerOpenid);
    const outsider = await newUser();

    const stats = await send(contracts.getDistrictStats, { token: officer.token, params: { did } });
    const download = async (format: 'csv' | 'xlsx', who: string) =>
      fetch(urlOf(contracts.exportDistrictStats, { params: { did }, query: { format } }), {
        headers: { authorization: `Bearer ${who}` },
      });
    const csv = await download('csv', officer.token);
    const xlsx = await download('xlsx', officer.token);
    const refused = await download('csv', outsider.token);

    const sum = (months: { volunteerMinutes: number }[]) => months.reduce((total, m) => total + m.volunteerMinutes, 0);
    expect(stats.status).toBe(200);
    expect(stats.body.months).toHaveLength(12);
    expect(sum(stats.body.months)).toBe(180);
    for (const community of stats.body.communities) {
      expect(community.months.map((month) => month.month)).toEqual(stats.body.months.map((month) => month.month));
      expect(sum(community.months)).toBe(minutes[community.id]);
    }
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = keyed(parseCsv((await csv.text()).replace(/^\uFEFF/, '')));
    // Twelve months for each community, then twelve for the district; no person's name or id.
    expect(rows).toHaveLength(36);
    const served = (of: (row: Record<string, unknown>) => boolean) =>
      rows.filter(of).reduce((total, row) => total + Number(row['志愿服务分钟']), 0);
    expect(served((row) => row['社区'] === '全街道合计')).toBe(180);
    for (const [id, total] of Object.entries(minutes)) expect(served((row) => row['社区编号'] === id)).toBe(total);
    expect(Object.keys(rows[0]!)).not.toContain('姓名');
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    expect(refused.status).toBe(403);
  });
});
