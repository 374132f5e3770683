import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { PRIVACY_GUIDE_VERSION } from '@linli/shared';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { aMeResponse } from '../../../../test/factories';
import MyDataPage from '.';

const fakeRequest = jest.mocked(Taro.request);

/** The API as the page sees it, by `METHOD /path`. */
function serveApi(answers: Record<string, (option: Taro.request.Option) => [number, unknown]>) {
  const all: typeof answers = {
    'GET /v1/me/consents': () => [
      200,
      { items: [{ kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION, acceptedAt: '2026-12-01T00:00:00.000Z' }] },
    ],
    'GET /v1/communities/demo/me': () => [
      200,
      aMeResponse({ member: { id: 'resident-1', roles: ['resident'], displayName: '王阿姨', joinedAt: '' } }),
    ],
    ...answers,
  };
  fakeRequest.mockImplementation(((option: Taro.request.Option) => {
    const key = `${option.method} ${option.url.replace('https://api.linli.test', '')}`;
    const answer = all[key];
    if (!answer) throw new Error(`unexpected ${key}`);
    const [statusCode, data] = answer(option);
    return Promise.resolve({ statusCode, data, header: {}, errMsg: 'request:ok' });
  }) as never);
}

/** The part of a fetch Response the browser download reads (jsdom has no Response). */
const fakeResponse = (status: number, body: string) =>
  Promise.resolve({
    ok: status >= 200 && status < 300,
    status,
    headers: {
      get: (name: string) =>
        name === 'content-disposition' ? 'attachment; filename="linli-data-2026-12-01.json"' : null,
    },
    json: () => Promise.resolve(JSON.parse(body) as unknown),
    blob: () => Promise.resolve(new Blob([body])),
  });

async function renderPage() {
  const view = render(<MyDataPage />);
  await act(async () => undefined);
  return view.container;
}

describe('我的数据', () => {
  beforeEach(() => {
    languagePreference.clear();
    sessionToken.set('token-resident');
    currentCommunityId.set('demo');
    serveApi({});
  });

  afterEach(() => {
    fakeRequest.mockReset();
    process.env.TARO_ENV = 'h5';
  });

  it('says what the export holds and what it leaves out, in Chinese, with the current name to correct', async () => {
    const container = await renderPage();

    expect(container.querySelector('#my-data-about')?.textContent).toContain('个人信息保护法');
    expect(container.querySelector('#my-data-contains-volunteer')?.textContent).toContain('完整身份证号');
    expect(container.querySelector('#my-data-not-included')?.textContent).toContain('openid');
    expect((container.querySelector('#my-data-display-name') as HTMLInputElement).value).toBe('王阿姨');
  });

  it('shows the English text in English', async () => {
    act(() => languagePreference.set('en'));
    const container = await renderPage();

    expect(container.textContent).toContain('Download my data');
    expect(container.textContent).toContain('What the file holds');
  });

  it('downloads the file in the browser with the token, saved under its own name', async () => {
    const fetchDouble = jest.fn(() => fakeResponse(200, '{"userId":"resident-1"}'));
    globalThis.fetch = fetchDouble as unknown as typeof fetch;
    URL.createObjectURL = jest.fn(() => 'blob:linli/data');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const container = await renderPage();

    await act(async () => fireEvent.click(container.querySelector('#my-data-download')!));

    const [url, init] = fetchDouble.mock.calls[0] as unknown as [string, { headers: Record<string, string> }];
    expect(url).toBe('https://api.linli.test/v1/me/data-export');
    expect(init.headers.Authorization).toBe('Bearer token-resident');
    expect(clicked[0]?.download).toBe('linli-data-2026-12-01.json');
    expect(container.querySelector('#my-data-download-result')?.textContent).toContain('已下载');
  });

  it('says in plain words when the history is too large to export here', async () => {
    const tooLarge = JSON.stringify({ error: { code: 'export.too_large', message: 'too large' } });
    globalThis.fetch = jest.fn(() => fakeResponse(413, tooLarge)) as unknown as typeof fetch;
    const container = await renderPage();

    await act(async () => fireEvent.click(container.querySelector('#my-data-download')!));

    expect(container.querySelector('#my-data-download-error')?.textContent).toContain('请社区办公室协助');
  });

  it('in WeChat saves the file in the app’s folder and offers to forward it', async () => {
    process.env.TARO_ENV = 'weapp';
    jest.mocked(Taro.downloadFile).mockResolvedValueOnce({ statusCode: 200, filePath: 'x', tempFilePath: '' } as never);
    const container = await renderPage();

    await act(async () => fireEvent.click(container.querySelector('#my-data-download')!));

    const download = jest.mocked(Taro.downloadFile).mock.calls[0]?.[0];
    expect(download?.url).toBe('https://api.linli.test/v1/me/data-export');
    expect(download?.filePath).toMatch(/^wxfile:\/\/usr\/linli-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(Taro.shareFileMessage).toHaveBeenCalledWith({
      filePath: download?.filePath,
      fileName: expect.stringMatching(/^linli-data-/),
    });
    expect(container.querySelector('#my-data-download-result')?.textContent).toContain('已保存到本机');
  });

  it('corrects the name shown in the community, and shows the content check’s refusal', async () => {
    let sent: unknown;
    let refuse = false;
    serveApi({
      'PUT /v1/communities/demo/me/display-name': (option) => {
        sent = option.data;
        return refuse
          ? [422, { error: { code: 'content.rejected', message: 'no' } }]
          : [200, { member: { id: 'resident-1', roles: ['resident'], displayName: '王秀英', joinedAt: '' } }];
      },
    });
    const container = await renderPage();

    fireEvent.change(container.querySelector('#my-data-display-name')!, { target: { value: ' 王秀英 ' } });
    await act(async () => fireEvent.click(container.querySelector('#my-data-save-name')!));
    expect(sent).toEqual({ displayName: '王秀英' });
    expect(container.querySelector('#my-data-name-result')?.textContent).toBe('名字已更新');

    refuse = true;
    await act(async () => fireEvent.click(container.querySelector('#my-data-save-name')!));
    expect(container.querySelector('#my-data-name-error')?.textContent).toContain('不符合平台内容规范');
  });

  it('links to the other corrections and has a way back', async () => {
    const container = await renderPage();

    fireEvent.click(container.querySelector('#my-data-profile')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/pages/profile/index' }));
    fireEvent.click(container.querySelector('#my-data-back')!);
    expect(Taro.navigateBack).toHaveBeenCalled();
  });
});
