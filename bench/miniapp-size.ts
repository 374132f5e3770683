import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Sizes of the mini-program as WeChat counts them (bytes of the files under each package root) and of the H5 first load. */
export const MINIAPP_DIST = path.resolve(__dirname, '..', 'miniapp', 'dist');
export const MAIN_PACKAGE_BUDGET_BYTES = 1.5 * 1024 * 1024;
export const SUBPACKAGE_BUDGET_BYTES = 2 * 1024 * 1024;

export interface PackageSize {
  name: string;
  bytes: number;
  budgetBytes: number;
}

export interface WeappSizes {
  main: PackageSize;
  subpackages: PackageSize[];
  totalBytes: number;
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Subpackage roots from the built app.json (the same list as miniapp/src/app.config.ts). */
function subpackageRoots(weapp: string): string[] {
  const app = JSON.parse(readFileSync(path.join(weapp, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  return (app.subPackages ?? app.subpackages ?? []).map((entry) => entry.root.replace(/\/+$/, ''));
}

export function weappSizes(weapp = path.join(MINIAPP_DIST, 'weapp')): WeappSizes {
  if (!existsSync(path.join(weapp, 'app.json'))) {
    throw new Error(`${weapp} has no app.json: run \`npm run build:weapp\` first`);
  }
  const roots = subpackageRoots(weapp);
  const bytesByRoot = new Map<string, number>(roots.map((root) => [root, 0]));
  let mainBytes = 0;
  for (const file of filesUnder(weapp)) {
    const relative = path.relative(weapp, file).split(path.sep).join('/');
    const bytes = statSync(file).size;
    const root = roots.find((candidate) => relative.startsWith(`${candidate}/`));
    if (root) bytesByRoot.set(root, (bytesByRoot.get(root) ?? 0) + bytes);
    else mainBytes += bytes;
  }
  const subpackages = roots.map((root) => ({
    name: root,
    bytes: bytesByRoot.get(root) ?? 0,
    budgetBytes: SUBPACKAGE_BUDGET_BYTES,
  }));
  return {
    main: { name: 'main', bytes: mainBytes, budgetBytes: MAIN_PACKAGE_BUDGET_BYTES },
    subpackages,
    totalBytes: mainBytes + subpackages.reduce((sum, entry) => sum + entry.bytes, 0),
  };
}

/**
 * The scripts index.html runs before anything renders — inline in the page (the H5 build inlines its
 * entry scripts, issue 21) and loaded by `src` — with their bytes and gzipped bytes (what the browser
 * downloads) and their text (`source`). `files` names the loaded ones; the page's own bytes count the
 * inline ones.
 */
export function h5FirstLoad(h5 = path.join(MINIAPP_DIST, 'h5')): {
  files: string[];
  bytes: number;
  gzipBytes: number;
  source: string;
} {
  const html = readFileSync(path.join(h5, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map((match) => match[1]!);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (match) => match[1] ?? '',
  );
  const contents = [
    ...inline.map((text) => Buffer.from(text, 'utf8')),
    ...files.map((source) => readFileSync(path.join(h5, source.replace(/^\/+/, '')))),
  ];
  let bytes = 0;
  let gzipBytes = 0;
  for (const content of contents) {
    bytes += content.byteLength;
    gzipBytes += gzipSync(content, { level: 9 }).byteLength;
  }
  return { files, bytes, gzipBytes, source: contents.map((content) => content.toString('utf8')).join('\n') };
}
