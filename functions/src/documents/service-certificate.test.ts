import { PNG } from 'pngjs';
import { pdfFonts, pdfPageSizes, pdfPageTexts, pdfQrCodes, pdfText } from '../../../tests/support/pdf';
import { MISSING_CHARACTER, missingCharacters, woffToSfnt } from './font';
import { hoursText, renderServiceCertificate, type ServiceCertificateDocument } from './service-certificate';

const FONT_FILE_BYTES = 1_564_084; // functions/assets/fonts/noto-sans-sc-chinese-simplified-400-normal.woff

function services(count: number): ServiceCertificateDocument['services'] {
  return Array.from({ length: count }, (_, index) => ({
    date: `2026-${String(1 + (index % 11)).padStart(2, '0')}-${String(1 + (index % 27)).padStart(2, '0')}`,
    activityTitle: index % 2 ? '社区垃圾分类宣传' : '敬老院陪伴聊天',
    content: index % 3 ? '现场引导' : '陪同老人聊天、读报，协助送餐并记录老人需求',
    place: '青龙街社区服务中心',
    minutes: 90,
    organiser: '青龙街志愿服务队',
  }));
}

const certificate = (overrides: Partial<ServiceCertificateDocument> = {}): ServiceCertificateDocument => ({
  serialNumber: 'QLJ-2026-000012',
  holderName: '张晓燕',
  maskedIdNumber: '1101**********002X',
  volunteerNumber: '000123',
  period: { from: '2026-01-01', to: '2026-11-30' },
  totalMinutes: 750,
  services: services(3),
  issuer: '青龙街社区居委会',
  responsiblePerson: '王建国',
  handler: '李娜',
  issuedAt: '2026-11-30T16:30:00Z', // already 1 December in China
  checkUrl: 'https://linli.example.cn/c/QLJ-2026-000012?k=9f3a7c21',
  ...overrides,
});

/** A 120 px red ring on a transparent ground, as an office seal scan is. */
function sealPng(): Uint8Array {
  const size = 120;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const offset = (y * size + x) * 4;
      const radius = Math.hypot(x - size / 2, y - size / 2);
      png.data.set([220, 30, 30, radius > 50 && radius < 58 ? 220 : 0], offset);
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('renderServiceCertificate', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await renderServiceCertificate(certificate());
  });

  it('is one A4 page of PDF', async () => {
    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(await pdfPageSizes(pdf)).toEqual([{ width: 595.28, height: 841.89 }]);
  });

  it('states, as extractable text, the holder, the period, the hours and who certifies it', async () => {
    const [page] = await pdfPageTexts(pdf);
    for (const expected of [
      '志愿服务记录证明',
      '证明编号：QLJ-2026-000012',
      '张晓燕（身份证件号码：1101**********002X；志愿者编号：000123）',
      '于2026年1月1日至2026年11月30日期间参加志愿服务3次，累计志愿服务时间12.5小时',
      '敬老院陪伴聊天',
      '合计（3次）12.5',
      '出具单位（盖章）：青龙街社区居委会',
      '负责人：王建国',
      '经办人：李娜',
      '出具日期：2026年12月1日',
    ]) {
      expect(page).toContain(expected);
    }
    expect(page).not.toContain('第1页');
  });

  it('leaves the ID number out when none was given', async () => {
    const [page] = await pdfPageTexts(await renderServiceCertificate(certificate({ maskedIdNumber: null })));
    expect(page).toContain('张晓燕（志愿者编号：000123）');
    expect(page).not.toContain('身份证件号码');
  });

  it('carries a QR code of exactly the check URL', async () => {
    expect(await pdfQrCodes(pdf)).toEqual([certificate().checkUrl]);
  });

  it('embeds a subset of Noto Sans SC, and no other font', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts).toEqual([expect.objectContaining({ embedded: true, subset: true })]);
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+NotoSansSC/);
    expect(pdf.byteLength).toBeLessThan(FONT_FILE_BYTES / 10);
  });

  it('continues a long list over pages, header, serial number and page number on each', async () => {
    const long = await renderServiceCertificate(certificate({ services: services(60), totalMinutes: 5400 }));
    const pages = await pdfPageTexts(long);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain('证明编号：QLJ-2026-000012');
      expect(page).toContain(`第${index + 1}页/共${pages.length}页`);
    });
    for (const page of pages.slice(0, -1))
      expect(page).toContain('序号服务日期活动名称服务内容服务地点组织方时长（小时）');
    const rows = pages.join('').match(/\d+2026-\d\d-\d\d/g) ?? [];
    expect(rows).toHaveLength(60);
    expect(pages.join('')).toContain('合计（60次）90.0');
    expect(pages.at(-1)).toMatch(/特此证明。.*出具单位（盖章）：青龙街社区居委会/);
    expect(await pdfQrCodes(long, { first: pages.length })).toEqual([certificate().checkUrl]);
  });

  it('stamps the seal image when given, and only then', async () => {
    const images = (bytes: Uint8Array) => latin1(bytes).match(/\/Subtype \/Image/g) ?? [];
    expect(images(pdf)).toHaveLength(0);
    const sealed = await renderServiceCertificate(certificate({ seal: sealPng() }));
    expect(images(sealed).length).toBeGreaterThanOrEqual(1);
    expect(await pdfQrCodes(sealed)).toEqual([certificate().checkUrl]);
    expect((await pdfPageTexts(sealed))[0]).toContain('出具单位（盖章）：青龙街社区居委会');
  });

  it('prints a character the font lacks as 〓, keeping the rest of the name', async () => {
    expect(missingCharacters('吉𠮷张')).toEqual(['𠮷']);
    const [page] = await pdfPageTexts(await renderServiceCertificate(certificate({ holderName: '吉𠮷张' })));
    expect(page).toContain(`吉${MISSING_CHARACTER}张（身份证件号码`);
  });

  it('is the same bytes for the same input', async () => {
    expect(Buffer.from(await renderServiceCertificate(certificate())).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses a seal that is neither PNG nor JPEG', async () => {
    await expect(renderServiceCertificate(certificate({ seal: new Uint8Array([1, 2, 3, 4]) }))).rejects.toThrow();
  });

  it('prints the check URL under the QR code', async () => {
    expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain(certificate().checkUrl);
  });
});

describe('hoursText', () => {
  it.each([
    [750, '12.5'],
    [0, '0.0'],
    [3, '0.1'],
    [89, '1.5'],
    [60, '1.0'],
  ])('%i minutes → %s hours', (minutes, hours) => {
    expect(hoursText(minutes)).toBe(hours);
  });
});

describe('woffToSfnt', () => {
  it('refuses what is not WOFF', () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow('not a WOFF 1.0 font');
  });
});
