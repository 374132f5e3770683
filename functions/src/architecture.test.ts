import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The house rules of `functions/src` (issue 13), read off the source:
 * - `domain/` (the rules) imports neither the table (`store/`), nor the outside world
 *   (`gateways/`), nor the composition root: it speaks through its ports;
 * - `lib/` (the ground floor) imports nothing above it;
 * - `documents/` (the PDFs: pure renderers from data to bytes, issue 18) imports only `lib/` and
 *   its assets (`functions/assets`, the fonts);
 * - `wiring.ts` is the only module that imports both `store/` and `gateways/`;
 * - every table key is built in `store/keys.ts` — no `PREFIX#…` string anywhere else;
 * - one item is read one way: `getItem`/`getEntity` (`store/client.ts`, `store/items.ts`), no
 *   hand-written `GetCommand` elsewhere.
 */
const ROOT = __dirname;

function sourceFiles(directory = ROOT): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** The files of `functions/src` a module imports (relative specifiers, resolved). */
function localImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(path.resolve(path.dirname(file), specifier)));
}

/** The code without its comments, so a key pattern quoted in a doc comment does not count. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const files = sourceFiles().map((file) => ({ name: relative(file), imports: localImports(file), file }));
const importsFrom = (imports: string[], floor: string) =>
  imports.filter((target) => target === floor || target.startsWith(`${floor}/`));

describe('the house of functions/src', () => {
  it('has its floors and areas', () => {
    const floors = new Set(files.map(({ name }) => name.split('/')[0]));
    expect([...floors].sort()).toEqual(
      expect.arrayContaining([
        'documents',
        'domain',
        'gateways',
        'http',
        'images',
        'jobs',
        'lib',
        'store',
        'wiring.ts',
      ]),
    );
    const areas = ['fund', 'identity', 'ledger', 'market', 'media', 'office', 'shop', 'timebank'];
    for (const floor of ['http', 'domain', 'store']) {
      const folders = new Set(
        files
          .filter(({ name }) => name.split('/').length > 2 && name.startsWith(`${floor}/`))
          .map(({ name }) => name.split('/')[1]),
      );
      // `http/documents` is a deployable area of its own (the PDF renderer's weight) whose rules live in
      // `domain/timebank` and whose drawing is `documents/`.
      expect([...folders].sort()).toEqual(floor === 'http' ? [...areas, 'documents'].sort() : areas);
    }
  });

  it('keeps the domain free of the table, the outside world and the wiring', () => {
    const offending = files
      .filter(({ name }) => name.startsWith('domain/'))
      .flatMap(({ name, imports }) =>
        [...importsFrom(imports, 'store'), ...importsFrom(imports, 'gateways'), ...importsFrom(imports, 'wiring')].map(
          (target) => `${name} → ${target}`,
        ),
      );
    expect(offending).toEqual([]);
  });

  it('keeps lib/ the ground floor', () => {
    const offending = files
      .filter(({ name }) => name.startsWith('lib/'))
      .flatMap(({ name, imports }) =>
        ['store', 'gateways', 'wiring', 'http', 'domain', 'jobs']
          .flatMap((floor) => importsFrom(imports, floor))
          .map((target) => `${name} → ${target}`),
      );
    expect(offending).toEqual([]);
  });

  it('keeps documents/ pure: it imports only lib/ and functions/assets', () => {
    const offending = files
      .filter(({ name }) => name.startsWith('documents/'))
      .flatMap(({ name, imports }) =>
        imports
          .filter((target) => !['documents/', 'lib/', '../assets/'].some((floor) => target.startsWith(floor)))
          .map((target) => `${name} → ${target}`),
      );
    expect(offending).toEqual([]);
  });

  it('has one composition root: only wiring.ts imports both store/ and gateways/', () => {
    const both = files.filter(
      ({ imports }) => importsFrom(imports, 'store').length > 0 && importsFrom(imports, 'gateways').length > 0,
    );
    expect(both.map(({ name }) => name)).toEqual(['wiring.ts']);
  });

  it('builds every table key in store/keys.ts', () => {
    const offending = files
      .filter(({ name }) => name !== 'store/keys.ts')
      .flatMap(({ name, file }) =>
        withoutComments(readFileSync(file, 'utf8'))
          .split('\n')
          .filter((line) => /['`][A-Z][A-Z_]+#/.test(line))
          .map((line) => `${name}: ${line.trim()}`),
      );
    expect(offending).toEqual([]);
  });

  it('reads one item one way: a GetCommand only in getItem', () => {
    const offending = files
      .filter(({ name }) => name !== 'store/client.ts')
      .filter(({ file }) => /\bnew GetCommand\(/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map(({ name }) => name);
    expect(offending).toEqual([]);
  });
});
