import {
  InMemoryCommunityStore,
  InMemoryUserStore,
  communityFactory,
  memberFactory,
} from '../../../test/in-memory-stores';
import { runInScope } from '../../lib/request-scope';
import { requireAdmin, requireMember, requireStaff } from './authorization';
import { findMembers, getMe, joinCommunity, setMemberRoles, updateCommunity } from './communities';
import { loginWithOpenid, loginWithWechatCode } from './login';

const tokens = {
  issue: async (userId: string) => ({ token: `token-for-${userId}`, expiresAt: '2030-01-01T00:00:00.000Z' }),
};

describe('login', () => {
  it('creates a user on first login and finds it afterwards', async () => {
    const users = new InMemoryUserStore();

    const first = await loginWithOpenid({ openid: 'o-1', nickname: '小王' }, { users, tokens });
    const second = await loginWithOpenid({ openid: 'o-1' }, { users, tokens });

    expect(second.user).toEqual(first.user);
    expect(first.user.nickname).toBe('小王');
    expect(users.users.size).toBe(1);
  });

  it('keeps the WeChat session key on the server only', async () => {
    const users = new InMemoryUserStore();
    const wechat = { code2Session: async () => ({ openid: 'wx-1', sessionKey: 'secret-session-key' }) };

    const response = await loginWithWechatCode({ code: 'c' }, { users, tokens, wechat });

    expect(JSON.stringify(response)).not.toContain('secret-session-key');
    expect(users.sessions.get(response.user.id)).toBe('secret-session-key');
  });
});

describe('communities', () => {
  const setup = () => {
    const communities = new InMemoryCommunityStore();
    communities.communities.set('zirui', communityFactory());
    communities.communities.set('nanhu', communityFactory({ id: 'nanhu', currencyName: 'CCS' }));
    return communities;
  };

  it('joins once; a second join returns the same membership', async () => {
    const communities = setup();

    const first = await joinCommunity({ communityId: 'zirui', userId: 'u', displayName: '刘' }, communities);
    const second = await joinCommunity({ communityId: 'zirui', userId: 'u', displayName: '刘' }, communities);

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.member).toEqual(first.member);
  });

  it('finds a member by the number they read out, first on the first page, and by name as before', async () => {
    const communities = setup();
    for (const [userId, displayName] of [
      ['u1', '刘大爷'],
      ['u2', '王阿姨'],
      ['u3', '刘1002'],
    ]) {
      await joinCommunity({ communityId: 'zirui', userId: userId!, displayName: displayName! }, communities);
    }
    // The fake's listing filters nothing: what the number adds is the member it names, first and once.
    const names = async (q: string, cursor?: string) =>
      (await findMembers({ communityId: 'zirui', q, cursor }, communities)).items.map((member) => member.displayName);

    expect(await names('1002')).toEqual(['王阿姨', '刘大爷', '刘1002']);
    expect(await names('No. 1002')).toEqual(['王阿姨', '刘大爷', '刘1002']);
    // Further pages are the listing's own; a number nobody has adds nothing.
    expect(await names('1002', 'next-page')).toEqual(['刘大爷', '王阿姨', '刘1002']);
    expect(await names('1999')).toEqual(['刘大爷', '王阿姨', '刘1002']);
    expect(
      (await joinCommunity({ communityId: 'nanhu', userId: 'u1', displayName: '刘' }, communities)).member,
    ).toMatchObject({ memberNo: 1001 });
  });

  it('refuses to join a community that does not exist', async () => {
    await expect(
      joinCommunity({ communityId: 'nowhere', userId: 'u', displayName: 'x' }, setup()),
    ).rejects.toMatchObject({
      code: 'community.not_found',
    });
  });

  it('shows "me" only to members', async () => {
    const communities = setup();
    communities.members.set('zirui/u', memberFactory({ userId: 'u' }));

    expect((await getMe('zirui', 'u', communities)).community.id).toBe('zirui');
    await expect(getMe('nanhu', 'u', communities)).rejects.toMatchObject({ code: 'auth.not_a_member' });
  });

  it('merges a partial rules update', async () => {
    const communities = setup();

    const updated = await updateCommunity(
      { communityId: 'zirui', patch: { rules: { pointsPerHour: 2 } } },
      communities,
    );

    expect(updated.rules).toEqual({ ...communityFactory().rules, pointsPerHour: 2 });
  });
});

describe('authorization is per community', () => {
  const communities = new InMemoryCommunityStore();
  communities.communities.set('zirui', communityFactory());
  communities.communities.set('nanhu', communityFactory({ id: 'nanhu' }));
  communities.members.set('zirui/staff', memberFactory({ userId: 'staff', roles: ['staff'] }));
  communities.members.set('zirui/admin', memberFactory({ userId: 'admin', roles: ['admin'] }));
  communities.members.set('zirui/resident', memberFactory({ userId: 'resident' }));

  it('lets staff act as staff in their own community only', async () => {
    await expect(requireStaff(communities, 'zirui', 'staff')).resolves.toMatchObject({ userId: 'staff' });
    await expect(requireStaff(communities, 'nanhu', 'staff')).rejects.toMatchObject({ code: 'auth.not_a_member' });
  });

  it('refuses a resident a staff action and staff an admin action', async () => {
    await expect(requireStaff(communities, 'zirui', 'resident')).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(requireAdmin(communities, 'zirui', 'staff')).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(requireMember(communities, 'zirui', 'resident')).resolves.toBeTruthy();
  });

  it('answers 404 rather than 403 for a community that does not exist', async () => {
    await expect(requireMember(communities, 'atlantis', 'staff')).rejects.toMatchObject({
      code: 'community.not_found',
    });
  });

  it('does not let an admin drop their own admin role, nor change their own roles otherwise', async () => {
    await expect(
      setMemberRoles({ communityId: 'zirui', actorId: 'admin', memberId: 'admin', roles: ['staff'] }, communities),
    ).rejects.toMatchObject({ code: 'member.last_admin' });
    await expect(
      setMemberRoles(
        { communityId: 'zirui', actorId: 'admin', memberId: 'admin', roles: ['admin', 'maker'] },
        communities,
      ),
    ).rejects.toMatchObject({ code: 'auth.conflict_of_interest' });
  });

  it('counts only resident rights while a proxy acts for the member (X-Act-For)', async () => {
    communities.members.set('zirui/maker', memberFactory({ userId: 'maker', roles: ['resident', 'maker', 'staff'] }));
    const proxied = <T>(work: () => Promise<T>) =>
      runInScope({ requestId: 'r', actorId: 'family', onBehalfOf: 'maker', communityId: 'zirui' }, work);

    await expect(requireMember(communities, 'zirui', 'maker', ['maker'])).resolves.toMatchObject({ userId: 'maker' });
    await expect(proxied(() => requireMember(communities, 'zirui', 'maker', ['maker']))).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(proxied(() => requireStaff(communities, 'zirui', 'maker'))).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(proxied(() => requireMember(communities, 'zirui', 'maker'))).resolves.toMatchObject({
      roles: ['resident'],
    });
  });
});
