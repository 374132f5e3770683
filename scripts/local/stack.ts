import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { startOfflineApi, type OfflineApi } from './offline';
import { ensureTable } from './table';
import { seedDemo } from './seed-demo';
import { startWechatApi, type WechatApi } from './wechat-api';
import { startObjectStorage, type ObjectStorage } from './object-storage';
import { tmpdir } from 'node:os';

export const ROOT = path.resolve(__dirname, '..', '..');
export const LOCAL_DIRECTORY = path.join(ROOT, '.local');
export const TABLE_NAME = 'linli-dev';
/** The app id the local stack's functions and its WeChat stand-in agree on (serverless.yml's dev default). */
export const LOCAL_WECHAT_APP_ID = 'wx0000000000000000';

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
  /** The local stand-in for WeChat's server API that WECHAT_API_BASE points at. */
  wechat: WechatApi;
  /** The local S3-compatible server holding the photos' bucket. */
  storage: ObjectStorage;
  environment: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local → table → demo data → the WeChat API stand-in → the API from serverless.yml, its
 * WECHAT_API_BASE / WECHAT_APP_ID / WECHAT_APP_SECRET pointed at the stand-in (a secret made per
 * start; `extraEnvironment` may override any of them). Used by `npm start` and the tests.
 */
export async function startLocalStack(options: {
  databasePort: number;
  apiPort: number;
  lambdaPort: number;
  /** The WeChat API stand-in's port (0 or absent: any free one). */
  wechatApiPort?: number;
  /** The S3-compatible server's port (0 or absent: any free one). */
  storagePort?: number;
  dataDirectory?: string;
  jwtSecret: string;
  extraEnvironment?: Record<string, string>;
  echo?: boolean;
}): Promise<LocalStack> {
  const database = await startDynamoDbLocal({ port: options.databasePort, dataDirectory: options.dataDirectory });
  let wechat: WechatApi | undefined;
  let storage: ObjectStorage | undefined;
  try {
    storage = await startObjectStorage({
      directory: options.dataDirectory
        ? path.join(path.dirname(options.dataDirectory), 'object-storage')
        : path.join(tmpdir(), `linli-object-storage-${process.pid}`),
      fresh: !options.dataDirectory,
      bucket: `${TABLE_NAME}-images`,
      port: options.storagePort,
    });
    const client = localClient(database.endpoint);
    await ensureTable(client, TABLE_NAME);
    await seedDemo(client, TABLE_NAME);
    client.destroy();
    const appSecret = randomBytes(16).toString('hex');
    // WeChat's message push (the image check's verdicts) reaches the API with this token's signature.
    const pushToken = randomBytes(12).toString('hex');
    wechat = await startWechatApi({
      appId: LOCAL_WECHAT_APP_ID,
      appSecret,
      port: options.wechatApiPort,
      push: { url: `http://127.0.0.1:${options.apiPort}/v1/wechat/messages`, token: pushToken },
    });
    const environment = {
      STAGE: 'dev',
      DYNAMODB_ENDPOINT: database.endpoint,
      JWT_SECRET: options.jwtSecret,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: LOCAL_WECHAT_APP_ID,
      WECHAT_APP_SECRET: appSecret,
      WECHAT_PUSH_TOKEN: pushToken,
      S3_ENDPOINT: storage.endpoint,
      IMAGES_BUCKET: storage.bucket,
      ...options.extraEnvironment,
    };
    const api = await startOfflineApi({
      httpPort: options.apiPort,
      lambdaPort: options.lambdaPort,
      environment,
      echo: options.echo,
    });
    const started = wechat;
    const startedStorage = storage;
    return {
      database,
      api,
      wechat: started,
      storage: startedStorage,
      environment: { ...environment, TABLE_NAME },
      stop: async () => {
        await api.stop();
        await started.close();
        await startedStorage.close();
        await database.stop();
      },
    };
  } catch (error) {
    await wechat?.close();
    await storage?.close();
    await database.stop();
    throw error;
  }
}
