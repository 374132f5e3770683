import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { serverlessFunctions } from '../infra/functions';

/** Every deployed function (infra/functions.ts, prod) bundled as serverless-esbuild deploys it, and how fast a cold start imports it. */
export const ROOT = path.resolve(__dirname, '..');
/**
 * Per deployable function (issue 14: one per area, each serving all its routes): the minified
 * bundle. It was 300 KB per route when each route was its own function.
 */
export const FUNCTION_BUDGET_BYTES = 400 * 1024;

/**
 * The functions allowed more than FUNCTION_BUDGET_BYTES, each with its reason. `documents` (issue 18:
 * the 志愿服务记录证明 PDF) carries pdfkit with fontkit and their Unicode/shaping tables (~1.0 MB
 * minified) and the Noto Sans SC subset it embeds from, inlined by esbuild's binary loader as base64
 * (1.56 MB of WOFF → 2.09 MB): the renderer alone bundles to ~3.1 MB (tests/static/documents-bundle.test.ts).
 * 3.5 MiB leaves ~400 KB for its routes, as every other function gets. `media` (issue 19: photos) decodes and
 * resizes images in pure JavaScript (jimp's JPEG and PNG codecs, ~250 KB) and WebP with Google's libwebp as
 * WebAssembly (~300 KB of wasm, inlined as base64): ~820 KB in all; 1.25 MiB leaves the same room.
 */
export const FUNCTION_BUDGETS_BYTES: Readonly<Record<string, number>> = {
  documents: 3.5 * 1024 * 1024,
  media: 1.25 * 1024 * 1024,
};

/** The bundle budget of the function `name`, in bytes: its own entry in FUNCTION_BUDGETS_BYTES, else FUNCTION_BUDGET_BYTES. */
export const budgetFor = (name: string): number => FUNCTION_BUDGETS_BYTES[name] ?? FUNCTION_BUDGET_BYTES;

export interface FunctionEntry {
  name: string;
  /** `functions/src/http/identity/dev-login.ts` */
  entry: string;
}

export interface Bundle extends FunctionEntry {
  bytes: number;
  code: string;
}

type YamlType = new (tag: string, options: { kind: string; construct: (data: unknown) => unknown }) => unknown;
interface JsYaml {
  load(text: string, options: { schema: unknown }): unknown;
  Type: YamlType;
  DEFAULT_SCHEMA: { extend(types: unknown[]): unknown };
}

/** serverless.yml uses CloudFormation short forms (!GetAtt, !Join, !Sub …): read them as plain data. */
function serverlessSchema(yaml: JsYaml): unknown {
  const tags = ['Ref', 'GetAtt', 'Join', 'Sub', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap'];
  const types = tags.flatMap((tag) =>
    ['scalar', 'sequence', 'mapping'].map(
      (kind) => new yaml.Type(`!${tag}`, { kind, construct: (data: unknown) => ({ [tag]: data }) }),
    ),
  );
  return yaml.DEFAULT_SCHEMA.extend(types);
}

interface ServerlessConfig {
  custom: { esbuild: Record<string, unknown> & { exclude?: string[]; external?: string[] } };
}

export function readServerlessConfig(): ServerlessConfig {
  const yaml = require('js-yaml') as JsYaml;
  const text = readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');
  return yaml.load(text, { schema: serverlessSchema(yaml) }) as ServerlessConfig;
}

/** The functions of a real stage (prod: no dev routes), from infra/functions.ts as serverless.yml takes them. */
export function functionEntries(): FunctionEntry[] {
  return Object.entries(serverlessFunctions('prod')).map(([name, { handler }]) => ({
    name,
    entry: `${handler.slice(0, handler.lastIndexOf('.'))}.ts`,
  }));
}

/**
 * custom.esbuild as serverless-esbuild turns it into esbuild options: its own keys
 * (exclude, packager, …) removed, `exclude` added to `external`.
 */
export function esbuildOptions(config = readServerlessConfig()): BuildOptions {
  const {
    exclude = [],
    external = [],
    bundle,
    minify,
    sourcemap,
    target,
    platform,
    format,
    loader,
  } = config.custom.esbuild;
  return {
    bundle: bundle as boolean,
    minify: minify as boolean,
    sourcemap: sourcemap as BuildOptions['sourcemap'],
    target: target as string,
    platform: platform as BuildOptions['platform'],
    format: format as BuildOptions['format'],
    loader: loader as BuildOptions['loader'],
    external: [...external, ...exclude],
  };
}

/**
 * Bundles every function (esbuild, in memory; one build with every entry point, so shared
 * modules are parsed once; each output is still a standalone bundle, as deployed).
 * bytes = the deployed .js file, as serverless-esbuild writes it under .esbuild/.build.
 */
export async function buildFunctions(): Promise<{ bundles: Bundle[]; missing: FunctionEntry[] }> {
  const config = readServerlessConfig();
  const all = functionEntries();
  const missing = all.filter((fn) => !existsSync(path.join(ROOT, fn.entry)));
  const entries = all.filter((fn) => !missing.includes(fn));
  const outdir = path.join(ROOT, '.esbuild', '.build');
  const result = await build({
    ...esbuildOptions(config),
    absWorkingDir: ROOT,
    entryPoints: [...new Set(entries.map((fn) => fn.entry))].map((entry) => ({
      in: entry,
      out: entry.slice(0, -'.ts'.length),
    })),
    outdir,
    write: false,
    logLevel: 'silent',
  });
  const outputs = new Map(result.outputFiles.map((file) => [file.path, file]));
  const bundles = entries.map((fn) => {
    const output = outputs.get(path.join(outdir, fn.entry.replace(/\.ts$/, '.js')));
    if (!output) throw new Error(`esbuild produced no .js for ${fn.name}`);
    return { ...fn, bytes: output.contents.byteLength, code: output.text };
  });
  return { bundles, missing };
}

const run = promisify(execFile);

/**
 * The route a user most often meets each function on cold (the first request of a morning): what
 * a cold start costs them is the bundle's import plus that route's modules, loaded on first use.
 */
export const BUSIEST_ROUTES: Record<string, string> = {
  identity: 'getMe',
  timebank: 'checkin',
  ledger: 'getMyLedger',
  market: 'redeem',
  shop: 'createOrder',
  fund: 'getFund',
  office: 'getStats',
};

export interface ColdStart {
  /** Requiring the bundle, as Lambda's init does (ms). */
  importMilliseconds: number;
  /** The busiest route's modules loaded on top (ms); 0 for a function without routes (jobs). */
  routeMilliseconds: number;
  route?: string;
}

/** Medians over `runs` fresh `node` processes each requiring the bundle (and loading its busiest route), in ms. */
export async function coldImportMilliseconds(bundle: Bundle, directory: string, runs = 5): Promise<ColdStart> {
  const file = path.join(directory, `${bundle.name}.js`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(file, bundle.code);
  const route = BUSIEST_ROUTES[bundle.name];
  const script = [
    'const t0=process.hrtime.bigint();',
    `const m=require(${JSON.stringify(file)});`,
    'const t1=process.hrtime.bigint();',
    `Promise.resolve(${route ? `m.routes[${JSON.stringify(route)}]()` : 'undefined'}).then(()=>{`,
    'const t2=process.hrtime.bigint();',
    'process.stdout.write(JSON.stringify([Number(t1-t0)/1e6,Number(t2-t1)/1e6]))});',
  ].join('');
  const imports: number[] = [];
  const routes: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const { stdout } = await run(process.execPath, ['-e', script], {
      cwd: directory,
      env: { ...process.env, NODE_OPTIONS: '', AWS_REGION: 'local' },
    });
    const [importTime, routeTime] = JSON.parse(stdout) as [number, number];
    imports.push(importTime);
    routes.push(routeTime);
  }
  return { importMilliseconds: median(imports), routeMilliseconds: median(routes), route };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
