import { inflateSync } from 'node:zlib';
// `require`, as pdfkit requires it: one copy of fontkit (its CommonJS build) in the bundle, not two.
import fontkit = require('fontkit');
import notoSansScWoff from '../../assets/fonts/noto-sans-sc-chinese-simplified-400-normal.woff';

/**
 * The one font of Linli's PDF documents: Noto Sans SC 400, the chinese-simplified subset (ASCII,
 * punctuation, ~7,900 CJK characters; functions/assets/fonts/README.md). pdfkit embeds only the
 * glyphs a document uses.
 */

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER_BYTES = 44;
const WOFF_ENTRY_BYTES = 20;
const SFNT_HEADER_BYTES = 12;
const SFNT_ENTRY_BYTES = 16;

interface WoffTable {
  tag: number;
  checksum: number;
  data: Buffer;
}

function woffTables(woff: Buffer): WoffTable[] {
  const count = woff.readUInt16BE(12);
  return Array.from({ length: count }, (_, index) => {
    const entry = WOFF_HEADER_BYTES + index * WOFF_ENTRY_BYTES;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    const data = compressed < original ? inflateSync(raw) : raw;
    if (data.length !== original) throw new Error(`WOFF table ${index}: ${data.length} bytes, expected ${original}`);
    return { tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data };
  });
}

const padded = (length: number) => (length + 3) & ~3;

/**
 * WOFF 1.0 (W3C, https://www.w3.org/TR/WOFF/) → the plain TrueType/OpenType font (sfnt) it wraps,
 * each table inflated with Node's zlib. fontkit reads WOFF itself, but with a pure-JavaScript inflate
 * of each table on first use: ~750 ms for the 1.5 MB Noto subset on every render, against ~50 ms for
 * this once per process. Throws when `woff` is not WOFF 1.0 or a table does not inflate to its size.
 */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const source = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (source.length < WOFF_HEADER_BYTES || source.readUInt32BE(0) !== WOFF_SIGNATURE) {
    throw new Error('not a WOFF 1.0 font');
  }
  const tables = woffTables(source);
  const directoryBytes = SFNT_HEADER_BYTES + tables.length * SFNT_ENTRY_BYTES;
  const sfnt = Buffer.alloc(tables.reduce((total, { data }) => total + padded(data.length), directoryBytes));
  const selector = Math.floor(Math.log2(tables.length));
  const searchRange = 2 ** selector * SFNT_ENTRY_BYTES;
  sfnt.writeUInt32BE(source.readUInt32BE(4), 0); // flavor: 0x00010000 (TrueType) or 'OTTO' (CFF)
  sfnt.writeUInt16BE(tables.length, 4);
  sfnt.writeUInt16BE(searchRange, 6);
  sfnt.writeUInt16BE(selector, 8);
  sfnt.writeUInt16BE(tables.length * SFNT_ENTRY_BYTES - searchRange, 10);
  let offset = directoryBytes;
  tables.forEach(({ tag, checksum, data }, index) => {
    const entry = SFNT_HEADER_BYTES + index * SFNT_ENTRY_BYTES;
    sfnt.writeUInt32BE(tag, entry);
    sfnt.writeUInt32BE(checksum, entry + 4);
    sfnt.writeUInt32BE(offset, entry + 8);
    sfnt.writeUInt32BE(data.length, entry + 12);
    data.copy(sfnt, offset);
    offset += padded(data.length);
  });
  return sfnt;
}

let font: fontkit.Font | undefined;

/** The document font, parsed once per process (fontkit keeps its glyph cache between documents). */
export function documentFont(): fontkit.Font {
  font ??= fontkit.create(woffToSfnt(notoSansScWoff)) as fontkit.Font;
  return font;
}

/**
 * What a document prints for a character the font lacks: 〓 (U+3013, the "geta" mark), the printer's
 * sign in Chinese and Japanese typesetting for a character that has no type. A rare name character
 * outside the subset (e.g. 𠮷) thus shows as 〓 rather than as an empty box or nothing at all.
 */
export const MISSING_CHARACTER = '\u3013';

/** Characters of `text` the document font cannot draw (each once, in order of appearance); line breaks and tabs aside. */
export function missingCharacters(text: string): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    if (/\s/.test(character)) continue;
    if (!documentFont().hasGlyphForCodePoint(character.codePointAt(0)!)) missing.add(character);
  }
  return [...missing];
}

/**
 * `text` as the document prints it: whitespace runs (line breaks, tabs) as one space, and each
 * character the font lacks as MISSING_CHARACTER.
 */
export function printable(text: string): string {
  let result = '';
  for (const character of text.replace(/\s+/g, ' ')) {
    const known = character === ' ' || documentFont().hasGlyphForCodePoint(character.codePointAt(0)!);
    result += known ? character : MISSING_CHARACTER;
  }
  return result;
}
