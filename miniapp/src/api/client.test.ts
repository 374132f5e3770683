import Taro from '@tarojs/taro';
import { contracts } from '@linli/shared';
import { currentCommunityId, loginReturn, sessionInfo, sessionToken, signIn } from '../state/session';
import { aCommunity } from '../../test/factories';
import { ApiError, queryString, request } from '.';
import { startEarlyRead } from './client';
import type { HeadReads } from '../../config/first-reads';

const fakeRequest = jest.mocked(Taro.request);

function answer(statusCode: number, data: unknown) {
  fakeRequest.mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: 'request:ok' } as never);
}

function sentOptions(): Taro.request.Option {
  return fakeRequest.mock.calls[0]?.[0] as Taro.request.Option;
}

describe('request', () => {
  beforeEach(() => {
    sessionToken.clear();
    currentCommunityId.clear();
  });

  it('fills the path, sends the token and returns the typed answer', async () => {
    sessionToken.set('token-1');
    answer(200, aCommunity());

    const community = await request(contracts.getCommunity, { params: { cid: 'demo' } });

    expect(community.currencyName).toBe('志愿积分');
    expect(sentOptions()).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo',
      method: 'GET',
      header: { Authorization: 'Bearer token-1' },
    });
    expect(sentOptions().header).not.toHaveProperty('Idempotency-Key');
  });

  it('sends a JSON body with a fresh Idempotency-Key on mutations', async () => {
    answer(200, { token: 't', expiresAt: '2025-01-01T00:00:00.000Z', user: { id: 'u1', nickname: 'n' } });

    await request(contracts.devLogin, { body: { openid: 'demo-resident' } });

    const sent = sentOptions();
    expect(sent.data).toEqual({ openid: 'demo-resident' });
    expect(sent.header).toMatchObject({ 'Content-Type': 'application/json' });
    expect(sent.header?.Authorization).toBeUndefined();
    expect(sent.header?.['Idempotency-Key']).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
  });

  it('turns an error body into an ApiError with status, code, message and details', async () => {
    sessionToken.set('token-1');
    answer(409, { error: { code: 'ledger.insufficient_funds', message: '积分不足', details: { balancePoints: 1 } } });

    const failure = await request(contracts.joinCommunity, { params: { cid: 'demo' } }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 409,
      code: 'ledger.insufficient_funds',
      message: '积分不足',
      details: { balancePoints: 1 },
    });
  });

  it('names an answer without an error body after its status', async () => {
    answer(502, '<html>Bad gateway</html>');

    await expect(request(contracts.listCommunities)).rejects.toMatchObject({ status: 502, code: 'http.502' });
  });

  it('reports a network failure as status 0', async () => {
    fakeRequest.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });

    await expect(request(contracts.listCommunities)).rejects.toMatchObject({ status: 0, code: 'network.unreachable' });
  });

  it('forgets the session and goes to login on 401', async () => {
    sessionToken.set('expired');
    currentCommunityId.set('demo');
    answer(401, { error: { code: 'auth.invalid_token', message: 'Log in again' } });

    await expect(request(contracts.getMe, { params: { cid: 'demo' } })).rejects.toMatchObject({ status: 401 });

    expect(sessionToken.get()).toBeNull();
    expect(currentCommunityId.get()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});

describe('an ending session (issue 21)', () => {
  const login = (userId: string) => ({
    token: `token-${userId}`,
    expiresAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
    user: { id: userId, nickname: 'n' },
  });

  beforeEach(() => {
    sessionToken.clear();
    sessionInfo.clear();
    loginReturn.clear();
    currentCommunityId.clear();
    jest.mocked(Taro.reLaunch).mockClear();
    fakeRequest.mockReset();
  });

  it('renews a token about to expire, once for requests made together, before sending them', async () => {
    sessionToken.set('old');
    sessionInfo.set({ userId: 'u1', expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() });
    answer(200, { token: 'new', expiresAt: new Date(Date.now() + 2 * 3600_000).toISOString() });
    answer(200, { items: [] });
    answer(200, { items: [] });

    await Promise.all([request(contracts.listCommunities), request(contracts.listCommunities)]);

    const urls = fakeRequest.mock.calls.map(([options]) => (options as Taro.request.Option).url);
    expect(urls.filter((url) => url.endsWith('/v1/auth/refresh'))).toHaveLength(1);
    expect(urls[0]).toMatch(/\/v1\/auth\/refresh$/);
    expect(
      fakeRequest.mock.calls.slice(1).map(([options]) => (options as Taro.request.Option).header?.Authorization),
    ).toEqual(['Bearer new', 'Bearer new']);
    expect(sessionToken.get()).toBe('new');
  });

  it('leaves a token far from expiry alone', async () => {
    sessionToken.set('fresh');
    sessionInfo.set({ userId: 'u1', expiresAt: new Date(Date.now() + 90 * 60_000).toISOString() });
    answer(200, { items: [] });

    await request(contracts.listCommunities);

    expect(fakeRequest).toHaveBeenCalledTimes(1);
  });

  it('on 401 goes to login once, however many requests fail, remembering where and why', async () => {
    signIn(login('u1'));
    currentCommunityId.set('demo');
    const expired = { error: { code: 'auth.token_expired', message: 'expired' } };
    answer(401, expired);
    answer(401, expired);

    await Promise.allSettled([
      request(contracts.getMe, { params: { cid: 'demo' } }),
      request(contracts.getMe, { params: { cid: 'demo' } }),
    ]);

    expect(Taro.reLaunch).toHaveBeenCalledTimes(1);
    expect(loginReturn.get()).toMatchObject({ reason: 'auth.token_expired', communityId: 'demo', userId: 'u1' });
  });

  it('brings the same person back to their page and community; someone else starts afresh', () => {
    loginReturn.set({ url: '/volunteer/pages/activity/index?id=a1', communityId: 'demo', userId: 'u1', reason: 'x' });
    expect(signIn(login('u1'))).toBe('/volunteer/pages/activity/index?id=a1');
    expect(currentCommunityId.get()).toBe('demo');

    loginReturn.set({ url: '/volunteer/pages/activity/index?id=a1', communityId: 'demo', userId: 'u1', reason: 'x' });
    expect(signIn(login('u2'))).toBeNull();
    expect(currentCommunityId.get()).toBeNull();
    expect(loginReturn.get()).toBeNull();
  });
});

describe('queryString', () => {
  it('encodes the values and leaves out the undefined ones', () => {
    expect(queryString({ status: 'pending', cursor: undefined })).toBe('?status=pending');
    expect(queryString({ cursor: 'a b/c=' })).toBe('?cursor=a%20b%2Fc%3D');
    expect(queryString({ cursor: undefined })).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('is added to the URL by request', async () => {
    sessionToken.set('token-1');
    answer(200, { items: [], nextCursor: null });

    await request(contracts.listClaims, { params: { cid: 'demo' }, query: { status: 'pending', cursor: 'c1' } });

    expect(sentOptions().url).toBe('https://api.linli.test/v1/communities/demo/claims?status=pending&cursor=c1');
  });
});

describe('queries follow the route contract', () => {
  it('sends the query a route declares (my hours by status)', async () => {
    sessionToken.set('token-1');
    answer(200, { items: [], nextCursor: null });

    await request(contracts.listMyClaims, { params: { cid: 'demo' }, query: { status: 'approved' } });

    expect(sentOptions().url).toBe('https://api.linli.test/v1/communities/demo/me/claims?status=approved');
  });

  it('refuses, before sending, a query key or value the contract does not declare', async () => {
    sessionToken.set('token-1');
    answer(200, { items: [], nextCursor: null });
    const sent = jest.mocked(Taro.request).mock.calls.length;

    await expect(
      // @ts-expect-error -- `colour` is not a query of listMyClaims: the type says so before the server does
      request(contracts.listMyClaims, { params: { cid: 'demo' }, query: { colour: 'red' } }),
    ).rejects.toMatchObject({ status: 400, code: 'request.validation_failed' });
    await expect(
      // @ts-expect-error -- `maybe` is not a claim status
      request(contracts.listMyClaims, { params: { cid: 'demo' }, query: { status: 'maybe' } }),
    ).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(
      // @ts-expect-error -- getMe declares no query at all
      request(contracts.getMe, { params: { cid: 'demo' }, query: { cursor: 'x' } }),
    ).rejects.toMatchObject({ code: 'request.validation_failed' });

    expect(jest.mocked(Taro.request).mock.calls.length).toBe(sent);
  });
});

describe('reads started early (issue 21: the first screen)', () => {
  beforeEach(() => {
    sessionToken.clear();
    sessionInfo.clear();
    currentCommunityId.clear();
    fakeRequest.mockReset();
  });

  it('gives the page the answer of the read started at app start, without asking twice', async () => {
    sessionToken.set('early-1');
    answer(200, aCommunity());

    startEarlyRead('/v1/communities/demo');
    const community = await request(contracts.getCommunity, { params: { cid: 'demo' } });

    expect(community.currencyName).toBe('志愿积分');
    expect(fakeRequest).toHaveBeenCalledTimes(1);
    expect(sentOptions()).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo',
      method: 'GET',
      header: { Authorization: 'Bearer early-1' },
    });
  });

  it('is taken once: the next request of the same route asks the server', async () => {
    sessionToken.set('early-2');
    answer(200, aCommunity());
    answer(200, aCommunity({ currencyName: '时间币' }));

    startEarlyRead('/v1/communities/demo');
    await request(contracts.getCommunity, { params: { cid: 'demo' } });
    const again = await request(contracts.getCommunity, { params: { cid: 'demo' } });

    expect(again.currencyName).toBe('时间币');
    expect(fakeRequest).toHaveBeenCalledTimes(2);
  });

  it('is not given to another identity or another address', async () => {
    sessionToken.set('early-3');
    answer(200, aCommunity());
    answer(200, aCommunity({ currencyName: '别人的' }));
    answer(200, aCommunity({ currencyName: '另一个' }));

    startEarlyRead('/v1/communities/demo');
    sessionToken.set('early-3b');
    const asOther = await request(contracts.getCommunity, { params: { cid: 'demo' } });
    sessionToken.set('early-3');
    const elsewhere = await request(contracts.getCommunity, { params: { cid: 'other' } });

    expect(asOther.currencyName).toBe('别人的');
    expect(elsewhere.currencyName).toBe('另一个');
    expect(fakeRequest.mock.calls[1]?.[0]).toMatchObject({ header: { Authorization: 'Bearer early-3b' } });
  });

  it('hands its failure to the page as the page’s own (401 ends the session once)', async () => {
    sessionToken.set('early-4');
    answer(401, { error: { code: 'auth.expired', message: '登录已过期' } });

    startEarlyRead('/v1/communities/demo');
    const failure = await request(contracts.getCommunity, { params: { cid: 'demo' } }).catch((error) => error);

    expect(failure).toMatchObject({ status: 401, code: 'auth.expired' });
    expect(sessionToken.get()).toBeNull();
    expect(fakeRequest).toHaveBeenCalledTimes(1);
  });

  it('takes what the page’s head script started, once, and starts nothing twice (H5)', async () => {
    sessionToken.set('early-5');
    const header = { Accept: 'application/json', Authorization: 'Bearer early-5' };
    const url = 'https://api.linli.test/v1/communities/demo';
    const fromHead = { statusCode: 200, data: aCommunity({ currencyName: '头里的' }), header: {} };
    (window as unknown as { __linliHeadReads: HeadReads }).__linliHeadReads = {
      [`${url}\n${JSON.stringify(header)}`]: { startedAt: Date.now(), answer: Promise.resolve(fromHead) },
    };
    answer(200, aCommunity({ currencyName: '再问的' }));

    startEarlyRead('/v1/communities/demo');
    const first = await request(contracts.getCommunity, { params: { cid: 'demo' } });
    const second = await request(contracts.getCommunity, { params: { cid: 'demo' } });

    expect(first.currencyName).toBe('头里的');
    expect(second.currencyName).toBe('再问的');
    expect(fakeRequest).toHaveBeenCalledTimes(1);
    delete (window as unknown as { __linliHeadReads?: HeadReads }).__linliHeadReads;
  });
});
