import Taro from '@tarojs/taro';
import { currentCommunityId, sessionInfo, sessionToken } from '../state/session';
import { ROUTES } from '../route-table';
import { landingRoute, startFirstReads } from './first-reads';

const fakeRequest = jest.mocked(Taro.request);
const sentUrls = () => fakeRequest.mock.calls.map(([options]) => (options as Taro.request.Option).url);

describe('the first screen’s reads, started at app start (issue 21)', () => {
  beforeEach(() => {
    sessionToken.clear();
    sessionInfo.clear();
    currentCommunityId.clear();
    fakeRequest.mockReset();
    fakeRequest.mockResolvedValue({ statusCode: 200, data: {}, header: {}, errMsg: 'request:ok' } as never);
    window.location.hash = '';
  });

  it('reads the landing page from the address, 首页 when there is none', () => {
    expect(landingRoute()).toBe(ROUTES.home);
    window.location.hash = '#/pages/me/index?from=share';
    expect(landingRoute()).toBe(ROUTES.me);
  });

  it('starts what 我的 and the privacy check read, for a logged-in resident', () => {
    sessionToken.set('first-2');
    currentCommunityId.set('demo');

    startFirstReads(ROUTES.me);

    expect(sentUrls().sort()).toEqual([
      'https://api.linli.test/v1/communities/demo/me',
      'https://api.linli.test/v1/communities/demo/me/merchants',
      'https://api.linli.test/v1/me/consents',
    ]);
  });

  it('starts 首页’s community and upcoming sign-ups', () => {
    sessionToken.set('first-3');
    currentCommunityId.set('demo');

    startFirstReads(ROUTES.home);

    expect(sentUrls()).toContain('https://api.linli.test/v1/communities/demo');
    expect(sentUrls()).toContain('https://api.linli.test/v1/communities/demo/me/signups?scope=upcoming');
  });

  it('starts nothing for a visitor, and nothing but the consents without a community', () => {
    startFirstReads(ROUTES.me);
    expect(fakeRequest).not.toHaveBeenCalled();

    sessionToken.set('first-4');
    startFirstReads(ROUTES.me);
    expect(sentUrls()).toEqual(['https://api.linli.test/v1/me/consents']);
  });

  it('waits for the page when the token is about to be renewed (it would be sent stale)', () => {
    sessionToken.set('first-5');
    currentCommunityId.set('demo');
    sessionInfo.set({ expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(), userId: 'u1' });

    startFirstReads(ROUTES.me);

    expect(fakeRequest).not.toHaveBeenCalled();
  });
});
