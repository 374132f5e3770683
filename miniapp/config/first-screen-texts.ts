import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIRST_SCREEN_PAGES } from './first-screen';

/**
 * Which Chinese texts the H5 app's first screen needs (issue 21): the browsers' entry script carries
 * only these (`src/i18n/first-screen-texts.ts`, written by `npm run texts:first-screen -w miniapp`),
 * and the whole Chinese catalogue follows as a chunk of its own right after the first screen.
 *
 * Read off the source, as webpack builds the entry: from `src/app.tsx` and the first-screen pages
 * ({@link FIRST_SCREEN_PAGES}) along every static relative import (not `import()`, not `import type`,
 * not the catalogues themselves), every string literal that is a message key, and every key of a family
 * a template names (`error.${code}` → every `error.*`). Plain data in, plain data out: the test
 * `first-screen-texts.test.ts` checks the written file against it, so a new text on 我的 cannot be missed.
 */
export function firstScreenKeys(sourceRoot: string, allKeys: readonly string[]): string[] {
  const known = new Set(allKeys);
  const found = new Set<string>();
  const seen = new Set<string>();
  const queue = ['/app', ...FIRST_SCREEN_PAGES].map((route) => resolveModule(path.join(sourceRoot, route)));
  while (queue.length > 0) {
    const file = queue.pop();
    if (!file || seen.has(file) || isCatalogue(sourceRoot, file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, key] of source.matchAll(/['"]([A-Za-z][\w-]*(?:\.[\w-]+)+)['"]/g)) {
      if (known.has(key!)) found.add(key!);
    }
    for (const [, family] of source.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*)\.\$\{/g)) {
      for (const key of allKeys) if (key.startsWith(`${family}.`)) found.add(key);
    }
    for (const [, specifier] of source.matchAll(
      /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g,
    )) {
      const target = resolveModule(path.resolve(path.dirname(file), specifier!));
      if (target) queue.push(target);
    }
  }
  return allKeys.filter((key) => found.has(key));
}

/** `file` as webpack resolves a relative import of TypeScript: the file, `.ts`/`.tsx`, or its folder's index. */
function resolveModule(file: string): string | undefined {
  const candidates = [file, `${file}.ts`, `${file}.tsx`, path.join(file, 'index.ts'), path.join(file, 'index.tsx')];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
}

/** The catalogues hold every key as a literal: reading them would keep everything. */
function isCatalogue(sourceRoot: string, file: string): boolean {
  const relative = path.relative(path.join(sourceRoot, 'i18n'), file).replace(/\\/g, '/');
  return relative === 'messages.ts' || relative === 'english.ts' || relative.startsWith('catalogues/');
}
