import { contracts } from '@linli/shared';
import { routes as dev } from '../functions/src/http/dev';
import { routes as documents } from '../functions/src/http/documents/index';
import { routes as fund } from '../functions/src/http/fund/index';
import { routes as identity } from '../functions/src/http/identity/index';
import { routes as ledger } from '../functions/src/http/ledger/index';
import { routes as market } from '../functions/src/http/market/index';
import { routes as media } from '../functions/src/http/media/index';
import { routes as office } from '../functions/src/http/office/index';
import { routes as shop } from '../functions/src/http/shop/index';
import { routes as timebank } from '../functions/src/http/timebank/index';
import type { AreaRoutes, RouteName } from '../functions/src/http/area';
import type { JobName } from '../functions/src/jobs';

/**
 * Linli's deployable units (issue 14), from which `serverless.yml` takes its `functions:`
 * (through `infra/serverless-functions.js`) and the tests, the bench and `npm start` take theirs.
 *
 * - **One function per area** — identity, timebank, ledger, market, shop, fund, office — serving
 *   every route of the area (its `http/<area>/index.ts` table; API Gateway still has one route per
 *   contract, so an unknown path never reaches a Lambda); the handler files stay one per route.
 * - **`dev`**: the dev stage's own routes (dev login, dev pay). It exists on the `dev` stage only:
 *   on any other stage neither the function nor its routes are in the template.
 * - **`jobs`** and **`reconcile`**: the scheduled jobs (EventBridge sends `{ job }`); reconciliation
 *   reads whole communities and gets the longest timeout, so it has its own function.
 */
export const AREAS = { identity, timebank, ledger, market, shop, fund, office, documents, media } satisfies Record<
  string,
  AreaRoutes
>;

/** Each job's schedule (EventBridge, UTC) and the function that runs it. */
export const SCHEDULES: Record<JobName, { schedule: string; functionName: 'jobs' | 'reconcile' }> = {
  closeOpenAttendances: { schedule: 'rate(5 minutes)', functionName: 'jobs' },
  expireUnpaidOrders: { schedule: 'rate(1 minute)', functionName: 'jobs' },
  // 09:00 China time (UTC+8)
  createPledgeDonations: { schedule: 'cron(0 1 * * ? *)', functionName: 'jobs' },
  // 00:30 China time, just after the month turns
  expirePoints: { schedule: 'cron(30 16 * * ? *)', functionName: 'jobs' },
  sendSubscribeMessages: { schedule: 'rate(1 minute)', functionName: 'jobs' },
  sendActivityReminders: { schedule: 'rate(5 minutes)', functionName: 'jobs' },
  // WeChat shipping uploads (发货信息管理) due a retry; the back-off is in the due times.
  retryShippingUploads: { schedule: 'rate(1 minute)', functionName: 'jobs' },
  // Photos whose WeChat image-check verdict is an hour late go to the office's review queue.
  holdOverdueImageChecks: { schedule: 'rate(5 minutes)', functionName: 'jobs' },
  // 04:00 China time: what has outlived its retention (README, "Retention schedule (issue 20)")
  applyRetention: { schedule: 'cron(0 20 * * ? *)', functionName: 'jobs' },
  // Members added before member numbers get theirs (a bounded part each run; one read once done).
  numberMembers: { schedule: 'rate(10 minutes)', functionName: 'jobs' },
  // 03:00 China time
  reconcile: { schedule: 'cron(0 19 * * ? *)', functionName: 'reconcile' },
};

/** Seconds (the HTTP functions take the provider's: 10, or 30 on the busy laptops of the dev stage). API Gateway's HTTP API waits at most 30 s for a Lambda; reconciliation of a whole community takes longer. */
export const TIMEOUTS = {
  /** `POST …/reconciliation` rebuilds one community's balances while the admin waits. */
  ledger: 29,
  jobs: 300,
  reconcile: 900,
  /** Completing an upload decodes and resizes a photo of up to 50 megapixels. */
  media: 29,
} as const;

export interface HttpRoute {
  name: RouteName;
  method: string;
  path: string;
}

interface FunctionDefinition {
  handler: string;
  timeout?: number | string;
  events: (
    | { httpApi: { method: string; path: string } }
    | { schedule: { rate: string[]; input: { job: JobName }; enabled?: false } }
  )[];
  destinations?: { onFailure: { type: 'sqs'; arn: Record<string, unknown> } };
}

/** The routes of an area's table, as API Gateway routes (method and path from each contract). */
export function areaRoutes(routes: AreaRoutes): HttpRoute[] {
  return (Object.keys(routes) as RouteName[]).map((name) => ({
    name,
    method: contracts[name].method,
    path: contracts[name].path,
  }));
}

/** Every HTTP function of a stage: the areas, and `dev` on the dev stage only. */
export function httpFunctions(stage: string): Record<string, { handler: string; routes: HttpRoute[] }> {
  const functions: Record<string, { handler: string; routes: HttpRoute[] }> = {};
  for (const [area, routes] of Object.entries(AREAS)) {
    functions[area] = { handler: `functions/src/http/${area}/index.handler`, routes: areaRoutes(routes) };
  }
  if (stage === 'dev') functions.dev = { handler: 'functions/src/http/dev.handler', routes: areaRoutes(dev) };
  return functions;
}

const onFailure = { type: 'sqs', arn: { 'Fn::GetAtt': ['JobFailuresQueue', 'Arn'] } } as const;

/**
 * serverless.yml's `functions:` for a stage. `schedules: 'off'` leaves the jobs' schedule events disabled:
 * the local stack (scripts/local/offline.ts) asks for it — serverless-offline would otherwise run every
 * job on its schedule against the shared table while the tests run (a run walking thousands of test
 * communities stalled DynamoDB Local, and every API call with it, for ~100 s); `npm start` runs the jobs
 * itself (scripts/start.ts) and the tests run each job they check.
 */
export function serverlessFunctions(
  stage: string,
  options: { schedules?: 'on' | 'off' } = {},
): Record<string, FunctionDefinition> {
  const scheduled = options.schedules === 'off' ? { enabled: false as const } : {};
  const functions: Record<string, FunctionDefinition> = {};
  for (const [name, { handler, routes }] of Object.entries(httpFunctions(stage))) {
    functions[name] = {
      handler,
      ...(name === 'ledger' || name === 'media' ? { timeout: TIMEOUTS[name] } : {}),
      events: routes.map(({ method, path }) => ({ httpApi: { method, path } })),
    };
  }
  for (const functionName of ['jobs', 'reconcile'] as const) {
    const jobs = (Object.keys(SCHEDULES) as JobName[]).filter((job) => SCHEDULES[job].functionName === functionName);
    functions[functionName] = {
      handler: 'functions/src/jobs/index.handler',
      timeout: TIMEOUTS[functionName],
      events: jobs.map((job) => ({ schedule: { rate: [SCHEDULES[job].schedule], input: { job }, ...scheduled } })),
      // A scheduled run that still fails after Lambda's two retries lands here (alarmed on).
      ...(stage === 'dev' ? {} : { destinations: { onFailure } }),
    };
  }
  return functions;
}
