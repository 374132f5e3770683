// `require`, not `import`: esbuild then takes pdfkit's CommonJS build (its ES module build reads
// `import.meta.url`, empty in the CommonJS Lambda bundle, and crashes on load).
import PDFDocument = require('pdfkit');
import { dayOf } from '@linli/shared';
import { documentFont, printable } from './font';
import { drawQrCode, QR_QUIET_ZONE_MODULES } from './qr';

/**
 * 志愿服务记录证明 (volunteer service record certificate, issue 18 item 5), as the Ministry of Civil
 * Affairs' 志愿服务记录与证明出具办法（试行）(民政部令第67号, 2020, in force 2021-02-01) and the 2015
 * guidance it builds on (民发〔2015〕149号) want it: who the volunteer is (name, ID document number,
 * volunteer number), what they did (service time in hours, and what, when, where), who certifies it
 * (issuing unit and its seal, the responsible person, the handler), the certificate's number and date.
 */
export interface ServiceCertificateDocument {
  /** e.g. "QLJ-2026-000012"; printed on every page. */
  serialNumber: string;
  /** Real name as given in the volunteer profile. */
  holderName: string;
  /** "1101**********002X", or null if none given (the line then leaves the ID out). */
  maskedIdNumber: string | null;
  /** The member's number in the community. */
  volunteerNumber: string;
  /** YYYY-MM-DD China dates, inclusive. */
  period: { from: string; to: string };
  /** Shown as hours with one decimal (e.g. 12.5 小时). */
  totalMinutes: number;
  /** In the order given (the caller sorts them); `date` YYYY-MM-DD, `minutes` ≥ 0. */
  services: {
    date: string;
    activityTitle: string;
    content: string;
    place: string;
    minutes: number;
    organiser: string;
  }[];
  /** Issuing unit, e.g. "青龙街社区居委会". */
  issuer: string;
  /** 负责人 */
  responsiblePerson: string;
  /** 经办人 */
  handler: string;
  /** ISO instant; the China (UTC+8) date is printed, e.g. 2026年12月1日. */
  issuedAt: string;
  /** The QR code encodes exactly this URL, printed under it. */
  checkUrl: string;
  /** PNG (transparency kept) or JPEG bytes of the office seal, stamped over the issuer and date. */
  seal?: Uint8Array | null;
}

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { top: 72, bottom: 64, left: 62, right: 62 }; // ≈ 25 / 22 / 22 mm: inside every printer's reach
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom;
const INK = '#000000';
const GREY = '#555555';
const RULE = '#333333';
const SEAL_SIZE = 119; // 42 mm, the usual diameter of an office seal
const QR_SIZE = 82;
const CELL_PADDING = 4;
const TABLE_FONT_SIZE = 9.5;

interface Column {
  title: string;
  width: number;
  align: 'left' | 'center' | 'right';
}

const COLUMNS: Column[] = [
  { title: '序号', width: 28, align: 'center' },
  { title: '服务日期', width: 60, align: 'center' },
  { title: '活动名称', width: 88, align: 'left' },
  { title: '服务内容', width: 96, align: 'left' },
  { title: '服务地点', width: 70, align: 'left' },
  { title: '组织方', width: 63, align: 'left' },
  { title: '时长（小时）', width: CONTENT_WIDTH - 405, align: 'center' },
];

/** Minutes → hours with one decimal, rounded half up in whole tenths (integer arithmetic): 750 → "12.5". */
export function hoursText(minutes: number): string {
  const tenths = Math.round(minutes / 6);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** "2026-12-01" → "2026年12月1日". */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

/** The statement: who, which period, how many services, how many hours (all text through `printable`). */
export function statementText(input: ServiceCertificateDocument): string {
  const identity = [
    input.maskedIdNumber ? `身份证件号码：${input.maskedIdNumber}` : null,
    `志愿者编号：${input.volunteerNumber}`,
  ].filter(Boolean);
  return printable(
    `经核查本单位志愿服务记录，${input.holderName}（${identity.join('；')}）` +
      `于${chineseDate(input.period.from)}至${chineseDate(input.period.to)}期间参加志愿服务` +
      `${input.services.length}次，累计志愿服务时间${hoursText(input.totalMinutes)}小时。具体服务记录如下：`,
  );
}

function rowHeight(document: Doc, cells: string[], columns: Column[]): number {
  document.fontSize(TABLE_FONT_SIZE);
  const heights = cells.map((text, index) =>
    document.heightOfString(text, { width: columns[index]!.width - 2 * CELL_PADDING, lineGap: 1.5 }),
  );
  return Math.max(...heights) + 2 * CELL_PADDING + 2;
}

function drawRow(document: Doc, cells: string[], columns: Column[], y: number, shade = false): number {
  const height = rowHeight(document, cells, columns);
  let x = MARGIN.left;
  cells.forEach((text, index) => {
    const { width, align } = columns[index]!;
    if (shade) document.rect(x, y, width, height).fillColor('#eeeeee').fill();
    document.rect(x, y, width, height).lineWidth(0.6).strokeColor(RULE).stroke();
    const textHeight = document.heightOfString(text, { width: width - 2 * CELL_PADDING, lineGap: 1.5 });
    document.fillColor(INK).text(text, x + CELL_PADDING, y + (height - textHeight) / 2 + 1, {
      width: width - 2 * CELL_PADDING,
      align,
      lineGap: 1.5,
    });
    x += width;
  });
  return y + height;
}

const HEADER_CELLS = COLUMNS.map(({ title }) => title);

/** The services as table rows, the header repeated at the top of each further page; returns the y below the table. */
function drawServicesTable(document: Doc, input: ServiceCertificateDocument, top: number): number {
  let y = drawRow(document, HEADER_CELLS, COLUMNS, top, true);
  const rows = input.services.map((service, index) =>
    [
      String(index + 1),
      service.date,
      service.activityTitle,
      service.content,
      service.place,
      service.organiser,
      hoursText(service.minutes),
    ].map(printable),
  );
  for (const cells of rows) {
    if (y + rowHeight(document, cells, COLUMNS) > CONTENT_BOTTOM) {
      document.addPage();
      y = drawRow(document, HEADER_CELLS, COLUMNS, MARGIN.top, true);
    }
    y = drawRow(document, cells, COLUMNS, y);
  }
  if (rows.length === 0) {
    const none = ['本期间内无志愿服务记录'];
    y = drawRow(document, none, [{ title: '', width: CONTENT_WIDTH, align: 'center' }], y);
  }
  const totalColumns: Column[] = [
    { title: '', width: CONTENT_WIDTH - COLUMNS.at(-1)!.width, align: 'center' },
    COLUMNS.at(-1)!,
  ];
  const total = [`合计（${input.services.length}次）`, hoursText(input.totalMinutes)];
  if (y + rowHeight(document, total, totalColumns) > CONTENT_BOTTOM) {
    document.addPage();
    y = MARGIN.top;
  }
  return drawRow(document, total, totalColumns, y, true);
}

/** QR code, its caption and a two-line URL (left); four lines and the seal's overhang (right). */
const SIGNATURE_BLOCK_HEIGHT = 140;

/** The QR code (left) with its caption and URL; the issuer, responsible person, handler and date (right); the seal over them. */
function drawSignatureBlock(document: Doc, input: ServiceCertificateDocument, top: number): void {
  const module = drawQrCode(document, input.checkUrl, MARGIN.left, top, QR_SIZE);
  const caption = top + QR_SIZE + QR_QUIET_ZONE_MODULES * module;
  document
    .fontSize(9)
    .fillColor(INK)
    .text('扫描二维码核验本证明', MARGIN.left, caption, { width: 200, lineBreak: false });
  document
    .fontSize(8)
    .fillColor(GREY)
    .text(printable(input.checkUrl), MARGIN.left, caption + 14, { width: 200, lineGap: 1 });
  const x = MARGIN.left + CONTENT_WIDTH / 2 + 10;
  const width = PAGE.width - MARGIN.right - x;
  const lines = [
    `出具单位（盖章）：${input.issuer}`,
    `负责人：${input.responsiblePerson}`,
    `经办人：${input.handler}`,
    `出具日期：${chineseDate(dayOf(input.issuedAt))}`,
  ].map(printable);
  document.fontSize(12).fillColor(INK);
  let y = top + 4;
  for (const line of lines) {
    document.text(line, x, y, { width, lineGap: 2 });
    y = document.y + 12;
  }
  if (input.seal) {
    const seal = Buffer.from(input.seal.buffer, input.seal.byteOffset, input.seal.byteLength);
    const centreY = top + (y - top) / 2;
    document.image(seal, x + width / 2 - SEAL_SIZE / 2, centreY - SEAL_SIZE / 2, {
      fit: [SEAL_SIZE, SEAL_SIZE],
      align: 'center',
      valign: 'center',
    });
  }
}

/** Serial number at the top of every page; "第 i 页 / 共 N 页" at the foot when there is more than one. */
function drawPageFurniture(document: Doc, serialNumber: string): void {
  const { start, count } = document.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    document.switchToPage(index);
    const bottomMargin = document.page.margins.bottom;
    document.page.margins.bottom = 0; // text in the bottom margin must not start a new page
    document
      .fontSize(9)
      .fillColor(GREY)
      .text(`证明编号：${printable(serialNumber)}`, MARGIN.left, 36, {
        width: CONTENT_WIDTH,
        align: 'right',
        lineBreak: false,
      });
    document
      .moveTo(MARGIN.left, 50)
      .lineTo(PAGE.width - MARGIN.right, 50)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    if (count > 1) {
      document.text(`第 ${index - start + 1} 页 / 共 ${count} 页`, MARGIN.left, PAGE.height - 40, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
    }
    document.page.margins.bottom = bottomMargin;
  }
}

function newDocument(input: ServiceCertificateDocument): Doc {
  return new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    // A fontkit font object instead of a standard font's name: pdfkit never loads its AFM files
    // (read from disk beside its own module, which a bundle does not carry). The types say string.
    font: documentFont() as unknown as string,
    info: {
      Title: `志愿服务记录证明 ${input.serialNumber}`,
      Author: input.issuer,
      Subject: `${input.holderName} ${input.period.from}—${input.period.to}`,
      Creator: 'Linli',
      Producer: 'Linli',
      CreationDate: new Date(input.issuedAt),
    },
  });
}

function drawBody(document: Doc, input: ServiceCertificateDocument): void {
  document
    .fontSize(22)
    .fillColor(INK)
    .text('志愿服务记录证明', MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 6 });
  document.moveDown(1.2);
  document
    .fontSize(12)
    .text(statementText(input), MARGIN.left, document.y, { width: CONTENT_WIDTH, indent: 24, lineGap: 7 });
  let y = drawServicesTable(document, input, document.y + 10);
  document.fontSize(12).fillColor(INK);
  const closing = '以上记录依据本单位志愿服务记录如实出具。特此证明。';
  const closingOptions = { width: CONTENT_WIDTH, indent: 24, lineGap: 7 };
  // The closing words go with the signature block: a page never carries the seal alone.
  const needed = 14 + document.heightOfString(closing, closingOptions) + 22 + SIGNATURE_BLOCK_HEIGHT;
  if (y + needed > CONTENT_BOTTOM) {
    document.addPage();
    y = MARGIN.top - 14;
  }
  document.text(closing, MARGIN.left, y + 14, closingOptions);
  y = document.y + 22;
  drawSignatureBlock(document, input, y);
}

/**
 * The 志愿服务记录证明 of `input` as a PDF: A4 portrait, text as real (selectable) text in an
 * embedded subset of Noto Sans SC, the services table continued over pages with its header repeated,
 * the serial number on every page, "第 i 页 / 共 N 页" when there are several, a vector QR code of
 * `checkUrl`, the seal (if given) stamped over the issuer and date. Characters the font lacks print
 * as 〓 (see `printable`). Deterministic for a given input (the PDF dates are `issuedAt`).
 * Throws when `seal` is neither PNG nor JPEG, or `checkUrl` is too long for a QR code.
 */
export function renderServiceCertificate(input: ServiceCertificateDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    try {
      const document = newDocument(input);
      const chunks: Buffer[] = [];
      document.on('data', (chunk: Buffer) => chunks.push(chunk));
      document.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      document.on('error', reject);
      drawBody(document, input);
      drawPageFurniture(document, input.serialNumber);
      document.end();
    } catch (error) {
      reject(error);
    }
  });
}
