import { endOfDay, formatFen, startOfDay, type Claim, type ExportDataset, type ExportQuery } from '@linli/shared';
import { AppError } from '../../../lib/errors';
import { decimalCell, toCsv, type CellValue } from './csv';
import {
  DATASETS,
  chinaTime,
  postingRows,
  type Column,
  type DatasetRecords,
  type ServiceRecordRow,
  type SignupRow,
  type Names,
  type RawValue,
} from './datasets';
import type { ExportSource, RosterSource, TimeRange } from './ports';
import { toXlsx, type Cell } from './xlsx';

export const MAX_EXPORT_ROWS = 50_000;
export const MAX_EXPORT_DAYS = 366;
/** A Lambda answer is at most 6 MB, base64 included: refuse before the platform does. */
export const MAX_EXPORT_BYTES = 4 * 1024 * 1024;

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  /** ASCII, for `filename=`. */
  fileName: string;
  /** With the Chinese title, for `filename*=UTF-8''`. */
  displayName: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The range as instants; 400 when `from` is after `to` or it spans more than 366 days. */
export function exportRange(from: string, to: string): TimeRange {
  if (!realDay(from) || !realDay(to)) {
    throw new AppError('export.range_invalid', 'from and to must be real calendar days like 2026-11-22', { from, to });
  }
  if (from > to) throw new AppError('export.range_invalid', 'from must be on or before to', { from, to });
  const range = { fromIso: startOfDay(from), toIso: endOfDay(to) };
  const days = Math.round((Date.parse(range.toIso) - Date.parse(range.fromIso)) / DAY_MS);
  if (days > MAX_EXPORT_DAYS) {
    throw new AppError('export.range_too_long', `An export covers at most ${MAX_EXPORT_DAYS} days`, {
      from,
      to,
      days,
      maxDays: MAX_EXPORT_DAYS,
    });
  }
  return range;
}

/** `2026-02-30` matches the pattern but is no day: JavaScript would roll it into March. */
function realDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

const tooLarge = (details: Record<string, unknown>) =>
  new AppError('export.too_large', 'The export is too large; choose a shorter date range', details);

async function records<Name extends ExportDataset>(
  dataset: Name,
  source: ExportSource,
  communityId: string,
  range: TimeRange,
  signupsOf: () => Promise<SignupRow[]>,
  serviceRecordsOf: () => Promise<ServiceRecordRow[]>,
): Promise<DatasetRecords[Name][]> {
  const limit = MAX_EXPORT_ROWS + 1;
  const read: { [D in ExportDataset]: () => Promise<DatasetRecords[D][]> } = {
    members: () => source.members(communityId, range, limit),
    hours: () => source.approvedClaims(communityId, range, limit),
    ledger: async () => postingRows(await source.transfers(communityId, range, limit)),
    redemptions: () => source.redemptions(communityId, range, limit),
    'merchant-uses': () => source.merchantUses(communityId, range, limit),
    orders: () => source.orders(communityId, range, limit),
    fund: () => source.fundEntries(communityId, range, limit),
    signups: signupsOf,
    'service-records': serviceRecordsOf,
  };
  return read[dataset]() as Promise<DatasetRecords[Name][]>;
}

const NEEDS_NAMES: ReadonlySet<ExportDataset> = new Set(['hours', 'ledger', 'redemptions', 'fund']);

/** The raw values of each row, in column order. */
export function rowValues<Record>(
  columns: readonly Column<Record>[],
  items: readonly Record[],
  names: Names,
): RawValue[][] {
  return items.map((item) => columns.map((column) => column.value(item, names)));
}

export function csvValue(kind: Column['kind'], value: RawValue): CellValue {
  if (value === undefined || value === '') return undefined;
  if (kind === 'money') return decimalCell(formatFen(Number(value)));
  if (kind === 'time') return chinaTime(String(value));
  return value;
}

export function xlsxCell(kind: Column['kind'], value: RawValue): Cell {
  if (value === undefined || value === '') return null;
  if (kind === 'money') return { value: Number(value) / 100, type: Number, format: '0.00' };
  if (kind === 'integer') return { value: Number(value), type: Number };
  if (kind === 'time') return { value: chinaTime(String(value)), type: String };
  return { value: String(value), type: String };
}

/**
 * The use case: one dataset of one community over China-time days `from`..`to` (inclusive),
 * as CSV (UTF-8 with BOM) or XLSX, Chinese headers, oldest first.
 */
export async function exportDataset(
  input: { communityId: string; dataset: ExportDataset; query: ExportQuery },
  source: ExportSource,
  rosterOf?: RosterSource,
  /** The `service-records` dataset: the record entries (and who) of these approved claims. */
  serviceRecordRows?: (claims: Claim[]) => Promise<ServiceRecordRow[]>,
): Promise<ExportFile> {
  const { communityId, dataset, query } = input;
  const range = exportRange(query.from, query.to);
  if (query.activityId !== undefined && dataset !== 'signups') {
    throw new AppError('request.validation_failed', 'activityId is only for the signups export', {
      fields: [{ path: 'activityId', code: 'custom', message: 'only with the signups dataset' }],
    });
  }
  const definition = DATASETS[dataset] as unknown as { title: string; columns: Column<unknown>[] };
  const signupsOf = async (): Promise<SignupRow[]> => {
    if (!rosterOf) throw new Error('the signups export needs the rosters');
    const ids = query.activityId
      ? [query.activityId]
      : await source.activitiesStarting(communityId, range, MAX_EXPORT_ROWS + 1);
    const rosters = await Promise.all(ids.map((activityId) => rosterOf(communityId, activityId)));
    return rosters.flatMap(({ activity, items, insured }) =>
      items.map((entry) => ({ activity, entry, insured: insured?.get(entry.memberId) })),
    );
  };
  const serviceRecordsOf = async (): Promise<ServiceRecordRow[]> => {
    if (!serviceRecordRows) throw new Error('the service-records export needs the record');
    const claims = await source.approvedClaims(communityId, range, MAX_EXPORT_ROWS + 1);
    if (claims.length > MAX_EXPORT_ROWS) throw tooLarge({ maxRows: MAX_EXPORT_ROWS });
    return serviceRecordRows(claims);
  };
  const [items, names] = await Promise.all([
    records(dataset, source, communityId, range, signupsOf, serviceRecordsOf),
    NEEDS_NAMES.has(dataset) ? source.memberNames(communityId) : Promise.resolve(new Map<string, string>()),
  ]);
  if (items.length > MAX_EXPORT_ROWS) throw tooLarge({ maxRows: MAX_EXPORT_ROWS });
  return spreadsheetFile({
    title: definition.title,
    columns: definition.columns,
    values: rowValues(definition.columns, items, names),
    format: query.format ?? 'csv',
    stem: `${communityId}-${dataset}-${query.from}_${query.to}`,
    displayStem: `${definition.title}-${communityId}-${query.from}至${query.to}`,
  });
}

/**
 * Rows of raw values as a file: XLSX (one sheet named `title`) or CSV (UTF-8 with BOM); `stem` is the
 * ASCII file name without extension, `displayStem` the Chinese one. 413 `export.too_large` past
 * MAX_EXPORT_BYTES.
 */
export async function spreadsheetFile(input: {
  title: string;
  columns: readonly Column<never>[];
  values: RawValue[][];
  format: 'csv' | 'xlsx';
  stem: string;
  displayStem: string;
}): Promise<ExportFile> {
  const { title, columns, values, stem, displayStem } = input;
  const file: ExportFile =
    input.format === 'xlsx'
      ? {
          body: await toXlsx(
            title,
            columns,
            values.map((row) => row.map((value, index) => xlsxCell(columns[index]!.kind, value))),
          ),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          fileName: `${stem}.xlsx`,
          displayName: `${displayStem}.xlsx`,
        }
      : {
          body: toCsv(
            columns.map((column) => column.header),
            values.map((row) => row.map((value, index) => csvValue(columns[index]!.kind, value))),
          ),
          contentType: 'text/csv; charset=utf-8',
          fileName: `${stem}.csv`,
          displayName: `${displayStem}.csv`,
        };
  const bytes = typeof file.body === 'string' ? Buffer.byteLength(file.body) : file.body.length;
  if (bytes > MAX_EXPORT_BYTES) throw tooLarge({ bytes, maxBytes: MAX_EXPORT_BYTES });
  return file;
}
