import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../scripts/local/ports';
import { serveH5 } from '../../scripts/local/serve-h5';
import { ROOT, startLocalStack } from '../../scripts/local/stack';

/**
 * Starts DynamoDB Local (in memory), creates the table, loads the demo data and runs
 * the API with `osls offline`, with the local WeChat API stand-in (`scripts/local/wechat-api.ts`)
 * — once for the whole run. Tests read the addresses from process.env (LINLI_API_URL,
 * DYNAMODB_ENDPOINT, JWT_SECRET, TABLE_NAME, LINLI_H5_URL; WECHAT_API_BASE, WECHAT_APP_ID and
 * WECHAT_APP_SECRET of the stand-in, which in-process handlers use too).
 */
export default async function globalSetup(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const [databasePort, apiPort, lambdaPort, h5Port] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const stack = await startLocalStack({
    databasePort,
    apiPort,
    lambdaPort,
    wechatApiPort: 0,
    jwtSecret,
    // The certificates' QR codes lead to the H5 app's public check page.
    extraEnvironment: { PUBLIC_APP_URL: `http://127.0.0.1:${h5Port}` },
  });
  const h5Root = path.join(ROOT, 'miniapp', 'dist', 'h5');
  const web = existsSync(path.join(h5Root, 'index.html'))
    ? await serveH5({ port: h5Port, root: h5Root, apiUrl: stack.api.url, storageUrl: stack.storage.endpoint })
    : undefined;
  Object.assign(process.env, stack.environment, {
    LINLI_API_URL: stack.api.url,
    ...(web ? { LINLI_H5_URL: `http://127.0.0.1:${h5Port}` } : {}),
  });
  (globalThis as Record<string, unknown>).__LINLI_STOP__ = async () => {
    web?.close();
    await stack.stop();
  };
}
