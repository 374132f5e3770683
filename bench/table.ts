/** One plain-text table: sections, each with its own header row; columns aligned across the whole table. */
export type Row = string[];

export interface Section {
  title: string;
  header: Row;
  rows: Row[];
  notes?: string[];
}

export function renderTable(sections: Section[]): string {
  const out: string[] = [];
  for (const section of sections) {
    const rows = [section.header, ...section.rows];
    const widths = section.header.map((_, column) => Math.max(...rows.map((row) => displayWidth(row[column] ?? ''))));
    const line = (row: Row) =>
      row
        .map((cell, column) => (column === 0 ? padEnd(cell, widths[column]!) : padStart(cell, widths[column]!)))
        .join('  ')
        .trimEnd();
    out.push('', section.title, '='.repeat(section.title.length));
    out.push(line(section.header), line(widths.map((width) => '-'.repeat(width))));
    out.push(...section.rows.map(line));
    for (const note of section.notes ?? []) out.push(`  ${note}`);
  }
  return out.join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text)
    width += /[\u1100-\uffff]/.test(character) && !/[\u2010-\u2027×→≤≥]/.test(character) ? 2 : 1;
  return width;
}

const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const milliseconds = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—');
