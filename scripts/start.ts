/**
 * `npm start`: the whole of Linli on this machine, no AWS account, no docker.
 * DynamoDB Local (data in .local/dynamodb, or --in-memory) → the table from infra/ →
 * the demo community → the API from serverless.yml (osls offline, stage dev) →
 * the H5 app built and served with /v1 forwarded to the API. Ctrl-C stops it all.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Server } from 'node:http';
import { JAVA_MISSING_HELP, javaAvailable } from './local/dynamodb-local';
import { serveH5 } from './local/serve-h5';
import { SCHEDULES } from '../infra/functions';
import type { JobName } from '../functions/src/jobs';
import { LOCAL_DIRECTORY, ROOT, localJwtSecret, startLocalStack, type LocalStack } from './local/stack';

const flags = new Set(process.argv.slice(2));
/** The scheduled jobs of infra/functions.ts (every minute to daily there) but reconciliation; locally all once a minute. */
const SCHEDULED_JOBS = (Object.keys(SCHEDULES) as JobName[]).filter((job) => SCHEDULES[job].functionName === 'jobs');
const SCHEDULE_MILLISECONDS = 60_000;
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  if (!javaAvailable()) {
    console.error(JAVA_MISSING_HELP);
    process.exit(1);
  }
  const ports = {
    database: port('LINLI_DYNAMODB_PORT', 8000),
    api: port('LINLI_API_PORT', 3000),
    lambda: port('LINLI_LAMBDA_PORT', 3002),
    h5: port('LINLI_H5_PORT', 10086),
    wechat: port('LINLI_WECHAT_API_PORT', 3003),
    storage: port('LINLI_STORAGE_PORT', 4569),
  };
  if (!flags.has('--skip-h5-build')) {
    console.log('› Building the H5 app (miniapp/dist/h5)…');
    const build = spawnSync('npm', ['run', 'build:h5', '--silent'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, LINLI_API_BASE: '', LINLI_STAGE: 'dev' },
    });
    if (build.status !== 0) throw new Error('The H5 build failed (see above)');
  }
  console.log('› Starting DynamoDB Local, the table, the demo data and the API…');
  const running: { stack?: LocalStack; web?: Server; stopping?: boolean; schedule?: NodeJS.Timeout } = {};
  const stop = async (code: number) => {
    if (running.stopping) return;
    running.stopping = true;
    clearInterval(running.schedule);
    console.log('\n› Stopping the API, DynamoDB Local and the web server…');
    running.web?.close();
    await running.stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const stack = await startLocalStack({
    databasePort: ports.database,
    apiPort: ports.api,
    lambdaPort: ports.lambda,
    wechatApiPort: ports.wechat,
    storagePort: ports.storage,
    dataDirectory: flags.has('--in-memory') ? undefined : path.join(LOCAL_DIRECTORY, 'dynamodb'),
    jwtSecret: localJwtSecret(),
    // The certificates' QR codes lead to the H5 app's public check page.
    extraEnvironment: { LOG_LEVEL: 'INFO', PUBLIC_APP_URL: `http://127.0.0.1:${ports.h5}` },
    echo: flags.has('--verbose'),
  });
  running.stack = stack;
  stack.api.process.on('exit', (code) => {
    if (running.stopping) return;
    console.error(`The API process exited (${code}).\n${stack.api.output().slice(-4000)}`);
    void stop(1);
  });
  // serverless-offline's own schedule is off for the local stack (infra/functions.ts): the jobs run here, as
  // EventBridge would, once a minute.
  running.schedule = setInterval(() => {
    for (const job of SCHEDULED_JOBS) {
      stack.api.invoke('jobs', { job }).catch((error: Error) => console.error(`${job}: ${error.message}`));
    }
  }, SCHEDULE_MILLISECONDS);
  running.web = await serveH5({
    port: ports.h5,
    root: path.join(ROOT, 'miniapp', 'dist', 'h5'),
    apiUrl: stack.api.url,
    storageUrl: stack.storage.endpoint,
  });
  console.log(
    [
      '',
      'Linli is running (stage dev):',
      `  App (H5, also the office console):  http://127.0.0.1:${ports.h5}/`,
      `  API:                                ${stack.api.url}   e.g. curl ${stack.api.url}/v1/communities/demo`,
      `  DynamoDB Local:                     ${stack.database.endpoint}   table linli-dev, ${flags.has('--in-memory') ? 'in memory' : 'data in .local/dynamodb'}`,
      `  WeChat API stand-in:                ${stack.wechat.url}   stable_token, getwxacodeunlimit, jscode2session, msg_sec_check, media_check_async (verdicts pushed to the API), order shipping`,
      `  Object storage (S3 API, s3rver):    ${stack.storage.endpoint}   bucket ${stack.storage.bucket}, photos in .local/object-storage${flags.has('--in-memory') ? ' (emptied each start)' : ''}`,
      `  Scheduled jobs (every minute):      ${SCHEDULED_JOBS.join(', ')}`,
      '  Demo logins (dev stage): demo-admin, demo-staff, demo-staff-2, demo-merchant, demo-maker, demo-resident',
      '',
      'Press Ctrl-C to stop everything.',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
