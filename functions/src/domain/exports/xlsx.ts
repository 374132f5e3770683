import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import type { Column } from './datasets';

/**
 * One sheet, header row in bold and frozen. Money columns are numbers shown with two
 * decimals; text stays text (a cell is never written as a formula, so no injection guard is needed).
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
