import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { ACT_FOR_HEADER, contracts, type ProxyRelation } from '@linli/shared';
import { request } from '../../api';
import { actingFor, startActingFor } from '../../state/acting-for';
import { currentCommunityId, sessionToken, signOut } from '../../state/session';
import PageLayout from '../page-layout';
import ActingForBanner from '.';

const RELATION: ProxyRelation = {
  communityId: 'demo',
  residentId: 'resident-zhang',
  residentName: '张阿姨',
  proxyId: 'proxy-li',
  proxyName: '李明',
  createdBy: 'staff-1',
  createdAt: '2026-11-01T02:00:00.000Z',
};

function answer(data: unknown) {
  jest.mocked(Taro.request).mockResolvedValueOnce({ statusCode: 200, data, header: {}, errMsg: 'request:ok' } as never);
}

function sentHeader(call = 0): Record<string, string> {
  return (jest.mocked(Taro.request).mock.calls[call]?.[0] as Taro.request.Option).header as Record<string, string>;
}

describe('acting for a resident', () => {
  beforeEach(() => {
    actingFor.clear();
    sessionToken.set('token-proxy');
    currentCommunityId.set('demo');
  });

  it('shows nothing while the user acts for themself', () => {
    const { container } = render(<ActingForBanner />);
    expect(container.querySelector('#acting-for-banner')).toBeNull();
  });

  it('shows a banner on every page until the proxy ends it', () => {
    const { container } = render(<PageLayout title="me.title">我的</PageLayout>);

    act(() => startActingFor(RELATION));

    expect(container.querySelector('#acting-for-banner')?.textContent).toBe('正在为 张阿姨 代办结束代办');
    fireEvent.click(container.querySelector('#acting-for-stop') as HTMLElement);
    expect(container.querySelector('#acting-for-banner')).toBeNull();
    expect(actingFor.get()).toBeNull();
  });

  it('sends X-Act-For with every request while acting, and stops after', async () => {
    startActingFor(RELATION);
    answer({ items: [] });
    answer({ items: [] });

    await request(contracts.listMyNotifications);
    actingFor.clear();
    await request(contracts.listMyNotifications);

    expect(sentHeader(0)).toMatchObject({ Authorization: 'Bearer token-proxy', [ACT_FOR_HEADER]: 'resident-zhang' });
    expect(sentHeader(1)).not.toHaveProperty(ACT_FOR_HEADER);
  });

  it('never acts for anyone on the login routes, and forgets the resident on logout', async () => {
    startActingFor(RELATION);
    answer({ token: 't', expiresAt: '2026-12-01T00:00:00.000Z', user: { id: 'u', nickname: 'n' } });

    await request(contracts.devLogin, { body: { openid: 'demo-resident' } });
    signOut();

    expect(sentHeader(0)).not.toHaveProperty(ACT_FOR_HEADER);
    expect(actingFor.get()).toBeNull();
  });
});
