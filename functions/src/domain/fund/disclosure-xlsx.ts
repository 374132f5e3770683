import type { FundDisclosure } from '@linli/shared';
import writeXlsxFile, { type Cell, type Image, type Row, type Sheet } from 'write-excel-file/node';

/** The Chinese names the public page shows (miniapp fund catalogue), for the workbook. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  sale_share: '销售分成',
  donation: '捐赠',
  pledge: '月捐',
  stall: '义卖',
};
export const PURPOSE_LABELS: Readonly<Record<string, string>> = {
  elderly_care: '助老',
  children: '儿童',
  environment: '环境',
  emergency: '应急救助',
  events: '社区活动',
  other: '其他',
  refund: '退款',
};

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
/** `2026-11-22T10:05:00.000Z` → `2026-11-22 18:05` (China time). */
const chinaTime = (iso: string) =>
  new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

// Text is always a string cell (never a formula: a description typed as `=HYPERLINK(…)` stays text);
// money is a number in yuan shown with two decimals, as in the office exports.
const text = (value: string | undefined): Cell => (value === undefined ? null : { value, type: String });
const money = (fen: number): Cell => ({ value: fen / 100, type: Number, format: '0.00' });
const integer = (value: number): Cell => ({ value, type: Number });
const bold = (value: string): Cell => ({ value, type: String, fontWeight: 'bold' });

function summaryRows(pack: FundDisclosure, communityName: string): Row[] {
  return [
    [bold(`${communityName} 社区基金信息公开`), null],
    [text('期间'), text(pack.period)],
    [text('起止日期'), text(`${pack.firstDay} 至 ${pack.lastDay}（北京时间）`)],
    [text('状态'), text(pack.complete ? '本期已结束' : `本期尚未结束，截至 ${chinaTime(pack.generatedAt)}`)],
    [text('期初余额（元）'), money(pack.openingBalanceFen)],
    [text('本期收入（元）'), money(pack.incomeFen)],
    [text('本期支出（元）'), money(pack.expenseFen)],
    [text('期末余额（元）'), money(pack.closingBalanceFen)],
    [text('本期账目笔数'), integer(pack.entryCount)],
    [text('账链末笔序号'), integer(pack.chainHead.sequence)],
    [text('账链末笔哈希'), text(pack.chainHead.hash)],
    [text('生成时间'), text(chinaTime(pack.generatedAt))],
  ];
}

function incomeRows(pack: FundDisclosure): Row[] {
  return [
    [bold('来源'), bold('笔数'), bold('金额（元）')],
    ...pack.incomeBySource.map((source) => [
      text(SOURCE_LABELS[source.kind] ?? source.kind),
      integer(source.count),
      money(source.amountFen),
    ]),
    [bold('合计'), integer(pack.incomeBySource.reduce((sum, source) => sum + source.count, 0)), money(pack.incomeFen)],
  ];
}

function expenseRows(pack: FundDisclosure): Row[] {
  const rows: Row[] = [
    [bold('用途'), bold('序号'), bold('时间'), bold('说明'), bold('金额（元）'), bold('审批人'), bold('收据图片')],
  ];
  for (const purpose of pack.expensesByPurpose) {
    const label = PURPOSE_LABELS[purpose.category] ?? purpose.category;
    for (const entry of purpose.entries) {
      rows.push([
        text(label),
        integer(entry.sequence),
        text(chinaTime(entry.createdAt)),
        text(entry.description),
        money(entry.amountFen),
        text(entry.approvedBy),
        text(entry.receiptImageId),
      ]);
    }
    rows.push([bold(`${label} 小计`), integer(purpose.count), null, null, money(purpose.amountFen), null, null]);
  }
  rows.push([bold('合计'), null, null, null, money(pack.expenseFen), null, null]);
  return rows;
}

/**
 * Several sheets in one workbook, with the office exports' cell rules (`office/exports/xlsx.ts`): a
 * bold first row (frozen when `header`), text always a string cell, money a number with two decimals.
 */
function toXlsxSheets(
  sheets: readonly { title: string; rows: readonly Row[]; widths: readonly number[]; header?: boolean }[],
): Promise<Buffer> {
  return writeXlsxFile(
    sheets.map((sheet): Sheet<Image['content']> => ({
      data: [...sheet.rows],
      sheet: sheet.title,
      ...(sheet.header ? { stickyRowsCount: 1 } : {}),
      columns: sheet.widths.map((width) => ({ width })),
    })),
  ).toBuffer();
}

/** The disclosure as a workbook: 概要 (the figures and the chain head), 收入 (by source), 支出 (by purpose, each expense). */
export function disclosureXlsx(pack: FundDisclosure, communityName: string): Promise<Buffer> {
  return toXlsxSheets([
    { title: '概要', rows: summaryRows(pack, communityName), widths: [18, 70] },
    { title: '收入', rows: incomeRows(pack), widths: [16, 10, 14], header: true },
    { title: '支出', rows: expenseRows(pack), widths: [14, 8, 18, 40, 14, 28, 28], header: true },
  ]);
}
