/** A cell as the writers see it: text, an integer, or nothing. */
export type CellValue = string | number | undefined;

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula or split it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: RFC 4180 quoting (a quote, comma, CR or LF puts the cell in quotes and
 * doubles the quotes) after the formula-injection guard: text starting with = + - @ tab
 * or CR gets a leading `'` so a spreadsheet shows it instead of running it. Numbers are
 * written as they are (a negative amount is a number, not a formula).
 */
export function csvCell(value: CellValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** A whole file: UTF-8 BOM (so Excel reads the Chinese right), CRLF line ends, header row first. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
