/**
 * The one CSV writer of the product: the office exports and the public fund CSV
 * (`GET /v1/communities/{cid}/fund/entries.csv`) both write through `toCsv`.
 */

/** A number already written with its decimals (money in yuan, `-60.00`): a number to a spreadsheet. */
export interface DecimalCell {
  readonly decimal: string;
}

/** A cell as the writers see it: text, a number, a decimal, or nothing. */
export type CellValue = string | number | DecimalCell | undefined;

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula or split it. */
const FORMULA_START = /^[=+\-@\t\r]/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal cell; throws on anything but an optional minus, digits and decimals (it is never guarded). */
export function decimalCell(text: string): DecimalCell {
  if (!DECIMAL.test(text)) throw new Error(`not a decimal number: ${JSON.stringify(text)}`);
  return { decimal: text };
}

/**
 * One CSV cell: RFC 4180 quoting (a quote, comma, CR or LF puts the cell in quotes and
 * doubles the quotes) after the formula-injection guard (OWASP "CSV injection"): text starting
 * with = + - @ tab or CR gets a leading `'` so a spreadsheet shows it instead of running it.
 * Numbers and decimals are written as they are: a negative amount is a number, not a formula,
 * and not text.
 */
export function csvCell(value: CellValue): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'object') return value.decimal;
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** A whole file: UTF-8 BOM (so Excel reads the Chinese right), CRLF line ends, header row first. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
