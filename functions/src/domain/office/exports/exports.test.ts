import ExcelJS from 'exceljs';
import type { Claim, FundEntry } from '@linli/shared';
import { AppError } from '../../../lib/errors';
import { MAX_EXPORT_ROWS, exportDataset, exportRange } from './exports';
import type { ExportSource, TimeRange } from './ports';

const claim = (index: number): Claim => ({
  id: `cl${index}`,
  communityId: 'c1',
  memberId: 'u-res',
  memberName: index === 0 ? '=1+1' : '李阿姨',
  activityId: 'a1',
  activityTitle: '扫雪, 门口',
  minutes: 60,
  points: 1,
  status: 'approved',
  source: 'checkin',
  flagged: false,
  createdBy: 'u-res',
  createdAt: '2026-11-22T01:00:00.000Z',
  decidedBy: 'u-staff',
  decidedAt: '2026-11-22T02:00:00.000Z',
});

function source(claims: Claim[]) {
  const ranges: TimeRange[] = [];
  const empty = async () => [];
  const fake: ExportSource = {
    members: empty,
    memberNames: async () => new Map([['u-staff', '王社工']]),
    approvedClaims: async (_cid, range, limit) => {
      ranges.push(range);
      return claims.slice(0, limit);
    },
    transfers: empty,
    redemptions: empty,
    merchantUses: empty,
    orders: empty,
    fundEntries: empty,
    activitiesStarting: empty,
  };
  return { fake, ranges };
}

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return (error as AppError).code;
  }
  return 'no error';
};

describe('exporting a dataset', () => {
  it('turns China-time days into UTC instants, the last day inclusive', () => {
    expect(exportRange('2026-11-01', '2026-11-22')).toEqual({
      fromIso: '2026-10-31T16:00:00.000Z',
      toIso: '2026-11-22T16:00:00.000Z',
    });
    expect(exportRange('2026-01-01', '2026-12-31').toIso).toBe('2026-12-31T16:00:00.000Z');
  });

  it('refuses from after to, days that do not exist and more than 366 days', () => {
    const refused = (from: string, to: string) => {
      try {
        exportRange(from, to);
        return 'accepted';
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(refused('2026-11-23', '2026-11-22')).toBe('export.range_invalid');
    expect(refused('2026-02-30', '2026-03-01')).toBe('export.range_invalid');
    expect(refused('2024-01-01', '2024-12-31')).toBe('accepted'); // 366 days, a leap year
    expect(refused('2025-01-01', '2026-01-02')).toBe('export.range_too_long');
  });

  it('writes CSV with the Chinese header, China times and guarded cells', async () => {
    const { fake, ranges } = source([claim(0), claim(1)]);
    const file = await exportDataset(
      { communityId: 'c1', dataset: 'hours', query: { from: '2026-11-22', to: '2026-11-22' } },
      fake,
    );

    expect(ranges).toEqual([{ fromIso: '2026-11-21T16:00:00.000Z', toIso: '2026-11-22T16:00:00.000Z' }]);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.fileName).toBe('c1-hours-2026-11-22_2026-11-22.csv');
    expect(file.displayName).toBe('志愿时长-c1-2026-11-22至2026-11-22.csv');
    const lines = String(file.body).split('\r\n');
    expect(lines[0]).toBe('\uFEFF申报时间,成员,活动,时长（分钟）,积分,来源,审核人,审核时间,成员编号,申报编号');
    expect(lines[1]).toBe(`2026-11-22 09:00,'=1+1,"扫雪, 门口",60,1,扫码签到,王社工,2026-11-22 10:00,u-res,cl0`);
    expect(lines).toHaveLength(4);
  });

  it('writes XLSX that a spreadsheet library reads back, numbers as numbers', async () => {
    const { fake } = source([claim(1)]);
    const file = await exportDataset(
      { communityId: 'c1', dataset: 'hours', query: { from: '2026-11-22', to: '2026-11-22', format: 'xlsx' } },
      fake,
    );

    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(Buffer.isBuffer(file.body)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('志愿时长');
    expect(sheet.getRow(1).getCell(1).value).toBe('申报时间');
    expect(sheet.getRow(2).getCell(2).value).toBe('李阿姨');
    expect(sheet.getRow(2).getCell(4).value).toBe(60);
    expect(sheet.getRow(2).getCell(8).value).toBe('2026-11-22 10:00');
  });

  it('refuses more than 50,000 rows with export.too_large', async () => {
    const many = Array.from({ length: MAX_EXPORT_ROWS + 1 }, (_unused, index) => claim(index));
    const { fake } = source(many);
    const input = { communityId: 'c1', dataset: 'hours' as const, query: { from: '2026-11-22', to: '2026-11-22' } };

    expect(await codeOf(exportDataset(input, fake))).toBe('export.too_large');
  });
});

describe('exporting money and text another program opens (issue 12, case 8)', () => {
  const formula = '=HYPERLINK("http://e.x","c")';
  const entry = (sequence: number, amountFen: number, balanceAfterFen: number, description: string): FundEntry => ({
    id: `f${sequence}`,
    sequence,
    kind: amountFen < 0 ? 'expense' : 'donation',
    amountFen,
    balanceAfterFen,
    description,
    donorName: amountFen < 0 ? undefined : formula,
    createdAt: '2026-11-22T01:00:00.000Z',
    previousHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  });
  const fundSource = (): ExportSource => ({
    ...source([]).fake,
    fundEntries: async () => [entry(1, 10_000, 10_000, formula), entry(2, -6_000, 4_000, '-买米\u0007面油')],
  });
  const fundExport = (format: 'csv' | 'xlsx') =>
    exportDataset(
      { communityId: 'c1', dataset: 'fund', query: { from: '2026-11-22', to: '2026-11-22', format } },
      fundSource(),
    );

  it('CSV: a negative amount stays a number, formula-looking text gets a quote', async () => {
    const lines = String((await fundExport('csv')).body).split('\r\n');

    expect(lines[1]).toContain(
      `,100.00,100.00,"'=HYPERLINK(""http://e.x"",""c"")","'=HYPERLINK(""http://e.x"",""c"")"`,
    );
    expect(lines[2]).toContain(',-60.00,40.00,');
    expect(lines[2]).toContain(`,'-买米\u0007面油,`);
  });

  it('XLSX: text is a string cell, never a formula; amounts are numbers; the file opens', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await fundExport('xlsx')).body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const description = sheet.getRow(2).getCell(6);

    expect(description.type).toBe(ExcelJS.ValueType.String);
    expect(description.value).toBe(formula);
    expect(sheet.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(4).value).toBe(-60);
    expect(sheet.getRow(3).getCell(6).value).toBe('-买米面油');
  });
});
