import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { PRIVACY_GUIDE_VERSION } from '@linli/shared';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { aMeResponse, anImage } from '../../../../test/factories';
import MakerConsolePage from '.';

const fakeRequest = jest.mocked(Taro.request);
const fetchDouble = jest.fn();

/** The API as the page sees it, by `METHOD /path`; the photo's completion waits for `completeNow`. */
function serveApi(): { completeNow: () => void } {
  let release: () => void = () => undefined;
  const completed = new Promise<void>((resolve) => (release = resolve));
  const answers: Record<string, () => unknown> = {
    'GET /v1/me/consents': () => ({
      items: [{ kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION, acceptedAt: '2026-12-01T00:00:00.000Z' }],
    }),
    'GET /v1/communities/demo/me': () =>
      aMeResponse({ member: { id: 'maker-1', roles: ['resident', 'maker'], displayName: '李奶奶', joinedAt: '' } }),
    'GET /v1/communities/demo/me/products': () => ({
      items: [],
      earnings: {
        makerId: 'maker-1',
        salesCount: 0,
        salesFen: 0,
        earningsFen: 0,
        paidOutFen: 0,
        owedFen: 0,
        debtFen: 0,
      },
    }),
    'POST /v1/communities/demo/images': () => ({
      id: 'img_hat',
      uploadUrl: 'https://storage.linli.test/img_hat',
      method: 'PUT',
      headers: { 'Content-Type': 'image/jpeg' },
      expiresAt: '2099-01-01T00:00:00.000Z',
    }),
    'POST /v1/communities/demo/images/img_hat/complete': () =>
      completed.then(() => anImage({ id: 'img_hat', status: 'checking' })),
    'POST /v1/communities/demo/products': () => ({ id: 'product-9' }),
  };
  const answer = async (option: Taro.request.Option) => {
    const key = `${option.method} ${option.url.replace('https://api.linli.test', '')}`;
    const data = answers[key];
    if (!data) throw new Error(`unexpected ${key}`);
    return { statusCode: 200, data: await data(), header: {}, errMsg: 'request:ok' };
  };
  // Taro's request task is a promise with extras the page does not use.
  fakeRequest.mockImplementation((option) => answer(option) as never);
  return { completeNow: () => release() };
}

const type = (container: HTMLElement, selector: string, value: string) =>
  fireEvent.change(container.querySelector(selector)!, { target: { value } });

describe('我的小店: a new product with photos', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-maker');
    currentCommunityId.set('demo');
    fetchDouble.mockReset().mockResolvedValue({ status: 200, ok: true });
    (globalThis as { fetch?: unknown }).fetch = fetchDouble;
  });

  afterEach(() => fakeRequest.mockReset());

  it('waits for the photos to upload, then sends their ids as images', async () => {
    const api = serveApi();
    const { container } = render(<MakerConsolePage />);
    await act(async () => undefined);
    type(container, '#product-title', '手工草帽');
    type(container, '#product-description', '麦秆编织');
    type(container, '#product-price', '150');
    type(container, '#product-stock', '3');

    const photo = new File([new Uint8Array(8)], 'hat.jpg', { type: 'image/jpeg' });
    await act(async () => {
      fireEvent.change(container.querySelector('#product-photos .image-uploader__input')!, {
        target: { files: [photo] },
      });
    });
    await act(async () => fireEvent.click(container.querySelector('#product-submit')!));
    expect(container.querySelector('#product-error')?.textContent).toBe('还有照片没有传完：请稍等，或把没传上去的删掉');

    await act(async () => api.completeNow());
    await act(async () => fireEvent.click(container.querySelector('#product-submit')!));

    const create = fakeRequest.mock.calls.find(([option]) => option.url.endsWith('/communities/demo/products'));
    expect(create?.[0].data).toEqual({
      title: '手工草帽',
      description: '麦秆编织',
      priceFen: 15000,
      stock: 3,
      images: ['img_hat'],
    });
    expect(container.querySelector('#product-result')?.textContent).toBe('「手工草帽」已提交，社区审核通过后上架');
  });
});
