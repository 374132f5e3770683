import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { serveLambdaErrorsAsApiGateway } from './lambda-errors';
import { GaveUp, freePort, waitFor } from './ports';

export interface OfflineApi {
  url: string;
  /** Invokes a function by its serverless.yml name through serverless-offline's Lambda endpoint. */
  invoke(functionName: string, payload?: unknown): Promise<unknown>;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs `osls offline` (serverless-offline + serverless-esbuild, stage dev) from
 * node_modules/.bin — the same serverless.yml that deploys — in its own process group, on a
 * port of its own behind `httpPort`, where a failed Lambda is answered with a 5xx as API Gateway
 * does (serverless-offline answers it with 200: see lambda-errors.ts).
 */
export async function startOfflineApi(options: {
  httpPort: number;
  lambdaPort: number;
  environment: Record<string, string>;
  echo?: boolean;
}): Promise<OfflineApi> {
  const offlinePort = await freePort();
  const gateway = await serveLambdaErrorsAsApiGateway({ port: options.httpPort, upstreamPort: offlinePort });
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'osls'), ['offline', 'start', '--stage', 'dev'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...options.environment,
      LINLI_API_PORT: String(offlinePort),
      LINLI_LAMBDA_PORT: String(options.lambdaPort),
      // No job on serverless-offline's own schedule (infra/functions.ts): `npm start` runs them, tests run theirs.
      LINLI_LOCAL_SCHEDULES: 'off',
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (options.echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${options.httpPort}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      gateway.close();
      if (child.exitCode !== null || child.pid === undefined) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new GaveUp('osls exited');
        const response = await fetch(`${url}/v1/communities`);
        await response.arrayBuffer();
        return response.status < 500;
      },
      `the offline API on ${url}`,
      // serverless-esbuild bundles every function first: minutes on a busy 2-core machine.
      300_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`osls offline did not start: ${(error as Error).message}\n${output}`);
  }
  const invoke = async (functionName: string, payload: unknown = {}) => {
    const response = await fetch(
      `http://127.0.0.1:${options.lambdaPort}/2015-03-31/functions/linli-dev-${functionName}/invocations`,
      { method: 'POST', body: JSON.stringify(payload) },
    );
    if (!response.ok) throw new Error(`invoke ${functionName} → ${response.status} ${await response.text()}`);
    return response.json();
  };
  return { url, process: child, output: () => output, stop, invoke };
}
