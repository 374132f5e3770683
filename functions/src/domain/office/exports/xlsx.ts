import writeXlsxFile, { type Cell, type Image, type Row, type Sheet } from 'write-excel-file/node';
import type { Column } from './datasets';

/**
 * One sheet, header row in bold and frozen. Money columns are numbers shown with two
 * decimals; text is always a string cell (shared string), never a formula, so `=HYPERLINK(…)`
 * typed by a donor shows as text without a guard (CSV needs one: `csv.ts`); characters XML
 * cannot hold are dropped by write-excel-file. Both checked in `exports.test.ts`.
 */
export async function toXlsx(sheetName: string, columns: readonly Column[], rows: readonly Row[]): Promise<Buffer> {
  const header: Row = columns.map((column) => ({ value: column.header, fontWeight: 'bold' }));
  return writeXlsxFile([header, ...rows], {
    sheet: sheetName,
    stickyRowsCount: 1,
    columns: columns.map((column) => ({ width: column.width ?? 14 })),
  }).toBuffer();
}

/**
 * Several sheets in one workbook (the fund's disclosure pack): each with its title, rows (a bold
 * first row, frozen when `header`) and column widths; the same cell rules as `toXlsx`.
 */
export async function toXlsxSheets(
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

export type { Cell, Row };
