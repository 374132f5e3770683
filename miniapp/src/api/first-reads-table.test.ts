import Taro from '@tarojs/taro';
import { ACT_FOR_HEADER, contracts, queryString } from '@linli/shared';
import { actingFor } from '../state/acting-for';
import { currentCommunityId, sessionInfo, sessionToken } from '../state/session';
import { ROUTES } from '../route-table';
import { RENEW_BEFORE_MS } from './client';
import {
  FIRST_READS_ALWAYS,
  FIRST_READS_BY_ROUTE,
  FIRST_READ_ACT_FOR_HEADER,
  FIRST_READ_RENEW_BEFORE_MS,
  FIRST_READ_STORAGE,
  HOME_ROUTE,
  headReadsScript,
  type HeadReads,
} from '../../config/first-reads';

const ALL_READS = [...FIRST_READS_ALWAYS, ...Object.values(FIRST_READS_BY_ROUTE).flat()];

describe('the first screen’s reads (issue 21)', () => {
  it.each(ALL_READS.map((read) => [read.read, read.path]))('%s is its contract’s GET %s', (name, path) => {
    const contract = contracts[name as keyof typeof contracts];
    const [pathOnly = '', query] = path.split('?');

    expect(contract.method).toBe('GET');
    expect(pathOnly).toBe(contract.path);
    if (query) {
      const values = Object.fromEntries(new URLSearchParams(query));
      expect(contract.query?.safeParse(values).success).toBe(true);
      expect(queryString(values)).toBe(`?${query}`);
    }
  });

  it('names the landing pages as the route table does', () => {
    expect(HOME_ROUTE).toBe(ROUTES.home);
    expect(Object.keys(FIRST_READS_BY_ROUTE).sort()).toEqual([ROUTES.home, ROUTES.me].sort());
  });

  it('reads the storage the app writes, and sends the proxy header the API reads', () => {
    sessionToken.set('token-x');
    sessionInfo.set({ expiresAt: '2099-01-01T00:00:00.000Z', userId: 'u1' });
    currentCommunityId.set('demo');
    actingFor.set({ communityId: 'demo', residentId: 'r1', residentName: '王阿姨' });

    for (const key of Object.values(FIRST_READ_STORAGE)) {
      expect({ key, stored: Taro.getStorageSync(key) !== '' }).toEqual({ key, stored: true });
    }
    expect(FIRST_READ_ACT_FOR_HEADER).toBe(ACT_FOR_HEADER);
    expect(FIRST_READ_RENEW_BEFORE_MS).toBe(RENEW_BEFORE_MS);
    sessionToken.clear();
    sessionInfo.clear();
    currentCommunityId.clear();
    actingFor.clear();
  });
});

describe('the page’s head script (H5)', () => {
  const fetched: { url: string; headers: Record<string, string> }[] = [];
  const store = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify({ data: value }));
  const run = () => {
    // The script as the page holds it: its own source text, run in the page's scope.
    new Function(headReadsScript('https://api.linli.test'))();
    return (window as unknown as { __linliHeadReads?: HeadReads }).__linliHeadReads;
  };

  beforeEach(() => {
    localStorage.clear();
    fetched.length = 0;
    delete (window as unknown as { __linliHeadReads?: HeadReads }).__linliHeadReads;
    window.location.hash = '';
    window.fetch = jest.fn((url: string, init: { headers: Record<string, string> }) => {
      fetched.push({ url, headers: init.headers });
      return Promise.resolve({
        status: 200,
        json: () => Promise.resolve({ ok: true }),
        headers: new Map([['content-type', 'application/json']]),
      });
    }) as never;
  });

  it('starts 我的’s reads with the token, community and proxy the app stored, keyed as the client looks', async () => {
    store(FIRST_READ_STORAGE.token, 'token-1');
    store(FIRST_READ_STORAGE.communityId, 'demo');
    store(FIRST_READ_STORAGE.actingFor, { residentId: 'r1' });
    window.location.hash = '#/pages/me/index';

    const reads = run() ?? {};

    const header = { Accept: 'application/json', Authorization: 'Bearer token-1', [ACT_FOR_HEADER]: 'r1' };
    expect(Object.keys(reads).sort()).toEqual(
      [
        'https://api.linli.test/v1/communities/demo/me',
        'https://api.linli.test/v1/communities/demo/me/merchants',
        'https://api.linli.test/v1/me/consents',
      ].map((url) => `${url}\n${JSON.stringify(header)}`),
    );
    expect(fetched.every((request) => request.headers.Authorization === 'Bearer token-1')).toBe(true);
    const answer = await Object.values(reads)[0]!.answer;
    expect(answer).toMatchObject({ statusCode: 200, data: { ok: true } });
  });

  it('starts 首页’s reads when the address names no page', () => {
    store(FIRST_READ_STORAGE.token, 'token-1');
    store(FIRST_READ_STORAGE.communityId, 'demo');

    run();

    expect(fetched.map((request) => request.url)).toEqual([
      'https://api.linli.test/v1/me/consents',
      'https://api.linli.test/v1/communities/demo',
      'https://api.linli.test/v1/communities/demo/me/signups?scope=upcoming',
    ]);
  });

  it('starts nothing for a visitor, a token about to be renewed, or storage it cannot read', () => {
    expect(run()).toBeUndefined();

    store(FIRST_READ_STORAGE.token, 'token-1');
    store(FIRST_READ_STORAGE.sessionInfo, { expiresAt: new Date(Date.now() + 60_000).toISOString(), userId: 'u' });
    expect(run()).toBeUndefined();

    localStorage.setItem(FIRST_READ_STORAGE.sessionInfo, '{not json');
    expect(run()).toBeUndefined();
    expect(fetched).toEqual([]);
  });
});
