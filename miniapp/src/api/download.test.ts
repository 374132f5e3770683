import Taro from '@tarojs/taro';
import { ACT_FOR_HEADER } from '@linli/shared';
import { actingFor } from '../state/acting-for';
import { sessionToken } from '../state/session';
import { downloadExport, downloadInvitationCode, exportFileName, exportUrl, fileNameFrom } from './download';

/** The part of a fetch Response the helper reads (jsdom has no Response). */
function fakeResponse(status: number, body: string, headers: Record<string, string> = {}) {
  return Promise.resolve({
    ok: status >= 200 && status < 300,
    status,
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    json: () => Promise.resolve(JSON.parse(body) as unknown),
    blob: () => Promise.resolve(new Blob([body])),
  });
}

const HOURS_XLSX = {
  communityId: 'demo',
  dataset: 'hours' as const,
  from: '2026-11-01',
  to: '2026-11-30',
  format: 'xlsx' as const,
};

describe('export downloads', () => {
  beforeEach(() => {
    sessionToken.set('token-admin');
    actingFor.clear();
  });

  it('builds the export URL with the dataset in the path and the range and format in the query', () => {
    expect(exportUrl(HOURS_XLSX)).toBe(
      'https://api.linli.test/v1/communities/demo/exports/hours?from=2026-11-01&to=2026-11-30&format=xlsx',
    );
    expect(exportUrl({ ...HOURS_XLSX, dataset: 'merchant-uses', format: 'csv' })).toBe(
      'https://api.linli.test/v1/communities/demo/exports/merchant-uses?from=2026-11-01&to=2026-11-30&format=csv',
    );
    expect(exportFileName(HOURS_XLSX)).toBe('linli-hours-2026-11-01-2026-11-30.xlsx');
  });

  it('reads the file name the server gives, UTF-8 or plain', () => {
    expect(fileNameFrom("attachment; filename*=UTF-8''%E5%BF%97%E6%84%BF.xlsx")).toBe('志愿.xlsx');
    expect(fileNameFrom('attachment; filename="hours.csv"')).toBe('hours.csv');
    expect(fileNameFrom(null)).toBeNull();
  });

  it('fetches with the token and saves the file through a download link in the browser', async () => {
    actingFor.set({ communityId: 'demo', residentId: 'resident-zhang', residentName: '张阿姨' });
    const fetchFile = jest.fn(() =>
      fakeResponse(200, 'xlsx-bytes', { 'content-disposition': 'attachment; filename="hours.xlsx"' }),
    );
    globalThis.fetch = fetchFile as unknown as typeof fetch;
    URL.createObjectURL = jest.fn(() => 'blob:linli/1');
    URL.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });

    await downloadExport(HOURS_XLSX);

    expect(fetchFile).toHaveBeenCalledWith(exportUrl(HOURS_XLSX), {
      headers: { Authorization: 'Bearer token-admin', [ACT_FOR_HEADER]: 'resident-zhang' },
    });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('hours.xlsx');
    expect(clicked[0]?.href).toBe('blob:linli/1');
  });

  it('turns a refused export into an ApiError', async () => {
    globalThis.fetch = jest.fn(() =>
      fakeResponse(403, JSON.stringify({ error: { code: 'auth.forbidden', message: 'staff only' } })),
    ) as unknown as typeof fetch;

    await expect(downloadExport(HOURS_XLSX)).rejects.toMatchObject({ status: 403, code: 'auth.forbidden' });
  });
});

describe('the invitation’s mini-program code (weapp)', () => {
  beforeEach(() => {
    sessionToken.set('token-staff');
    actingFor.clear();
  });

  it('downloads the image with the token and hands back its temporary file for <Image>', async () => {
    const downloadFile = jest.mocked(Taro.downloadFile);
    downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/code.png', errMsg: 'ok' } as never);

    const file = await downloadInvitationCode('demo', 'AbCdEfGh23456789wxyz');

    expect(file).toBe('wxfile://tmp/code.png');
    expect(downloadFile).toHaveBeenCalledWith({
      url: 'https://api.linli.test/v1/communities/demo/invitations/AbCdEfGh23456789wxyz/wxacode',
      header: { Authorization: 'Bearer token-staff' },
    });
  });

  it('reads the error the API saved as the file into an ApiError (WeChat busy: 503)', async () => {
    jest
      .mocked(Taro.downloadFile)
      .mockResolvedValue({ statusCode: 503, tempFilePath: 'wxfile://tmp/error', errMsg: 'ok' } as never);
    jest
      .mocked(Taro.getFileSystemManager().readFileSync)
      .mockReturnValue(JSON.stringify({ error: { code: 'wechat.busy', message: 'busy' } }));

    await expect(downloadInvitationCode('demo', 'AbCdEfGh23456789wxyz')).rejects.toMatchObject({
      status: 503,
      code: 'wechat.busy',
    });
  });
});
