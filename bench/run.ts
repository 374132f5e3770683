import './quiet';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { budgetFor, buildFunctions, coldImportMilliseconds, ROOT } from './bundles';
import { formatCounts, totalRequests } from './counting-client';
import { h5FirstLoad, MINIAPP_DIST, weappSizes } from './miniapp-size';
import { monthlyCost, PRICES } from './cost';
import { measureOverhead } from './overhead';
import { measureBurst } from './burst';
import { CPU_SLOWDOWN, FIRST_SCREEN_BUDGET_MILLISECONDS, SLOW_4G, measureFirstScreens } from './first-screen';
import { measureScale, type ScaleSize } from './scale';
import { startBenchStack } from './stack';
import { kilobytes, milliseconds, renderTable, type Section } from './table';
import { measureThroughput } from './throughput';
import { envNumber, now } from './timing';

/**
 * `npm run bench` (issue 7): bundle sizes and cold imports, mini-program sizes, handler overhead,
 * DynamoDB requests per route, throughput under concurrency and timings at scale — one table,
 * bench/results.json, and a non-zero exit when a size budget is missed.
 * Knobs: BENCH_SECTIONS=bundles,miniapp,overhead,throughput,scale,burst,screen (default all), BENCH_* sizes below.
 */
const SECTIONS = new Set(
  (process.env.BENCH_SECTIONS ?? 'bundles,miniapp,overhead,throughput,scale,burst,screen')
    .split(',')
    .map((name) => name.trim()),
);
const SIZES = {
  coldRuns: envNumber('BENCH_COLD_RUNS', 5),
  overheadIterations: envNumber('BENCH_OVERHEAD_ITERATIONS', 200),
  checkins: envNumber('BENCH_CHECKINS', 1_000),
  approvals: envNumber('BENCH_APPROVALS', 200),
  redemptions: envNumber('BENCH_REDEMPTIONS', 200),
  signups: envNumber('BENCH_SIGNUPS', 200),
  concurrency: envNumber('BENCH_CONCURRENCY', 100),
  burst: envNumber('BENCH_BURST', 200),
  screenRuns: envNumber('BENCH_SCREEN_RUNS', 3),
  scaleRuns: envNumber('BENCH_SCALE_RUNS', 30),
  scale: {
    members: envNumber('BENCH_SCALE_MEMBERS', 20_000),
    activities: envNumber('BENCH_SCALE_ACTIVITIES', 2_000),
    postings: envNumber('BENCH_SCALE_POSTINGS', 200_000),
  } satisfies ScaleSize,
  smallDivisor: envNumber('BENCH_SCALE_SMALL_DIVISOR', 20),
};

const results: Record<string, unknown> = { startedAt: new Date().toISOString(), sizes: SIZES };
const sections: Section[] = [];
const failures: string[] = [];
const ok = (passed: boolean) => (passed ? 'ok' : 'FAIL');
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function bundles() {
  const started = now();
  const { bundles: built, missing } = await buildFunctions();
  for (const fn of missing) failures.push(`function ${fn.name}: handler file ${fn.entry} does not exist`);
  log(`bundled ${built.length} functions in ${((now() - started) / 1000).toFixed(1)} s`);
  const directory = path.join(ROOT, '.esbuild', 'bench-cold-import');
  rmSync(directory, { recursive: true, force: true });
  const rows = [];
  for (const bundle of built.sort((left, right) => right.bytes - left.bytes)) {
    const coldImport = await coldImportMilliseconds(bundle, directory, SIZES.coldRuns);
    const passed = bundle.bytes <= budgetFor(bundle.name);
    if (!passed)
      failures.push(`function ${bundle.name}: ${kilobytes(bundle.bytes)} > ${kilobytes(budgetFor(bundle.name))}`);
    rows.push({
      name: bundle.name,
      entry: bundle.entry,
      bytes: bundle.bytes,
      coldImportMilliseconds: coldImport.importMilliseconds,
      busiestRoute: coldImport.route,
      routeLoadMilliseconds: coldImport.routeMilliseconds,
      passed,
    });
  }
  rmSync(directory, { recursive: true, force: true });
  results.bundles = rows;
  results.missingFunctions = missing;
  sections.push({
    title: `1. Functions (one per area, infra/functions.ts, prod): esbuild bundle as deployed (serverless.yml custom.esbuild), cold import and the busiest route's first load (medians of ${SIZES.coldRuns} fresh node processes)`,
    header: ['function', 'bundle', 'cold import', 'busiest route', '+ first load', 'budget', 'result'],
    rows: [
      ...rows.map((row) => [
        row.name,
        kilobytes(row.bytes),
        milliseconds(row.coldImportMilliseconds),
        row.busiestRoute ?? '—',
        row.busiestRoute ? milliseconds(row.routeLoadMilliseconds) : '—',
        `≤ ${kilobytes(budgetFor(row.name))}`,
        ok(row.passed),
      ]),
      ...missing.map((fn) => [
        fn.name,
        '—',
        '—',
        '—',
        '—',
        `≤ ${kilobytes(budgetFor(fn.name))}`,
        `FAIL: no ${fn.entry}`,
      ]),
    ],
  });
}

function ensureMiniappBuilt() {
  const force = process.env.BENCH_BUILD_MINIAPP === '1';
  for (const platform of ['weapp', 'h5'] as const) {
    const marker = path.join(MINIAPP_DIST, platform, platform === 'weapp' ? 'app.json' : 'index.html');
    if (existsSync(marker) && !force) continue;
    log(`building the ${platform} mini-program (npm run build:${platform})`);
    const build = spawnSync('npm', ['run', `build:${platform}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (build.status !== 0) throw new Error(`npm run build:${platform} failed:\n${build.stdout}\n${build.stderr}`);
  }
}

function miniapp() {
  ensureMiniappBuilt();
  const weapp = weappSizes();
  const h5 = h5FirstLoad();
  const packages = [weapp.main, ...weapp.subpackages];
  for (const entry of packages) {
    if (entry.bytes > entry.budgetBytes) failures.push(`weapp package ${entry.name}: ${kilobytes(entry.bytes)}`);
  }
  results.miniapp = { weapp, h5 };
  sections.push({
    title: '2. Mini-program: weapp packages (bytes of the files under each root) and H5 first load',
    header: ['package', 'size', 'budget', 'result'],
    rows: [
      ...packages.map((entry) => [
        entry.name === 'main' ? 'weapp main package' : `weapp subpackage ${entry.name}/`,
        kilobytes(entry.bytes),
        `≤ ${kilobytes(entry.budgetBytes)}`,
        ok(entry.bytes <= entry.budgetBytes),
      ]),
      ['weapp total', kilobytes(weapp.totalBytes), '', ''],
      [
        `H5 first-load JS, gzip (${h5.files.length} scripts)`,
        kilobytes(h5.gzipBytes),
        `(${kilobytes(h5.bytes)} raw)`,
        '',
      ],
    ],
  });
}

/** Section 4b: request units per call and what a community (and a city of 300) costs a month. */
function costSection(overhead: Parameters<typeof monthlyCost>[0]) {
  const rows = monthlyCost(overhead);
  const yuan = (value: number) => `${PRICES.currency}${value.toFixed(value < 1 ? 4 : 2)}`;
  const total = rows.reduce((sum, row) => sum + row.dynamodbYuan + row.lambdaYuan, 0);
  results.cost = { prices: PRICES, rows, communityYuanPerMonth: total, cityYuanPerMonth: total * 300 };
  sections.push({
    title: `4b. Cost per action and per month (on-demand DynamoDB + Lambda ${PRICES.lambdaMemoryGb * 1024} MB, ${PRICES.region}; prices and profile in bench/cost.ts)`,
    header: ['route', 'RRU/call', 'WRU/call', 'calls/month', 'DynamoDB/month', 'Lambda/month', '300 communities'],
    rows: [
      ...rows.map((row) => [
        row.route,
        row.readUnits.toFixed(1),
        row.writeUnits.toFixed(1),
        row.callsPerMonth.toLocaleString('en'),
        yuan(row.dynamodbYuan),
        yuan(row.lambdaYuan),
        yuan((row.dynamodbYuan + row.lambdaYuan) * 300),
      ]),
      ['one community, a month', '', '', '', '', yuan(total), yuan(total * 300)],
    ],
  });
}

async function database() {
  const stack = await startBenchStack();
  try {
    if (SECTIONS.has('overhead')) {
      log(`handler overhead: ${SIZES.overheadIterations} sequential calls per route`);
      const overhead = await measureOverhead(stack, SIZES.overheadIterations);
      results.overhead = overhead;
      sections.push({
        title: `3. Handler overhead: full handler vs the bare DynamoDB requests its access pattern needs, as parallel as possible (${SIZES.overheadIterations} sequential calls each, interleaved, DynamoDB Local)`,
        header: [
          'route',
          'handler p50',
          'handler p99',
          'bare p50',
          'bare p99',
          'ratio p50',
          'ratio p99',
          'goal ≤ 1.2× p50',
        ],
        rows: overhead.map((row) => [
          row.route,
          milliseconds(row.handlerP50),
          milliseconds(row.handlerP99),
          milliseconds(row.bareP50),
          milliseconds(row.bareP99),
          `${row.ratioP50.toFixed(2)}×`,
          `${row.ratioP99.toFixed(2)}×`,
          row.ratioP50 <= 1.2 ? 'met' : 'missed',
        ]),
      });
      sections.push({
        title:
          '4. DynamoDB requests per call (counted on the real client; pinned in tests/integration/request-counts.test.ts)',
        header: ['route', 'handler requests', 'total', 'bare data path', 'idempotency'],
        rows: overhead.map((row) => [
          row.route + (row.varies ? ' (varies)' : ''),
          formatCounts(row.requests),
          String(totalRequests(row.requests)),
          formatCounts(row.bareRequests),
          row.requests.PutItem && row.requests.UpdateItem ? 'PutItem + UpdateItem' : '—',
        ]),
      });
      costSection(overhead);
    }
    if (SECTIONS.has('throughput')) {
      log('throughput under concurrency');
      const throughput = await measureThroughput(stack, SIZES);
      results.throughput = throughput;
      for (const row of throughput) {
        if (row.lost > 0 || row.duplicated > 0) {
          failures.push(`${row.scenario}: ${row.lost} lost, ${row.duplicated} duplicated or over capacity`);
        }
      }
      sections.push({
        title: `5. Throughput: concurrent in-process handlers over DynamoDB Local (${SIZES.concurrency} in flight)`,
        header: ['scenario', 'requests', 'seconds', 'ops/s', 'replies', 'recorded/expected', 'lost', 'duplicated'],
        rows: throughput.map((row) => [
          row.scenario,
          String(row.requests),
          row.seconds.toFixed(2),
          row.operationsPerSecond.toFixed(0),
          Object.entries(row.statuses)
            .map(([status, count]) => `${status}×${count}`)
            .join(' '),
          `${row.recordedEffects}/${row.expectedEffects}`,
          String(row.lost),
          String(row.duplicated),
        ]),
      });
    }
    if (SECTIONS.has('scale')) {
      const small: ScaleSize = {
        members: Math.ceil(SIZES.scale.members / SIZES.smallDivisor),
        activities: Math.ceil(SIZES.scale.activities / SIZES.smallDivisor),
        postings: Math.max(2_400, Math.ceil(SIZES.scale.postings / SIZES.smallDivisor)),
      };
      log(`scale: ${JSON.stringify(small)}`);
      const smallRun = await measureScale(stack, small, SIZES.scaleRuns);
      log(`scale: ${JSON.stringify(SIZES.scale)} (generated small in ${smallRun.generateSeconds.toFixed(1)} s)`);
      const fullRun = await measureScale(stack, SIZES.scale, SIZES.scaleRuns);
      log(`scale: generated full in ${fullRun.generateSeconds.toFixed(1)} s`);
      results.scale = { small: smallRun, full: fullRun };
      const describe = (size: ScaleSize) =>
        `${size.members} members/${size.activities} activities/${size.postings} postings`;
      sections.push({
        title: `6. Scale: p50 (p99) of ${SIZES.scaleRuns} calls at ${describe(small)} vs ${describe(SIZES.scale)}`,
        header: ['route', 'small p50', 'full p50', 'small p99', 'full p99', 'grows?', 'requests per call'],
        rows: fullRun.timings.map((full, index) => {
          const smallTiming = smallRun.timings[index]!;
          if (full.missing) return [full.route, '—', '—', '—', '—', '—', full.missing];
          const sameRequests = formatCounts(smallTiming.requests) === formatCounts(full.requests);
          return [
            full.route,
            milliseconds(smallTiming.p50),
            milliseconds(full.p50),
            milliseconds(smallTiming.p99),
            milliseconds(full.p99),
            full.p50 > 2 * smallTiming.p50 + 5 ? 'GROWS' : 'no',
            `${formatCounts(full.requests)}${sameRequests ? '' : ` (small: ${formatCounts(smallTiming.requests)})`}${full.requests.Scan ? ' SCAN!' : ''}`,
          ];
        }),
        notes: [
          'grows? = full p50 > 2 × small p50 + 5 ms. Requests per call are the same at both sizes and no route scans.',
          'Hot reads use SK BETWEEN rather than begins_with(SK, …): DynamoDB serves both as a key range, but DynamoDB',
          'Local walks the whole partition for begins_with (measured: 2,000 → 40,000 items, 8 → 67 ms; BETWEEN 6 → 2.5 ms).',
          `generated with BatchWriteItem: small ${smallRun.generateSeconds.toFixed(1)} s, full ${fullRun.generateSeconds.toFixed(1)} s`,
        ],
      });
    }
  } finally {
    await stack.stop();
  }
}

/** npm start's API (serverless-offline) under a burst of BENCH_BURST requests at once. */
async function burst() {
  log(`burst: ${SIZES.burst} requests at once against the local stack (osls offline)`);
  const rows = await measureBurst(SIZES.burst);
  results.burst = rows;
  for (const row of rows) {
    const failed =
      row.requests -
      Object.entries(row.statuses)
        .filter(([status]) => status.startsWith('2'))
        .reduce((sum, [, count]) => sum + count, 0);
    if (failed > 0) failures.push(`burst ${row.name}: ${failed} of ${row.requests} not answered 2xx`);
  }
  sections.push({
    title: `7. Burst: ${SIZES.burst} requests at once against npm start's API (serverless-offline), peak memory of its process`,
    header: ['requests', 'answers', 'all answered in', 'peak memory'],
    rows: rows.map((row) => [
      row.name,
      Object.entries(row.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(' '),
      `${row.seconds.toFixed(1)} s`,
      `${row.peakMegabytes.toFixed(0)} MB`,
    ]),
  });
}

/** The H5 app's first screen on DevTools' "Slow 4G" with a 4× slower CPU (issue 21: interactive in under 2 s). */
async function firstScreen() {
  ensureMiniappBuilt();
  log(`first screen: ${SIZES.screenRuns} cold visits each on Slow 4G, CPU ×${CPU_SLOWDOWN}`);
  const rows = await measureFirstScreens(SIZES.screenRuns);
  results.firstScreen = { network: SLOW_4G, cpuSlowdown: CPU_SLOWDOWN, rows };
  for (const row of rows) {
    if (!(row.timeToInteractive < FIRST_SCREEN_BUDGET_MILLISECONDS))
      failures.push(`first screen (${row.who}): interactive at ${milliseconds(row.timeToInteractive)}`);
  }
  const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
  sections.push({
    title:
      `8. First screen of the H5 app in Chromium on DevTools' "Slow 4G" (${SLOW_4G.latency} ms a request, ` +
      `${((SLOW_4G.downloadThroughput * 8) / 1e6).toFixed(2)} Mbit/s down) and a ${CPU_SLOWDOWN}× slower CPU, ` +
      `compressed as served; medians of ${SIZES.screenRuns} cold visits`,
    header: ['who', 'first contentful paint', 'screen ready', 'time to interactive', 'transferred', 'requests', 'goal'],
    rows: rows.map((row) => [
      row.who,
      seconds(row.firstContentfulPaint),
      seconds(row.ready),
      seconds(row.timeToInteractive),
      kilobytes(row.transferredBytes),
      String(row.requests),
      `< ${seconds(FIRST_SCREEN_BUDGET_MILLISECONDS)}: ${ok(row.timeToInteractive < FIRST_SCREEN_BUDGET_MILLISECONDS)}`,
    ]),
  });
}

async function main() {
  const started = now();
  if (SECTIONS.has('bundles')) await bundles();
  if (SECTIONS.has('miniapp')) miniapp();
  if (['overhead', 'throughput', 'scale'].some((name) => SECTIONS.has(name))) await database();
  if (SECTIONS.has('burst')) await burst();
  if (SECTIONS.has('screen')) await firstScreen();
  const wallSeconds = (now() - started) / 1000;
  Object.assign(results, { finishedAt: new Date().toISOString(), wallSeconds, failures });
  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderTable(sections)}\n\n`);
  process.stdout.write(
    failures.length === 0
      ? `All size and speed budgets met. Wall time ${wallSeconds.toFixed(0)} s. Results: bench/results.json\n`
      : `Size or speed budgets missed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}\n`,
  );
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
