import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
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

export type { Cell, Row };
