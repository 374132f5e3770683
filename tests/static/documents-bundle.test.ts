import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { budgetFor, esbuildOptions, ROOT } from '../../bench/bundles';
import { pdfFonts, pdfPageTexts } from '../support/pdf';

const run = promisify(execFile);

/**
 * Issue 18: the certificate renderer works once bundled as serverless.yml deploys a function
 * (custom.esbuild: minified CommonJS, the fonts through the binary loader), run by a bare `node`
 * in a folder without node_modules, as in Lambda. pdfkit must never reach for its standard fonts'
 * AFM files (it reads them from disk beside its own module, which a bundle does not carry), nor
 * its ES module build (it reads `import.meta.url`, empty in a CommonJS bundle).
 */
describe('the certificate renderer, bundled', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'linli-documents-bundle-'));
  const bundle = path.join(directory, 'render.js');
  const output = path.join(directory, 'certificate.pdf');

  beforeAll(async () => {
    const entry = `
      import { writeFileSync } from 'node:fs';
      import { renderServiceCertificate } from './service-certificate';
      renderServiceCertificate({
        serialNumber: 'QLJ-2026-000012', holderName: '张晓燕', maskedIdNumber: null, volunteerNumber: '000123',
        period: { from: '2026-01-01', to: '2026-11-30' }, totalMinutes: 90,
        services: [{ date: '2026-03-03', activityTitle: '敬老院陪伴聊天', content: '读报', place: '幸福里养老院', minutes: 90, organiser: '青龙街志愿服务队' }],
        issuer: '青龙街社区居委会', responsiblePerson: '王建国', handler: '李娜',
        issuedAt: '2026-11-30T16:30:00Z', checkUrl: 'https://linli.example.cn/c/QLJ-2026-000012',
      }).then((pdf) => writeFileSync(process.argv[2], pdf));
    `;
    await build({
      ...esbuildOptions(),
      stdin: { contents: entry, resolveDir: path.join(ROOT, 'functions', 'src', 'documents'), loader: 'ts' },
      absWorkingDir: ROOT,
      outfile: bundle,
      logLevel: 'silent',
    });
    await run(process.execPath, [bundle, output], { cwd: directory, env: { PATH: process.env.PATH } });
  }, 120_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('renders the PDF, its Chinese text in the one embedded subset font', async () => {
    const pdf = new Uint8Array(readFileSync(output));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const [page] = await pdfPageTexts(pdf);
    expect(page).toContain('志愿服务记录证明');
    expect(page).toContain('张晓燕（志愿者编号：000123）');
    expect(await pdfFonts(pdf)).toEqual([expect.objectContaining({ embedded: true, subset: true })]);
  });

  it('fits the budget of the `documents` function, leaving room for its routes', () => {
    const bytes = readFileSync(bundle).byteLength;
    expect(bytes).toBeLessThanOrEqual(budgetFor('documents') - 300 * 1024);
    expect(bytes).toBeGreaterThan(budgetFor('other'));
  });
});
