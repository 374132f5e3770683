import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  contracts,
  fillPath,
  queryString,
  type BodyOf,
  type ErrorBody,
  type ParamsOf,
  type QueryOf,
  type QueryValues,
  type ResponseOf,
  type RouteContract,
} from '@linli/shared';

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

/**
 * A request by method and path string, with no route contract behind it. Only for what deliberately
 * has none: unknown paths, wrong methods, hostile URLs, the h5 static server, the WeChat Pay
 * stand-in's own endpoints. Every route the API declares is called through {@link send}.
 */
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any contract, whatever its types
type AnyContract = RouteContract<any, any, any, any>;

type ParamsOption<C> = [ParamsOf<C>] extends [Record<string, never>] ? { params?: undefined } : { params: ParamsOf<C> };
type QueryOption<C> = [QueryOf<C>] extends [Record<string, never>] ? { query?: undefined } : { query?: QueryOf<C> };

/** The body: the contract's, or — only for a test of validation — one it refuses, said so by name. */
type BodyOption<C> =
  | { body?: BodyOf<C>; invalidBody?: undefined; rawBody?: undefined }
  | {
      body?: undefined;
      /** Sent as JSON whatever its shape: wrong types, missing or unknown fields… (`undefined`: no body). */
      invalidBody: unknown;
      rawBody?: undefined;
    }
  | {
      body?: undefined;
      invalidBody?: undefined;
      /** Sent as it is: malformed JSON, a huge or a non-JSON body. */
      rawBody: string;
    };

/**
 * What {@link send} takes besides the contract: path `params` (required when the route has some),
 * `query` (absent values left out) and `body` as the contract declares them; the bearer `token`
 * and any other `headers`. A test of validation says by name what it sends against the contract:
 * `invalidBody`, `rawBody`, `invalidQuery`.
 */
export type SendOptions<C> = ParamsOption<C> &
  QueryOption<C> &
  BodyOption<C> & {
    /** Added to the query string whatever the contract says: a query it refuses. */
    invalidQuery?: Record<string, string>;
    token?: string;
    headers?: Record<string, string>;
  };

type SendArguments<C> = Record<string, never> extends ParamsOption<C> ? [SendOptions<C>?] : [SendOptions<C>];

/**
 * Calls one route of the API through its contract (method and path from `contracts.<name>`) and
 * returns the reply typed by the contract's response. It never throws on an error status: the
 * reply's `status` and `body` are there to assert on.
 */
export async function send<C extends AnyContract>(
  contract: C,
  ...[options]: SendArguments<C>
): Promise<ApiReply<ResponseOf<C>>> {
  const { params, query, invalidQuery, body, invalidBody, rawBody, token, headers } = (options ?? {}) as {
    params?: Record<string, string>;
    query?: QueryValues;
    invalidQuery?: QueryValues;
    body?: unknown;
    invalidBody?: unknown;
    rawBody?: string;
    token?: string;
    headers?: Record<string, string>;
  };
  const path = fillPath(contract.path, params ?? {}) + queryString({ ...query, ...invalidQuery });
  const payload = body ?? invalidBody;
  return call<ResponseOf<C>>(contract.method, path, {
    token,
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
    ...(rawBody !== undefined ? { rawBody } : {}),
  });
}

type AddressArguments<C> =
  Record<string, never> extends ParamsOption<C>
    ? [(ParamsOption<C> & QueryOption<C>)?]
    : [ParamsOption<C> & QueryOption<C>];

/**
 * The URL of a route on the running API, its params and query filled in as {@link send} does: for
 * a download read as bytes or text rather than JSON (CSV, XLSX).
 */
export function urlOf<C extends AnyContract>(contract: C, ...[address]: AddressArguments<C>): string {
  const { params, query } = (address ?? {}) as { params?: Record<string, string>; query?: QueryValues };
  return `${apiUrl()}${fillPath(contract.path, params ?? {})}${queryString(query)}`;
}

/**
 * The error of a refused request, `{code, message, details}` (undefined for a success): the reply
 * of {@link send} is typed by the route's success response, its error body is read through this.
 */
export function errorOf(reply: { body: unknown }): ErrorBody['error'] | undefined {
  return (reply.body as Partial<ErrorBody> | undefined)?.error;
}

/** A fresh person: a unique openid logged in through the dev login. */
export async function newUser(prefix = 'user'): Promise<{ token: string; userId: string; openid: string }> {
  const openid = `${prefix}-${randomUUID().slice(0, 12)}`;
  return { ...(await login(openid)), openid };
}

export async function login(openid: string, nickname?: string): Promise<{ token: string; userId: string }> {
  const reply = await send(contracts.devLogin, { body: { openid, nickname } });
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
