import Taro from '@tarojs/taro';
import { contracts, fillPath, type ExportDataset, type ExportQuery } from '@linli/shared';
import { ApiError } from './api-error';
import { queryString } from '@linli/shared';
import { authHeaders, checkQuery } from './client';

export type ExportFormat = NonNullable<ExportQuery['format']>;

export interface ExportRequest {
  communityId: string;
  dataset: ExportDataset;
  /** Inclusive days, China time: `2026-11-01`. */
  from: string;
  to: string;
  format: ExportFormat;
  /** `signups` only: one activity's roster. */
  activityId?: string;
}

/** `/v1/communities/demo/exports/hours?from=…&to=…&format=xlsx` on the API. */
export function exportUrl({ communityId, dataset, from, to, format, activityId }: ExportRequest): string {
  const path = fillPath(contracts.exportData.path, { cid: communityId, dataset });
  const query: ExportQuery = { from, to, format, ...(activityId ? { activityId } : {}) };
  checkQuery(contracts.exportData, query);
  return LINLI_API_BASE + path + queryString(query);
}

/** The name the file is saved under when the server does not name it: `linli-hours-2026-11-01-2026-11-30.xlsx`. */
export function exportFileName({ dataset, from, to, format }: ExportRequest): string {
  return `linli-${dataset}-${from}-${to}.${format}`;
}

/**
 * Downloads one export as a file: in the browser (the office console) it is saved through a
 * download link; in WeChat it is downloaded and opened in the document viewer (share or save from there).
 */
export async function downloadExport(exportRequest: ExportRequest): Promise<void> {
  const url = exportUrl(exportRequest);
  const header = authHeaders(contracts.exportData.path);
  if (process.env.TARO_ENV === 'h5') return saveInBrowser(url, header, exportFileName(exportRequest));
  return openInWeChat(url, header);
}

/** A district's figures (months `2026-01`..`2026-12`) as a spreadsheet, saved or opened as an export is. */
export async function downloadDistrictExport(input: {
  districtId: string;
  from: string;
  to: string;
  format: ExportFormat;
}): Promise<void> {
  const query = { from: input.from, to: input.to, format: input.format };
  checkQuery(contracts.exportDistrictStats, query);
  const path = fillPath(contracts.exportDistrictStats.path, { did: input.districtId });
  const url = LINLI_API_BASE + path + queryString(query);
  const header = authHeaders(contracts.exportDistrictStats.path);
  const fallback = `linli-district-${input.districtId}-${input.from}-${input.to}.${input.format}`;
  if (process.env.TARO_ENV === 'h5') return saveInBrowser(url, header, fallback);
  return openInWeChat(url, header);
}

async function saveInBrowser(url: string, header: Record<string, string>, fallbackName: string) {
  let response: Response;
  try {
    response = await fetch(url, { headers: header });
  } catch (error) {
    throw new ApiError(0, 'network.unreachable', error instanceof Error ? error.message : 'The download failed');
  }
  if (!response.ok) throw ApiError.fromResponse(response.status, await response.json().catch(() => undefined));
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileNameFrom(response.headers.get('content-disposition')) ?? fallbackName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}

/** `linli-data-2026-11-30.json`: the name the export is saved under (the server names it the same way). */
export function myDataFileName(now: Date = new Date()): string {
  const chinaDay = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return `linli-data-${chinaDay}.json`;
}

/**
 * 我的数据 (issue 20): everything Linli holds about the caller as one JSON file. In the browser it is
 * saved through a download link; in WeChat it is saved in the app's own folder and offered to forward
 * to a chat (`shareFileMessage`: WeChat has no viewer for JSON) — `shared: false` when the person
 * closed that window (the file stays saved). Throws an `ApiError` (413 `export.too_large`, 429 `rate.limited`…).
 */
export async function downloadMyData(): Promise<{ fileName: string; shared: boolean }> {
  const url = LINLI_API_BASE + contracts.getMyDataExport.path;
  const header = authHeaders(contracts.getMyDataExport.path);
  const fileName = myDataFileName();
  if (process.env.TARO_ENV === 'h5') {
    await saveInBrowser(url, header, fileName);
    return { fileName, shared: false };
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`;
  let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    downloaded = await Taro.downloadFile({ url, header, filePath });
  } catch (error) {
    throw new ApiError(0, 'network.unreachable', (error as { errMsg?: string })?.errMsg ?? 'The download failed');
  }
  if (downloaded.statusCode < 200 || downloaded.statusCode >= 300) {
    throw ApiError.fromResponse(downloaded.statusCode, await readJsonFile(downloaded.filePath ?? filePath));
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName });
    return { fileName, shared: true };
  } catch {
    return { fileName, shared: false };
  }
}

/** `/v1/communities/demo/fund/disclosures/2026-Q4?format=xlsx` on the API: public, no login. */
export function fundDisclosureXlsxUrl(communityId: string, period: string): string {
  const query = { format: 'xlsx' as const };
  checkQuery(contracts.getFundDisclosure, query);
  return LINLI_API_BASE + fillPath(contracts.getFundDisclosure.path, { cid: communityId, period }) + queryString(query);
}

/** The fund's disclosure of a quarter or year as a workbook: saved in the browser, opened in WeChat's viewer. */
export async function downloadFundDisclosure(communityId: string, period: string): Promise<void> {
  const url = fundDisclosureXlsxUrl(communityId, period);
  if (process.env.TARO_ENV === 'h5') return saveInBrowser(url, {}, `linli-fund-${communityId}-${period}.xlsx`);
  return openInWeChat(url, {});
}

/** A 志愿服务记录证明 as its PDF: saved in the browser, opened in WeChat's document viewer (print or share from there). */
export async function downloadServiceCertificate(serialNumber: string): Promise<void> {
  const path = fillPath(contracts.getServiceCertificatePdf.path, { serialNumber });
  const header = authHeaders(contracts.getServiceCertificatePdf.path);
  const url = LINLI_API_BASE + path;
  if (process.env.TARO_ENV === 'h5') return saveInBrowser(url, header, `志愿服务记录证明-${serialNumber}.pdf`);
  return openInWeChat(url, header, 'pdf');
}

async function openInWeChat(url: string, header: Record<string, string>, fileType: 'xlsx' | 'pdf' = 'xlsx') {
  let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    downloaded = await Taro.downloadFile({ url, header });
  } catch (error) {
    throw new ApiError(0, 'network.unreachable', (error as { errMsg?: string })?.errMsg ?? 'The download failed');
  }
  if (downloaded.statusCode < 200 || downloaded.statusCode >= 300) {
    throw new ApiError(downloaded.statusCode, `http.${downloaded.statusCode}`, 'The export failed');
  }
  // WeChat's viewer reads xlsx but not CSV, so the exports page offers only xlsx in WeChat.
  await Taro.openDocument({ filePath: downloaded.tempFilePath, fileType, showMenu: true });
  return undefined;
}

/** `attachment; filename*=UTF-8''%E5%B7%A5%E6%97%B6.xlsx` or `filename="hours.xlsx"` → the name; null when absent. */
export function fileNameFrom(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const encoded = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(contentDisposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(contentDisposition);
  return plain?.[1] ?? null;
}

/**
 * The invitation's mini-program code (小程序码, from WeChat through the API) as a local image file
 * for `<Image src>` — weapp only, where `Taro.downloadFile` keeps it as a temporary file (an image
 * cannot send the Authorization header itself). Throws an `ApiError`: 410 `invitation.expired`,
 * 502/503 `wechat.*` when WeChat could not make it.
 */
export async function downloadInvitationCode(communityId: string, code: string): Promise<string> {
  const url = LINLI_API_BASE + fillPath(contracts.getInvitationWxacode.path, { cid: communityId, code });
  const header = authHeaders(contracts.getInvitationWxacode.path);
  let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    downloaded = await Taro.downloadFile({ url, header });
  } catch (error) {
    throw new ApiError(0, 'network.unreachable', (error as { errMsg?: string })?.errMsg ?? 'The download failed');
  }
  if (downloaded.statusCode < 200 || downloaded.statusCode >= 300) {
    throw ApiError.fromResponse(downloaded.statusCode, await readJsonFile(downloaded.tempFilePath));
  }
  return downloaded.tempFilePath;
}

/** An error reply saved as a file by `downloadFile`: its JSON, or undefined when it cannot be read. */
async function readJsonFile(filePath: string): Promise<unknown> {
  try {
    const text = Taro.getFileSystemManager().readFileSync(filePath, 'utf8');
    return JSON.parse(String(text));
  } catch {
    return undefined;
  }
}
