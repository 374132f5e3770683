import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageLayout, ROUTES } from './route-table';

/**
 * WeChat's subpackage rule: a subpackage may use the main package's code, never another subpackage's,
 * and the main package none of theirs. Checked over every relative import of the app's own code.
 */
const SUBPACKAGE_ROOTS = packageLayout(Object.values(ROUTES)).subPackages.map((subPackage) => subPackage.root);

function sourceFiles(directory = __dirname): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The file a relative import names (`../api` → `…/api/index.ts`), or undefined for a package import. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? base;
}

/** `office` for `…/src/office/pages/…`, `main` for everything outside a subpackage. */
function packageOf(file: string): string {
  const top = path.relative(__dirname, file).split(path.sep)[0] ?? '';
  return SUBPACKAGE_ROOTS.includes(top) ? top : 'main';
}

describe('packages', () => {
  it('knows the six subpackages', () => {
    expect([...SUBPACKAGE_ROOTS].sort()).toEqual(['fund', 'market', 'merchant', 'office', 'shop', 'volunteer']);
  });

  it('import only from their own package or the main package', () => {
    const crossings = sourceFiles().flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] ?? '');
      return specifiers.flatMap((specifier) => {
        const target = resolveImport(file, specifier);
        if (!target) return [];
        const [own, other] = [packageOf(file), packageOf(target)];
        return other === 'main' || other === own ? [] : [`${path.relative(__dirname, file)} → ${specifier}`];
      });
    });

    expect(crossings).toEqual([]);
  });
});
