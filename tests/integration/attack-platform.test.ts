import { randomUUID } from 'node:crypto';
import { contracts, type Role } from '@linli/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, errorOf, login, newUser, send } from '../support/api';
import { createCommunity, createMember, tableName } from '../support/factories';
import { describeChanges, tableSnapshot } from '../support/table-snapshot';

/**
 * Outside attack on issue 16 (platform operators, invitations, own activity categories, rule
 * changes field by field). Over HTTP against the local stack and DynamoDB Local; no mocks. Each test
 * passes on correct behaviour and is named for the fault it would catch.
 */
const slug = () => `a-${randomUUID().slice(0, 8)}`;
const operator = () => login('demo-platform', '平台运营');
const isoIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function invitationItem(code: string) {
  const result = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: { PK: `INVITATION#${code}`, SK: 'INVITATION' },
      ConsistentRead: true,
    }),
  );
  return result.Item;
}

async function memberRoles(communityId: string, userId: string): Promise<Role[] | undefined> {
  const result = await documentClient().send(
    new GetCommand({
      TableName: tableName(),
      Key: { PK: `COMMUNITY#${communityId}`, SK: `MEMBER#${userId}#PROFILE` },
      ConsistentRead: true,
    }),
  );
  return result.Item?.roles as Role[] | undefined;
}

async function auditEntries(communityId: string) {
  const result = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      FilterExpression: '#type = :audit',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':pk': `AUDIT#${communityId}`, ':audit': 'AuditEntry' },
      ConsistentRead: true,
    }),
  );
  return result.Items ?? [];
}

async function invite(token: string, cid: string, body: { roles: Role[]; maxUses?: number; expiresAt?: string }) {
  return send(contracts.createInvitation, { token, params: { cid }, body });
}

describe('attack: refused requests leave no trace', () => {
  it('every 4xx of the platform routes (operator mistakes, staff overreach, bad codes) leaves the table unchanged and no 5xx', async () => {
    const op = await operator();
    const existing = await createCommunity();
    const other = await createCommunity();
    const admin = await createMember(existing.id, ['resident', 'staff', 'admin'], 'admin');
    const staff = await createMember(existing.id, ['resident', 'staff'], 'staff');
    const resident = await createMember(existing.id, ['resident'], 'resident');
    const otherAdmin = await createMember(other.id, ['resident', 'staff', 'admin'], 'oadmin');
    const outsider = await newUser('outsider');
    const usedUp = await invite(admin.token, existing.id, { roles: ['resident'] });
    expect(usedUp.status).toBe(201);
    expect(
      (await send(contracts.acceptInvitation, { token: outsider.token, params: { code: usedUp.body.code } })).status,
    ).toBe(200);
    const late = await newUser('late');
    const base = { id: slug(), name: '坏社区', currencyName: '坏币' };

    const before = await tableSnapshot();
    const attempts: [string, Promise<{ status: number; body: unknown }>][] = [
      // operator mistakes
      [
        'pointsPerHour 0',
        send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, rules: { pointsPerHour: 0 } } }),
      ],
      [
        'fundShareBps 10001',
        send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, rules: { fundShareBps: 10_001 } } }),
      ],
      [
        'negative threshold',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { certificateThresholdPoints: -1 } },
        }),
      ],
      [
        'fractional points',
        send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, rules: { pointsPerHour: 1.5 } } }),
      ],
      [
        'empty categories',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { activityCategories: [] } },
        }),
      ],
      [
        'category id __proto__',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { activityCategories: [{ id: '__proto__', label: 'x' }] } },
        }),
      ],
      [
        'category id upper',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { activityCategories: [{ id: 'Snow', label: 'x' }] } },
        }),
      ],
      [
        'category id space',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { activityCategories: [{ id: 'a b', label: 'x' }] } },
        }),
      ],
      [
        'category blank label',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { activityCategories: [{ id: 'a', label: '   ' }] } },
        }),
      ],
      [
        'category label control char',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { activityCategories: [{ id: 'a', label: 'a\u0007' }] } },
        }),
      ],
      [
        '31 categories',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: {
            ...base,
            rules: { activityCategories: Array.from({ length: 31 }, (_u, i) => ({ id: `c${i}`, label: `类${i}` })) },
          },
        }),
      ],
      [
        'rounding 0',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { minuteRounding: { unitMinutes: 0, mode: 'down' } } },
        }),
      ],
      [
        'partial rounding',
        send(contracts.createCommunity, {
          token: op.token,
          invalidBody: { ...base, rules: { minuteRounding: { unitMinutes: 15 } } },
        }),
      ],
      [
        'unknown rule',
        send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, rules: { bonus: 1 } } }),
      ],
      ['null rules', send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, rules: null } })],
      ['blank name', send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, name: '  ' } })],
      [
        'bad districtId',
        send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, districtId: 'X Y' } }),
      ],
      ['id with slash', send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, id: 'abc/def' } })],
      ['id with hash', send(contracts.createCommunity, { token: op.token, invalidBody: { ...base, id: 'abc#def' } })],
      ['existing id', send(contracts.createCommunity, { token: op.token, body: { ...base, id: existing.id } })],
      ['resident creates community', send(contracts.createCommunity, { token: resident.token, body: base })],
      ['admin creates community', send(contracts.createCommunity, { token: admin.token, body: base })],
      ['no token', send(contracts.createCommunity, { body: base })],
      [
        'admin names admin',
        send(contracts.setCommunityAdmin, {
          token: admin.token,
          params: { cid: existing.id },
          body: { openid: staff.openid },
        }),
      ],
      [
        'staff names self admin',
        send(contracts.setCommunityAdmin, {
          token: staff.token,
          params: { cid: existing.id },
          body: { openid: staff.openid },
        }),
      ],
      [
        'admin of other names admin',
        send(contracts.setCommunityAdmin, {
          token: otherAdmin.token,
          params: { cid: existing.id },
          body: { openid: otherAdmin.openid },
        }),
      ],
      [
        'name admin unknown community',
        send(contracts.setCommunityAdmin, {
          token: op.token,
          params: { cid: slug() },
          body: { openid: `never-${randomUUID().slice(0, 8)}` },
        }),
      ],
      [
        'bad openid',
        send(contracts.setCommunityAdmin, {
          token: op.token,
          params: { cid: existing.id },
          invalidBody: { openid: 'a b' },
        }),
      ],
      // invitations
      ['staff invites staff', invite(staff.token, existing.id, { roles: ['staff'] })],
      ['staff invites admin', invite(staff.token, existing.id, { roles: ['resident', 'admin'] })],
      ['staff invites merchant', invite(staff.token, existing.id, { roles: ['merchant'] })],
      ['resident invites', invite(resident.token, existing.id, { roles: ['resident'] })],
      ['outsider invites', invite(outsider.token, existing.id, { roles: ['resident'] })],
      ['admin of other invites', invite(otherAdmin.token, existing.id, { roles: ['admin'] })],
      ['operator invites', invite(op.token, existing.id, { roles: ['admin'] })],
      ['expiry in the past', invite(admin.token, existing.id, { roles: ['resident'], expiresAt: isoIn(-5) })],
      ['expiry now', invite(admin.token, existing.id, { roles: ['resident'], expiresAt: new Date().toISOString() })],
      ['expiry 91 days', invite(admin.token, existing.id, { roles: ['resident'], expiresAt: isoIn(91 * 24 * 60) })],
      [
        'expiry year 9999',
        invite(admin.token, existing.id, { roles: ['resident'], expiresAt: '9999-12-31T23:59:59Z' }),
      ],
      [
        'maxUses 0',
        send(contracts.createInvitation, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { roles: ['resident'], maxUses: 0 },
        }),
      ],
      [
        'maxUses 1001',
        send(contracts.createInvitation, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { roles: ['resident'], maxUses: 1001 },
        }),
      ],
      [
        'no roles',
        send(contracts.createInvitation, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { roles: [] },
        }),
      ],
      [
        'repeated roles',
        send(contracts.createInvitation, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { roles: ['staff', 'staff'] },
        }),
      ],
      [
        'unknown role',
        send(contracts.createInvitation, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { roles: ['operator'] },
        }),
      ],
      [
        'extra field uses',
        send(contracts.createInvitation, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { roles: ['resident'], uses: -5 },
        }),
      ],
      ['invite in unknown community', invite(admin.token, slug(), { roles: ['resident'] })],
      [
        'unknown code',
        send(contracts.acceptInvitation, { token: late.token, params: { code: 'ZZZZZZZZZZZZZZZZZZZZ' } }),
      ],
      [
        'lower-cased code',
        send(contracts.acceptInvitation, { token: late.token, params: { code: usedUp.body.code.toLowerCase() } }),
      ],
      ['used-up code', send(contracts.acceptInvitation, { token: late.token, params: { code: usedUp.body.code } })],
      ['accept without token', send(contracts.acceptInvitation, { params: { code: usedUp.body.code } })],
      // community settings
      [
        'staff patches community',
        send(contracts.updateCommunity, { token: staff.token, params: { cid: existing.id }, body: { name: '夺权' } }),
      ],
      [
        'other admin patches community',
        send(contracts.updateCommunity, {
          token: otherAdmin.token,
          params: { cid: existing.id },
          body: { rules: { pointsPerHour: 999 } },
        }),
      ],
      [
        'operator patches community',
        send(contracts.updateCommunity, {
          token: op.token,
          params: { cid: existing.id },
          body: { rules: { pointsPerHour: 999 } },
        }),
      ],
      [
        'patch pointsPerHour 0',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { rules: { pointsPerHour: 0 } },
        }),
      ],
      [
        'patch fundShare 10001',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { rules: { fundShareBps: 10_001 } },
        }),
      ],
      [
        'patch empty categories',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { rules: { activityCategories: [] } },
        }),
      ],
      [
        'patch duplicate category ids',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: {
            rules: {
              activityCategories: [
                { id: 'a', label: '甲' },
                { id: 'a', label: '乙' },
              ],
            },
          },
        }),
      ],
      [
        'patch null rule',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { rules: { monthlyCapPoints: null } },
        }),
      ],
      [
        'patch office bad phone',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { office: { address: '一号', phone: 'call me' } },
        }),
      ],
      [
        'patch office without phone',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { office: { address: '一号' } },
        }),
      ],
      [
        'patch districtId',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { districtId: 'other' },
        }),
      ],
      [
        'patch id',
        send(contracts.updateCommunity, {
          token: admin.token,
          params: { cid: existing.id },
          invalidBody: { id: other.id },
        }),
      ],
      [
        'patch unknown community',
        send(contracts.updateCommunity, { token: admin.token, params: { cid: slug() }, body: { name: '无' } }),
      ],
    ];
    const replies = await Promise.all(attempts.map(async ([name, reply]) => [name, (await reply).status] as const));
    const after = await tableSnapshot();

    const wrong = replies.filter(([, status]) => status < 400 || status >= 500);
    expect(wrong).toEqual([]);
    expect(describeChanges(before.items, after.items)).toEqual([]);
  });
});

describe('attack: staff and admins overreaching through invitations', () => {
  it('staff cannot invite to office roles, in any spelling; an admin of one community cannot invite into another', async () => {
    const a = await createCommunity();
    const b = await createCommunity();
    const staff = await createMember(a.id, ['resident', 'staff'], 'staff');
    const adminA = await createMember(a.id, ['resident', 'staff', 'admin'], 'admin');
    const staffAndMerchant = await createMember(a.id, ['staff', 'merchant'], 'staffm');

    const replies = await Promise.all([
      invite(staff.token, a.id, { roles: ['resident', 'staff'] }),
      invite(staff.token, a.id, { roles: ['admin'] }),
      invite(staffAndMerchant.token, a.id, { roles: ['merchant'] }),
      invite(adminA.token, b.id, { roles: ['admin'] }),
      invite(adminA.token, b.id, { roles: ['resident'] }),
    ]);

    expect(replies.map((reply) => reply.status)).toEqual([403, 403, 403, 403, 403]);
    expect(replies.slice(0, 3).map((reply) => errorOf(reply)?.code)).toEqual([
      'invitation.roles_not_allowed',
      'invitation.roles_not_allowed',
      'invitation.roles_not_allowed',
    ]);
  });

  it('an invitation is bound to its own community: accepting A’s staff invitation gives no role in B', async () => {
    const a = await createCommunity();
    const b = await createCommunity();
    const adminA = await createMember(a.id, ['resident', 'staff', 'admin'], 'admin');
    const residentOfB = await createMember(b.id, ['resident'], 'resident');
    const staffInvite = await invite(adminA.token, a.id, { roles: ['staff'] });

    const accepted = await send(contracts.acceptInvitation, {
      token: residentOfB.token,
      params: { code: staffInvite.body.code },
    });

    expect(accepted.status).toBe(200);
    expect(accepted.body.communityId).toBe(a.id);
    expect(await memberRoles(b.id, residentOfB.userId)).toEqual(['resident']);
    expect(await memberRoles(a.id, residentOfB.userId)).toEqual(expect.arrayContaining(['resident', 'staff']));
  });

  it('an admin cannot change their own roles by accepting their own invitation (the conflict-of-interest rule setMemberRoles enforces)', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    // The direct way is refused: nobody changes their own roles.
    const direct = await send(contracts.setMemberRoles, {
      token: admin.token,
      params: { cid: community.id, memberId: admin.userId },
      body: { roles: ['resident', 'staff', 'admin', 'merchant'] },
    });
    const ownInvite = await invite(admin.token, community.id, { roles: ['merchant'] });

    const accepted = await send(contracts.acceptInvitation, {
      token: admin.token,
      params: { code: ownInvite.body.code },
    });

    expect(direct.status).toBe(403);
    expect(errorOf(direct)?.code).toBe('auth.conflict_of_interest');
    expect(accepted.status).toBe(403);
    expect(errorOf(accepted)?.code).toBe('auth.conflict_of_interest');
    expect(await memberRoles(community.id, admin.userId)).toEqual(['resident', 'staff', 'admin']);
  });
});

describe('attack: accepting', () => {
  it('a member who already holds every role takes no use and loses no role; a member gaining a role keeps the others', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const richMember = await createMember(community.id, ['resident', 'merchant', 'maker'], 'rich');
    const merchantOnly = await createMember(community.id, ['merchant'], 'merchant');
    const residentInvite = await invite(admin.token, community.id, { roles: ['resident'] });
    const staffInvite = await invite(admin.token, community.id, { roles: ['staff'] });

    const noop = await send(contracts.acceptInvitation, {
      token: richMember.token,
      params: { code: residentInvite.body.code },
    });
    const usesAfterNoop = (await invitationItem(residentInvite.body.code))?.uses;
    const stranger = await newUser('stranger');
    const stillOpen = await send(contracts.acceptInvitation, {
      token: stranger.token,
      params: { code: residentInvite.body.code },
    });
    const gained = await send(contracts.acceptInvitation, {
      token: merchantOnly.token,
      params: { code: staffInvite.body.code },
    });
    const replay = await send(contracts.acceptInvitation, {
      token: merchantOnly.token,
      params: { code: staffInvite.body.code },
    });

    expect(noop.status).toBe(200);
    expect(usesAfterNoop).toBe(0);
    expect(await memberRoles(community.id, richMember.userId)).toEqual(['resident', 'merchant', 'maker']);
    expect(stillOpen.status).toBe(200);
    expect(gained.status).toBe(200);
    expect([...(await memberRoles(community.id, merchantOnly.userId))!].sort()).toEqual([
      'merchant',
      'resident',
      'staff',
    ]);
    // Replaying a used-up code: 410 whoever asks (even the one who used it).
    expect(replay.status).toBe(410);
    expect((await invitationItem(staffInvite.body.code))?.uses).toBe(1);
  });

  it('many racing for the last uses: exactly maxUses join, the rest get 410 (never 5xx), and uses never exceed maxUses', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const created = await invite(admin.token, community.id, { roles: ['resident'], maxUses: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, () => newUser('racer')));

    const replies = await Promise.all(
      people.map((person) =>
        send(contracts.acceptInvitation, { token: person.token, params: { code: created.body.code } }),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    const joined = (await Promise.all(people.map((person) => memberRoles(community.id, person.userId)))).filter(
      Boolean,
    ).length;

    expect(statuses).toEqual([200, 200, 200, 410, 410, 410, 410, 410]);
    expect(joined).toBe(3);
    expect((await invitationItem(created.body.code))?.uses).toBe(3);
  });

  it('one person double-submitting a multi-use invitation takes one use, not two', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const created = await invite(admin.token, community.id, { roles: ['resident'], maxUses: 2 });
    const person = await newUser('double');

    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        send(contracts.acceptInvitation, { token: person.token, params: { code: created.body.code } }),
      ),
    );
    const friend = await newUser('friend');
    const friendReply = await send(contracts.acceptInvitation, {
      token: friend.token,
      params: { code: created.body.code },
    });

    expect(replies.every((reply) => reply.status < 500)).toBe(true);
    expect(replies.some((reply) => reply.status === 200)).toBe(true);
    expect(friendReply.status).toBe(200);
    expect((await invitationItem(created.body.code))?.uses).toBe(2);
  });

  it('an invitation past its expiry is 410 and takes no use', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const created = await invite(admin.token, community.id, {
      roles: ['staff'],
      maxUses: 5,
      expiresAt: new Date(Date.now() + 2_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const person = await newUser('late');
    await sleep(2_500);

    const reply = await send(contracts.acceptInvitation, { token: person.token, params: { code: created.body.code } });

    expect(reply.status).toBe(410);
    expect(errorOf(reply)?.code).toBe('invitation.expired');
    expect(await memberRoles(community.id, person.userId)).toBeUndefined();
    expect((await invitationItem(created.body.code))?.uses).toBe(0);
  });

  it('a role change racing an acceptance: the loser gets 409 (a conflict to retry, not a 400), no write is lost, uses match the acceptances', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const outcomes: { accept: number; codes: (string | undefined)[]; set: number; roles: Role[]; uses: number }[] = [];
    for (let round = 0; round < 4; round += 1) {
      const member = await createMember(community.id, ['resident'], 'member');
      const created = await invite(admin.token, community.id, { roles: ['staff'] });
      const [accept, set] = await Promise.all([
        send(contracts.acceptInvitation, { token: member.token, params: { code: created.body.code } }),
        send(contracts.setMemberRoles, {
          token: admin.token,
          params: { cid: community.id, memberId: member.userId },
          body: { roles: ['resident', 'merchant'] },
        }),
      ]);
      outcomes.push({
        accept: accept.status,
        codes: [errorOf(accept)?.code, errorOf(set)?.code],
        set: set.status,
        roles: [...((await memberRoles(community.id, member.userId)) ?? [])].sort(),
        uses: Number((await invitationItem(created.body.code))?.uses),
      });
    }

    for (const outcome of outcomes) {
      const statusesOk = [outcome.accept, outcome.set].every((status) => status === 200 || status === 409);
      expect(statusesOk ? 'ok' : outcome).toBe('ok');
      expect(outcome.uses).toBe(outcome.accept === 200 ? 1 : 0);
      if (outcome.accept === 200 && outcome.set !== 200) expect(outcome.roles).toEqual(['resident', 'staff']);
      if (outcome.set === 200 && outcome.accept !== 200) expect(outcome.roles).toEqual(['merchant', 'resident']);
      if (outcome.set === 200 && outcome.accept === 200) {
        expect([
          ['merchant', 'resident'],
          ['merchant', 'resident', 'staff'],
        ]).toContainEqual(outcome.roles);
      }
    }
  });

  it('the audit trail does not carry a usable invitation code (it is redacted as "abcd…")', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const created = await invite(admin.token, community.id, { roles: ['admin'], maxUses: 10 });
    const code = created.body.code;

    const entries = (await auditEntries(community.id)).filter((entry) => entry.action === 'invitation.create');
    const viaApi = await send(contracts.listAudit, { token: admin.token, params: { cid: community.id } });

    expect(entries).toHaveLength(1);
    expect(viaApi.status).toBe(200);
    expect(JSON.stringify(viaApi.body)).not.toContain(code);
    expect(JSON.stringify(entries[0])).not.toContain(code);
  });
});

describe('attack: community settings', () => {
  it('a rename at the same time as a rule change keeps both (name, currency and office are not written back from a stale read)', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 6 }, async (_unused, index) => {
        const community = await createCommunity({ office: { address: '旧地址', phone: '010-1234567' } });
        const adminA = await createMember(community.id, ['resident', 'staff', 'admin'], 'admina');
        const adminB = await createMember(community.id, ['resident', 'staff', 'admin'], 'adminb');
        const params = { cid: community.id };
        const replies = await Promise.all([
          send(contracts.updateCommunity, { token: adminA.token, params, body: { name: `新名字${index}` } }),
          send(contracts.updateCommunity, {
            token: adminB.token,
            params,
            body: { rules: { pointsPerHour: 40 + index } },
          }),
          send(contracts.updateCommunity, { token: adminA.token, params, body: { currencyName: `新币${index}` } }),
          send(contracts.updateCommunity, {
            token: adminB.token,
            params,
            body: { office: { address: `新地址${index}`, phone: '010-7654321' } },
          }),
        ]);
        const stored = (await send(contracts.getCommunity, { params })).body;
        return { index, statuses: replies.map((reply) => reply.status), stored };
      }),
    );

    for (const { index, statuses, stored } of rounds) {
      expect(statuses).toEqual([200, 200, 200, 200]);
      expect({
        name: stored.name,
        currencyName: stored.currencyName,
        pointsPerHour: stored.rules.pointsPerHour,
        office: stored.office?.address,
      }).toEqual({
        name: `新名字${index}`,
        currencyName: `新币${index}`,
        pointsPerHour: 40 + index,
        office: `新地址${index}`,
      });
    }
  });

  it('removing a category that activities use leaves them readable, listable and editable (title only)', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const staff = await createMember(community.id, ['resident', 'staff'], 'staff');
    const resident = await createMember(community.id, ['resident'], 'resident');
    const params = { cid: community.id };
    const activity = await send(contracts.createActivity, {
      token: staff.token,
      params,
      body: { title: '扫雪', category: 'snow', startsAt: isoIn(60), endsAt: isoIn(120) },
    });
    expect(activity.status).toBe(201);
    const removed = await send(contracts.updateCommunity, {
      token: admin.token,
      params,
      body: { rules: { activityCategories: [{ id: 'gardening', label: '绿化养护' }] } },
    });

    const read = await send(contracts.getActivity, {
      token: resident.token,
      params: { ...params, aid: activity.body.id },
    });
    const list = await send(contracts.listActivities, { token: resident.token, params });
    const retitled = await send(contracts.updateActivity, {
      token: staff.token,
      params: { ...params, aid: activity.body.id },
      body: { title: '扫雪（改）' },
    });
    const moved = await send(contracts.updateActivity, {
      token: staff.token,
      params: { ...params, aid: activity.body.id },
      body: { category: 'gardening' },
    });
    const backToRemoved = await send(contracts.updateActivity, {
      token: staff.token,
      params: { ...params, aid: activity.body.id },
      body: { category: 'snow' },
    });

    expect(removed.status).toBe(200);
    expect(read.status).toBe(200);
    expect(read.body.category).toBe('snow');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain(activity.body.id);
    expect(retitled.status).toBe(200);
    expect(moved.status).toBe(200);
    expect(backToRemoved.status).toBe(400);
    expect(errorOf(backToRemoved)?.code).toBe('activity.category_unknown');
  });

  it('a category id that is an Object.prototype name ("constructor") is unknown unless the community defines it', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['resident', 'staff', 'admin'], 'admin');
    const params = { cid: community.id };
    const make = (category: string) =>
      send(contracts.createActivity, {
        token: admin.token,
        params,
        body: { title: '活动', category, startsAt: isoIn(60), endsAt: isoIn(120) },
      });

    const before = await make('constructor');
    const defined = await send(contracts.updateCommunity, {
      token: admin.token,
      params,
      body: {
        rules: {
          activityCategories: [
            { id: 'constructor', label: '建设' },
            { id: 'tostring', label: '其他' },
          ],
        },
      },
    });
    const after = await make('constructor');
    const oldDefault = await make('care');

    expect(before.status).toBe(400);
    expect(errorOf(before)?.code).toBe('activity.category_unknown');
    expect(defined.status).toBe(200);
    expect(after.status).toBe(201);
    expect(oldDefault.status).toBe(400);
  });
});

describe('attack: a community started over the API is whole', () => {
  it('a new community is listed, and every read route of it answers its admin without a 5xx (no half-built community)', async () => {
    const op = await operator();
    const id = slug();
    const created = await send(contracts.createCommunity, {
      token: op.token,
      body: { id, name: '新社区', currencyName: '新币' },
    });
    const openid = `adm-${randomUUID().slice(0, 8)}`;
    const named = await send(contracts.setCommunityAdmin, { token: op.token, params: { cid: id }, body: { openid } });
    const namedAgain = await send(contracts.setCommunityAdmin, {
      token: op.token,
      params: { cid: id },
      body: { openid },
    });
    const admin = await login(openid);
    const listed = await send(contracts.listCommunities);
    // Every read route of a community that takes no other path parameter, from the contracts.
    const readRoutes = Object.entries(contracts).filter(
      ([, contract]) =>
        contract.method === 'GET' &&
        contract.path.startsWith('/v1/communities/{cid}') &&
        (contract.path.match(/\{/g) ?? []).length === 1,
    );
    const reads = await Promise.all(
      readRoutes.map(
        async ([name, contract]) =>
          [name, (await send(contract as never, { params: { cid: id }, token: admin.token } as never)).status] as const,
      ),
    );

    expect(created.status).toBe(201);
    expect(named.status).toBe(200);
    expect(namedAgain.status).toBe(200);
    expect([...namedAgain.body.member.roles].sort()).toEqual(['admin', 'resident', 'staff']);
    expect(listed.body.items.map((community) => community.id)).toContain(id);
    expect(reads.length).toBeGreaterThan(20);
    expect(reads.filter(([, status]) => status >= 500)).toEqual([]);
  });
});
