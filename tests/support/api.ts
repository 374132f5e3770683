import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoginResponse } from '@linli/shared';

/** Test helpers that talk to the running API over real HTTP. */
export const apiUrl = () => {
  const url = process.env.LINLI_API_URL;
  if (!url) throw new Error('LINLI_API_URL is not set: run through tests/jest.config.js');
  return url;
};

export interface ApiReply<Body = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: Body;
}

export async function call<Body = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiReply<Body>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${apiUrl()}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // leave the text as it is: a test asserting JSON will fail loudly
  }
  return { status: response.status, headers: response.headers, body: body as Body };
}

/** A fresh person: a unique openid logged in through the dev login. */
export async function newUser(prefix = 'user'): Promise<{ token: string; userId: string; openid: string }> {
  const openid = `${prefix}-${randomUUID().slice(0, 12)}`;
  return { ...(await login(openid)), openid };
}

export async function login(openid: string, nickname?: string): Promise<{ token: string; userId: string }> {
  const reply = await call<LoginResponse>('POST', '/v1/auth/dev-login', { body: { openid, nickname } });
  if (reply.status !== 200) throw new Error(`dev-login ${openid} → ${reply.status} ${JSON.stringify(reply.body)}`);
  return { token: reply.body.token, userId: reply.body.user.id };
}

export function documentClient(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set');
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}
