import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/**
 * Secrets: on the dev stage they come from the environment that `npm start` or
 * the tests set; on every other stage from SSM Parameter Store
 * (`$SECRETS_SSM_PREFIX/<name>`, SecureString), read once per container.
 */
const cache = new Map<string, Promise<string>>();
let ssm: SSMClient | undefined;

async function fromSsm(name: string): Promise<string> {
  const prefix = process.env.SECRETS_SSM_PREFIX;
  if (!prefix) throw new Error(`Secret ${name} is not configured: set it in the environment or SECRETS_SSM_PREFIX`);
  ssm ??= new SSMClient({});
  const result = await ssm.send(new GetParameterCommand({ Name: `${prefix}/${name}`, WithDecryption: true }));
  const value = result.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${prefix}/${name} is empty`);
  return value;
}

export function getSecret(
  name:
    | 'jwt-secret'
    | 'jwt-secret-previous'
    | 'wechat-app-secret'
    | 'wechat-pay-private-key'
    | 'wechat-pay-apiv3-key'
    | 'platform-admin-openids'
    | 'data-master-key'
    | 'wechat-push-token',
  environmentVariable: string,
): Promise<string> {
  const fromEnvironment = process.env[environmentVariable];
  if (fromEnvironment) return Promise.resolve(fromEnvironment);
  let pending = cache.get(name);
  if (!pending) {
    pending = fromSsm(name);
    pending.catch(() => cache.delete(name));
    cache.set(name, pending);
  }
  return pending;
}
