import { contracts, type FieldError } from '@linli/shared';
import { issueToken } from '../../functions/src/lib/token';
import { errorOf, login, newUser, send, type SendOptions } from '../support/api';
import { createCommunity, createMember } from '../support/factories';

describe('identity and communities over HTTP (serverless-offline + DynamoDB Local)', () => {
  it('serves the demo community publicly', async () => {
    const reply = await send(contracts.getCommunity, { params: { cid: 'demo' } });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: 'demo',
      currencyName: '志愿积分',
      rules: { pointsPerHour: 1, certificateThresholdPoints: 3, fundShareBps: 2000 },
    });
    expect(reply.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 404 in the error format for an unknown community', async () => {
    const reply = await send(contracts.getCommunity, { params: { cid: 'no-such-place' } });

    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error: { code: 'community.not_found', message: expect.any(String) } });
  });

  it('logs in with the dev login, joins once, and shows "me"', async () => {
    const first = await send(contracts.devLogin, { body: { openid: 'it-join-1', nickname: '小周' } });
    const again = await send(contracts.devLogin, { body: { openid: 'it-join-1' } });
    expect(first.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    const token = first.body.token;

    const joined = await send(contracts.joinCommunity, { params: { cid: 'demo' }, token });
    const joinedAgain = await send(contracts.joinCommunity, { params: { cid: 'demo' }, token });
    const me = await send(contracts.getMe, { params: { cid: 'demo' }, token });

    expect(joined.status).toBe(201);
    expect(joinedAgain.status).toBe(200);
    expect(joinedAgain.body.member).toEqual(joined.body.member);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      member: { id: first.body.user.id, roles: ['resident'], displayName: '小周' },
      community: { id: 'demo', currencyName: '志愿积分' },
      balancePoints: 0,
      certificate: null,
    });
  });

  it('lets concurrent first logins of one openid create exactly one user', async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => send(contracts.devLogin, { body: { openid: 'it-race-1' } })),
    );

    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect(new Set(replies.map((reply) => reply.body.user.id)).size).toBe(1);
  });

  it('lists the communities a user joined', async () => {
    const user = await newUser('mine');
    await send(contracts.joinCommunity, { params: { cid: 'demo' }, token: user.token });

    const reply = await send(contracts.listMyCommunities, { token: user.token });

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((item) => item.community.id)).toEqual(['demo']);
    // Each with the caller's balance there, for switching between communities.
    expect(reply.body.items[0]!.balancePoints).toBe(0);
  });
});

describe('authentication: no data without a valid token', () => {
  const secret = () => process.env.JWT_SECRET as string;
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['no token', undefined, 'auth.unauthenticated'],
    ['garbage', 'not-a-token', 'auth.token_invalid'],
    [
      'forged signature',
      `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'x', iat: 1, exp: 9999999999, iss: 'linli', aud: 'linli-api' })}.AAAA`,
      'auth.token_invalid',
    ],
    [
      'alg none',
      `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', iat: 1, exp: 9999999999, iss: 'linli', aud: 'linli-api' })}.x`,
      'auth.token_invalid',
    ],
  ])('%s → 401', async (_case, token, code) => {
    const reply = await send(contracts.getMe, { params: { cid: 'demo' }, ...(token ? { token } : {}) });

    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: { code } });
    expect(JSON.stringify(reply.body)).not.toContain('balancePoints');
  });

  it('expired token → 401 auth.token_expired', async () => {
    const { userId } = await login('demo-admin');
    const { token } = issueToken(userId, secret(), 60, Math.floor(Date.now() / 1000) - 3600);

    const reply = await send(contracts.getMe, { params: { cid: 'demo' }, token });

    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: { code: 'auth.token_expired' } });
  });

  it('token signed with another secret → 401', async () => {
    const { userId } = await login('demo-admin');
    const { token } = issueToken(userId, 'another-secret-that-is-long-enough-0123456789', 600);

    expect((await send(contracts.getMe, { params: { cid: 'demo' }, token })).status).toBe(401);
  });
});

describe('roles are checked per community', () => {
  it('lets the demo admin set roles, and no one else', async () => {
    const admin = await login('demo-admin');
    const staff = await login('demo-staff');
    const resident = await newUser('resident');
    await send(contracts.joinCommunity, { params: { cid: 'demo' }, token: resident.token });
    const params = { cid: 'demo', memberId: resident.userId };

    const byResident = await send(contracts.setMemberRoles, {
      params,
      token: resident.token,
      body: { roles: ['admin'] },
    });
    const byStaff = await send(contracts.setMemberRoles, {
      params,
      token: staff.token,
      body: { roles: ['staff'] },
    });
    const byAdmin = await send(contracts.setMemberRoles, {
      params,
      token: admin.token,
      body: { roles: ['resident', 'maker'] },
    });
    const me = await send(contracts.getMe, { params: { cid: 'demo' }, token: resident.token });

    expect(byResident.status).toBe(403);
    expect(byStaff.status).toBe(403);
    expect(byAdmin.status).toBe(200);
    expect(me.body.member.roles).toEqual(['resident', 'maker']);
  });

  it('gives an admin of another community no power here', async () => {
    const other = await createCommunity();
    const otherAdmin = await createMember(other.id, ['admin', 'staff'], 'other-admin');
    const resident = await newUser('resident');
    await send(contracts.joinCommunity, { params: { cid: 'demo' }, token: resident.token });

    const setRoles = await send(contracts.setMemberRoles, {
      params: { cid: 'demo', memberId: resident.userId },
      token: otherAdmin.token,
      body: { roles: ['admin'] },
    });
    const patch = await send(contracts.updateCommunity, {
      params: { cid: 'demo' },
      token: otherAdmin.token,
      body: { name: 'taken' },
    });
    const me = await send(contracts.getMe, { params: { cid: 'demo' }, token: otherAdmin.token });
    const ownPatch = await send(contracts.updateCommunity, {
      params: { cid: other.id },
      token: otherAdmin.token,
      body: { currencyName: '凤凰币' },
    });

    expect(setRoles.status).toBe(403);
    expect(setRoles.body).toMatchObject({ error: { code: 'auth.not_a_member' } });
    expect(patch.status).toBe(403);
    expect(me.status).toBe(403);
    expect(ownPatch.status).toBe(200);
    expect(ownPatch.body.currencyName).toBe('凤凰币');
    expect((await send(contracts.getCommunity, { params: { cid: 'demo' } })).body.name).toBe('邻里示范社区');
  });

  it('refuses an admin removing their own admin role', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin'], 'admin');

    const reply = await send(contracts.setMemberRoles, {
      params: { cid: community.id, memberId: admin.userId },
      token: admin.token,
      body: { roles: ['resident'] },
    });

    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'member.last_admin' } });
  });
});

describe('bad input is a 4xx JSON error and changes nothing', () => {
  it.each<[string, SendOptions<typeof contracts.devLogin>, string]>([
    [
      'malformed JSON',
      { rawBody: '{"openid": ', headers: { 'content-type': 'application/json' } },
      'request.malformed_json',
    ],
    ['wrong type', { invalidBody: { openid: 42 } }, 'request.validation_failed'],
    ['extra field', { invalidBody: { openid: 'ok-user', balancePoints: 1000 } }, 'request.validation_failed'],
    ['empty body', {}, 'request.validation_failed'],
    [
      'not JSON',
      { rawBody: 'openid=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'request.unsupported_media_type',
    ],
    ['too large', { body: { openid: 'x', nickname: 'y'.repeat(70_000) } }, 'request.too_large'],
  ])('%s', async (_case, options, code) => {
    const reply = await send(contracts.devLogin, options);

    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body).toMatchObject({ error: { code, message: expect.any(String) } });
  });

  it('names every failing field', async () => {
    const admin = await login('demo-admin');

    const reply = await send(contracts.updateCommunity, {
      params: { cid: 'demo' },
      token: admin.token,
      invalidBody: { rules: { pointsPerHour: -1, fundShareBps: 1.5 }, status: 'closed' },
    });

    expect(reply.status).toBe(400);
    const { fields } = errorOf(reply)?.details as { fields: FieldError[] };
    expect(fields.map((field) => field.path).sort()).toEqual(
      ['(root)', 'rules.fundShareBps', 'rules.pointsPerHour'].sort(),
    );
    expect((await send(contracts.getCommunity, { params: { cid: 'demo' } })).body.rules.pointsPerHour).toBe(1);
  });

  it('rejects a bad community id in the path with 400', async () => {
    const reply = await send(contracts.getCommunity, { params: { cid: 'DROP TABLE;' } });

    expect(reply.status).toBe(400);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, refuses another body', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin'], 'admin');
    const params = { cid: community.id };
    const headers = { 'idempotency-key': `key-${community.id}` };

    const first = await send(contracts.updateCommunity, {
      params,
      token: admin.token,
      headers,
      body: { name: '第一次' },
    });
    await send(contracts.updateCommunity, {
      params,
      token: admin.token,
      body: { name: '之间' },
    });
    const replay = await send(contracts.updateCommunity, {
      params,
      token: admin.token,
      headers,
      body: { name: '第一次' },
    });
    const reused = await send(contracts.updateCommunity, {
      params,
      token: admin.token,
      headers,
      body: { name: '别的' },
    });

    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(reused.status).toBe(422);
    expect((await send(contracts.getCommunity, { params: { cid: community.id } })).body.name).toBe('之间');
  });

  it('rejects a malformed key', async () => {
    const user = await newUser();

    const reply = await send(contracts.joinCommunity, {
      params: { cid: 'demo' },
      token: user.token,
      headers: { 'idempotency-key': 'x' },
    });

    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'idempotency.key_invalid' } });
  });
});

describe('finding a member (issue 21: the search covered only the rows loaded)', () => {
  it('finds a member by part of their name or by id among all members, not only the first page', async () => {
    const community = await createCommunity();
    const staff = await createMember(community.id, ['staff'], 'staff');
    const crowd = await Promise.all(
      Array.from({ length: 60 }, () => createMember(community.id, ['resident'], 'crowd')),
    );
    const last = await createMember(community.id, ['resident'], 'granny');
    const search = (q: string) =>
      send(contracts.listMembers, { params: { cid: community.id }, query: { q }, token: staff.token });

    const firstPage = await send(contracts.listMembers, { params: { cid: community.id }, token: staff.token });
    const byName = await search('granny');
    const byId = await search(crowd[7]!.userId);
    const none = await search('没有这个人');
    const blank = await send(contracts.listMembers, {
      params: { cid: community.id },
      invalidQuery: { q: '   ' },
      token: staff.token,
    });

    expect(firstPage.body.items.map((member) => member.id)).not.toContain(last.userId);
    expect(byName.body.items.map((member) => member.id)).toEqual([last.userId]);
    expect(byId.body.items.map((member) => member.id)).toEqual([crowd[7]!.userId]);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    expect(blank.status).toBe(400);
  });
});

describe('the currency’s English name (issue 21: English mode showed the Chinese name)', () => {
  it('the admin names it; everyone reads it with the community; too long is refused and changes nothing', async () => {
    const community = await createCommunity();
    const admin = await createMember(community.id, ['admin', 'staff'], 'admin');
    const resident = await createMember(community.id, ['resident'], 'resident');
    const update = (body: Record<string, unknown>) =>
      send(contracts.updateCommunity, { params: { cid: community.id }, token: admin.token, invalidBody: body });

    const named = await update({ currencyNameEn: 'Volunteer points' });
    const tooLong = await update({ currencyNameEn: 'x'.repeat(25) });
    const read = await send(contracts.getCommunity, { params: { cid: community.id }, token: resident.token });

    expect(named.status).toBe(200);
    expect(tooLong.status).toBe(400);
    expect(read.body).toMatchObject({ currencyName: community.currencyName, currencyNameEn: 'Volunteer points' });
  });
});
