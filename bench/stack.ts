import { randomBytes } from 'node:crypto';
import { startDynamoDbLocal, localClient, type DynamoDbLocal } from '../scripts/local/dynamodb-local';
import { freePort } from '../scripts/local/ports';
import { seedDemo } from '../scripts/local/seed-demo';
import { TABLE_NAME, startLocalStack, type LocalStack } from '../scripts/local/stack';
import { ensureTable } from '../scripts/local/table';
import { setDocumentClient } from '../functions/src/store/client';
import { countingClient, type CountingClient } from './counting-client';

export interface BenchStack {
  database: DynamoDbLocal;
  tableName: string;
  /** The client every handler uses in this process (installed with setDocumentClient). */
  client: CountingClient;
  stop(): Promise<void>;
}

/**
 * The environment the functions read, as tests/support/global-setup.ts gives them (dev stage,
 * DynamoDB Local, a random JWT secret), so handlers can be invoked in-process.
 */
export function functionEnvironment(endpoint: string, jwtSecret: string): Record<string, string> {
  return {
    STAGE: 'dev',
    TABLE_NAME,
    DYNAMODB_ENDPOINT: endpoint,
    JWT_SECRET: jwtSecret,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    WECHAT_APP_ID: 'wx0000000000000000',
    WECHAT_APP_SECRET: 'local-wechat-secret-unused',
    POWERTOOLS_SERVICE_NAME: 'linli',
  };
}

/** Its own in-memory DynamoDB Local on a free port, the Linli table and the demo community. */
export async function startBenchStack(): Promise<BenchStack> {
  const database = await startDynamoDbLocal({ port: await freePort() });
  try {
    const admin = localClient(database.endpoint);
    await ensureTable(admin, TABLE_NAME);
    await seedDemo(admin, TABLE_NAME);
    admin.destroy();
    Object.assign(process.env, functionEnvironment(database.endpoint, randomBytes(32).toString('hex')));
    const client = countingClient(database.endpoint);
    setDocumentClient(client.documentClient);
    return {
      database,
      tableName: TABLE_NAME,
      client,
      stop: async () => {
        setDocumentClient(undefined);
        client.destroy();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/** `npm start`'s stack (DynamoDB Local, `osls offline`, the stand-ins) on free ports with a fresh JWT secret. */
export async function startHttpStack(): Promise<LocalStack> {
  return startLocalStack({
    databasePort: await freePort(),
    apiPort: await freePort(),
    lambdaPort: await freePort(),
    jwtSecret: randomBytes(32).toString('hex'),
  });
}

/** A session token for the dev login of `openid` (README "Demo data") from the API at `apiUrl`. */
export async function devLoginToken(apiUrl: string, openid: string): Promise<string> {
  const reply = await fetch(`${apiUrl}/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const body = (await reply.json()) as { token: string };
  if (!reply.ok) throw new Error(`dev-login → ${reply.status} ${JSON.stringify(body)}`);
  return body.token;
}
