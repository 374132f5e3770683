import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Reading the PDFs Linli renders, as a reader would: poppler-utils (`pdftotext`, `pdftoppm`,
 * `pdffonts`; .ci/run installs them) and jsQR. Each call writes the PDF to a fresh temporary folder.
 * Each throws when poppler is missing or the bytes are not a PDF it can read.
 */
const run = promisify(execFile);

function writePdf(bytes: Uint8Array): { directory: string; file: string } {
  const directory = mkdtempSync(path.join(tmpdir(), 'linli-pdf-'));
  const file = path.join(directory, 'document.pdf');
  writeFileSync(file, bytes);
  return { directory, file };
}

/** Runs a poppler tool on the PDF in a temporary folder, removed afterwards: its stdout. */
async function readPdf(bytes: Uint8Array, command: string, flags: string[]): Promise<string> {
  const { directory, file } = writePdf(bytes);
  try {
    const { stdout } = await run(command, [...flags, file, ...(command === 'pdftotext' ? ['-'] : [])], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The text of the PDF (`pdftotext`, UTF-8): pages separated by a form feed (\f). In reading order by
 * default (a table comes out column by column); with `layout`, as laid out on the page (a table row by row).
 */
export async function pdfText(bytes: Uint8Array, { layout = false } = {}): Promise<string> {
  return readPdf(bytes, 'pdftotext', ['-enc', 'UTF-8', ...(layout ? ['-layout'] : [])]);
}

/** The text of each page as laid out, whitespace removed (layout spaces and line breaks mean nothing in Chinese). */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const pages = (await pdfText(bytes, { layout: true })).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((page) => page.replace(/\s+/g, ''));
}

export interface PageOptions {
  /** Dots per inch. */
  dpi?: number;
  /** The first page to render (1-based; default 1). */
  first?: number;
  /** The last page to render (default: the last). */
  last?: number;
}

/** Each page (or pages first…last) rendered as a PNG file (`pdftoppm`), in page order: the files' paths (left for the caller to look at). */
export async function pdfPageImages(
  bytes: Uint8Array,
  { dpi = 150, first, last }: PageOptions = {},
): Promise<string[]> {
  const { directory, file } = writePdf(bytes);
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  await run('pdftoppm', ['-png', '-r', String(dpi), ...range, file, path.join(directory, 'page')]);
  return readdirSync(directory)
    .filter((name) => /^page-\d+\.png$/.test(name))
    .sort((left, right) => Number(left.match(/\d+/)![0]) - Number(right.match(/\d+/)![0]))
    .map((name) => path.join(directory, name));
}

/**
 * The QR codes found on the rendered pages (jsQR finds at most one per page), in page order. 100 dpi
 * is plenty for a code of ~80 points; jsQR takes ~2 s over a page without one, so name the pages.
 */
export async function pdfQrCodes(bytes: Uint8Array, { dpi = 100, ...pages }: PageOptions = {}): Promise<string[]> {
  const codes: string[] = [];
  const images = await pdfPageImages(bytes, { dpi, ...pages });
  for (const image of images) {
    const png = PNG.sync.read(readFileSync(image));
    const code = jsQR(
      new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
      png.width,
      png.height,
    );
    if (code) codes.push(code.data);
  }
  if (images[0]) rmSync(path.dirname(images[0]), { recursive: true, force: true });
  return codes;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** The fonts the PDF uses (`pdffonts`): name (with its subset tag, e.g. "BZZZZZ+NotoSansSC…"), type, embedded, subset. */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  const stdout = await readPdf(bytes, 'pdffonts', []);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', ...rest] = line.trim().split(/\s+/);
      // … type (1–2 words) encoding emb sub uni object ID: read from the right.
      const [embedded, subset] = rest.slice(-5, -3);
      return { name, type: rest.slice(0, -6).join(' '), embedded: embedded === 'yes', subset: subset === 'yes' };
    });
}

/** Page sizes in points (`pdfinfo -l`), in page order: A4 is 595.28 × 841.89. */
export async function pdfPageSizes(bytes: Uint8Array): Promise<{ width: number; height: number }[]> {
  const stdout = await readPdf(bytes, 'pdfinfo', ['-f', '1', '-l', '9999']);
  return [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((match) => ({
    width: Number(match[1]),
    height: Number(match[2]),
  }));
}
