import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { startOfflineApi, type OfflineApi } from './offline';
import { ensureTable } from './table';
import { seedDemo } from './seed-demo';

export const ROOT = path.resolve(__dirname, '..', '..');
export const LOCAL_DIRECTORY = path.join(ROOT, '.local');
export const TABLE_NAME = 'linli-dev';

/** A random JWT secret made once per checkout and kept in the git-ignored .local folder. */
export function localJwtSecret(): string {
  const file = path.join(LOCAL_DIRECTORY, 'dev-secrets.json');
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret;
  mkdirSync(LOCAL_DIRECTORY, { recursive: true });
  const jwtSecret = randomBytes(32).toString('hex');
  writeFileSync(file, JSON.stringify({ jwtSecret }, null, 2), { mode: 0o600 });
  return jwtSecret;
}

export interface LocalStack {
  database: DynamoDbLocal;
  api: OfflineApi;
  environment: Record<string, string>;
  stop(): Promise<void>;
}

/** DynamoDB Local → table → demo data → the API from serverless.yml. Used by `npm start` and the tests. */
export async function startLocalStack(options: {
  databasePort: number;
  apiPort: number;
  lambdaPort: number;
  dataDirectory?: string;
  jwtSecret: string;
  extraEnvironment?: Record<string, string>;
  echo?: boolean;
}): Promise<LocalStack> {
  const database = await startDynamoDbLocal({ port: options.databasePort, dataDirectory: options.dataDirectory });
  try {
    const client = localClient(database.endpoint);
    await ensureTable(client, TABLE_NAME);
    await seedDemo(client, TABLE_NAME);
    client.destroy();
    const environment = {
      STAGE: 'dev',
      DYNAMODB_ENDPOINT: database.endpoint,
      JWT_SECRET: options.jwtSecret,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ...options.extraEnvironment,
    };
    const api = await startOfflineApi({
      httpPort: options.apiPort,
      lambdaPort: options.lambdaPort,
      environment,
      echo: options.echo,
    });
    return {
      database,
      api,
      environment: { ...environment, TABLE_NAME },
      stop: async () => {
        await api.stop();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
