import { createHmac, hkdfSync, randomUUID } from 'node:crypto';
import middy, { type MiddlewareObj } from '@middy/core';
import {
  ACT_FOR_HEADER,
  contracts,
  isGuardianRoute,
  isProxyable,
  needsToken,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type QueryValues,
  type ResponseOf,
  type RouteContract,
} from '@linli/shared';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { authenticate } from '../lib/auth';
import { env } from '../lib/env';
import { AppError, errorBody, statusForCode } from '../lib/errors';
import { UnitOfWork, validIdempotencyKey, type StoredResponse } from '../store/unit-of-work';
import { logger } from '../lib/logger';
import { sourceMappedError } from '../lib/stack-trace';
import { consumeRateLimit, rateLimitRule, type RateLimitName } from '../store/rate-limit';
import { runInScope, type RequestScope } from '../lib/request-scope';
import { parseWith } from '../lib/validation';
import { authorizeActingFor } from '../domain/identity/proxies';
import { baseDocumentClient } from '../store/client';
import { refuseClosedAccount } from '../store/identity/closed-accounts';
import { stores } from '../wiring';

type AnyContract = RouteContract<Record<string, string>, unknown, unknown, QueryValues>;
type HttpResult = APIGatewayProxyStructuredResultV2;

export interface Reply<Body> {
  statusCode: number;
  body: Body;
  /** A file (CSV, XLSX) rather than JSON: the body (or `bytes`) is sent as it is with these headers. */
  file?: {
    contentType: string;
    /** ASCII name for `filename=`; non-ASCII characters are replaced. Absent: shown, not downloaded (plain text). */
    fileName?: string;
    /** Unicode name (e.g. Chinese) for `filename*=UTF-8''…`; `fileName` when absent. */
    displayName?: string;
    /** Binary content (XLSX): sent base64-encoded instead of the body. */
    bytes?: Uint8Array;
  };
}
export const ok = <Body>(body: Body): Reply<Body> => ({ statusCode: 200, body });
export const created = <Body>(body: Body): Reply<Body> => ({ statusCode: 201, body });
export const file = (
  content: string | Uint8Array,
  contentType: string,
  fileName: string,
  displayName?: string,
): Reply<string> =>
  typeof content === 'string'
    ? { statusCode: 200, body: content, file: { contentType, fileName, displayName } }
    : { statusCode: 200, body: '', file: { contentType, fileName, displayName, bytes: content } };

/**
 * A JSON document sent as a file to keep (`Content-Disposition: attachment`), e.g. a person's data
 * export: `text` is the JSON of a `Body` (what the contract's response type says the client reads).
 */
export const jsonFile = <Body>(text: string, fileName: string): Reply<Body> => ({
  statusCode: 200,
  body: text as Body,
  file: { contentType: 'application/json; charset=utf-8', fileName },
});

/** A plain-text answer (WeChat's message push expects `success`, or the echo of its check). */
export const text = (content: string): Reply<string> => ({
  statusCode: 200,
  body: content,
  file: { contentType: 'text/plain; charset=utf-8' },
});

/**
 * Runs an authorization check and a read side by side (one round trip instead of two): the
 * check's refusal wins over anything the read threw, and the read's result is returned only
 * once the check has passed — nothing read is shown to someone refused.
 */
export async function alongside<Checked, Result>(
  check: Promise<Checked>,
  read: Promise<Result>,
): Promise<[Checked, Result]> {
  const [checked, result] = await Promise.allSettled([check, read]);
  if (checked.status === 'rejected') throw checked.reason;
  if (result.status === 'rejected') throw result.reason;
  return [checked.value, result.value];
}

/** RFC 6266 / RFC 5987: an ASCII `filename=` for old clients and `filename*=UTF-8''…` for the real name. */
function contentDisposition(fileName: string, displayName: string | undefined): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(displayName ?? fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface RouteRequest<Params, Body, Query> {
  params: Params;
  body: Body;
  query: Query;
  /** The authenticated caller (the resident, when a proxy acts for one); present on every route whose contract needs a token. */
  userId: string;
  /** The token's holder when acting for `userId` through a proxy relation. */
  proxyId?: string;
  requestId: string;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  event: APIGatewayProxyEventV2;
}

export interface RouteOptions {
  /** Mutating routes honour `Idempotency-Key` unless this is false (e.g. a signed webhook). */
  idempotent?: boolean;
  maxBodyBytes?: number;
  /** A route that exists only on some stages (dev login): elsewhere it is a 404 before anything is read. */
  availableWhen?: () => boolean;
  /** A per-IP or per-user request budget (429 `rate.limited` with Retry-After once spent). */
  rateLimit?: RateLimitName;
}

// A type alias (not an interface) so it satisfies middy's Record<string, unknown> constraint.
type State = {
  requestId: string;
  headers: Record<string, string>;
  rawBody: string;
  json: unknown;
  userId?: string;
  /** The token's holder when acting for `userId` as a proxy. */
  proxyId?: string;
  /** The proxy is the guardian who added the child `userId` (`GUARDIAN_ROUTES`, `GUARDIAN_LENT_ROLES`). */
  asGuardian?: boolean;
  params?: unknown;
  body?: unknown;
  query?: unknown;
};

type Request = middy.Request<APIGatewayProxyEventV2, HttpResult, Error, Context, State>;
/** middy hands the handler only (event, context): the parsed request travels on the context. */
type ContextWithState = Context & { linli: State };

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function responseHeaders(requestId: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': env.corsOrigin(),
    'access-control-expose-headers': 'x-request-id, idempotent-replayed, content-disposition',
    'x-request-id': requestId,
    // A reply (JSON, or a CSV with text people typed) is never sniffed into HTML by a browser.
    'x-content-type-options': 'nosniff',
  };
}

export function jsonResponse(requestId: string, statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: responseHeaders(requestId), body: JSON.stringify(body) };
}

/** Request id, lower-cased headers and the logger's context: the first thing every request gets. */
const requestContext = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: (request: Request) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.event.headers ?? {})) {
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
    const requestId = request.context?.awsRequestId || request.event.requestContext?.requestId || randomUUID();
    request.internal = { requestId, headers, rawBody: '', json: undefined };
    (request.context as ContextWithState).linli = request.internal;
    logger.addContext(request.context);
    // A warm area function serves many routes on one logger, and a request answered early (an
    // idempotent replay) never reaches `after`: start from no request keys, not the last request's.
    logger.resetKeys();
    logger.appendKeys({ requestId, route: request.event.routeKey });
  },
  after: (request: Request) => {
    logger.info('request handled', { statusCode: request.response?.statusCode });
    logger.resetKeys();
  },
});

/** Turns any thrown error into the JSON error format; unknown errors become a logged 500. */
/** Errors of load, not of the request or the code: answered 503 + Retry-After, never 500. */
const TRANSIENT_ERRORS = new Set([
  'TimeoutError', // middy: the Lambda's time ran out; the SDK: a socket timeout
  'AbortError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
]);

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_ERRORS.has(error.name)) return true;
  // A transaction cancelled only because an item was busy (no condition failed) is load too.
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (
    error.name === 'TransactionCanceledException' &&
    Array.isArray(reasons) &&
    reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError') &&
    reasons.every((reason) => ['None', 'TransactionConflict', 'ThrottlingError', undefined].includes(reason.Code))
  );
}

const errorResponses = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  onError: (request: Request) => {
    const requestId = request.internal?.requestId ?? randomUUID();
    const error = request.error;
    if (error instanceof AppError) {
      const statusCode = statusForCode(error.code);
      logger.info('request refused', { statusCode, code: error.code });
      request.response = jsonResponse(requestId, statusCode, errorBody(error));
      const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (statusCode === 429 && retryAfter !== undefined) {
        request.response.headers = { ...request.response.headers, 'retry-after': String(retryAfter) };
      }
    } else if (isTransient(error)) {
      // Busy, not broken: the request ran out of time or DynamoDB asked us to slow down. The client
      // retries with the same Idempotency-Key, which finds whatever part of the first attempt committed.
      logger.warn('request timed out or throttled', { error: (error as Error).name });
      request.response = jsonResponse(requestId, 503, {
        error: { code: 'service.busy', message: 'We are busy right now; please try again in a moment' },
      });
      request.response.headers = { ...request.response.headers, 'retry-after': '1' };
    } else {
      logger.error('request failed', { error: sourceMappedError(error) });
      request.response = jsonResponse(requestId, 500, {
        error: { code: 'internal.error', message: 'Something went wrong on our side; please try again' },
      });
    }
    logger.resetKeys();
  },
});

const availability = (
  availableWhen: (() => boolean) | undefined,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: () => {
    if (availableWhen && !availableWhen()) throw new AppError('route.not_found', 'No such route');
  },
});

/** JSON bodies only, size-limited; malformed JSON is a 400, never a crash. */
const jsonBody = (maxBodyBytes: number): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: (request: Request) => {
    const { event } = request;
    if (event.body === undefined || event.body === null || event.body === '') return;
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (Buffer.byteLength(raw) > maxBodyBytes) {
      throw new AppError('request.too_large', `The request body must be at most ${maxBodyBytes} bytes`);
    }
    const contentType = request.internal.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(contentType)) {
      throw new AppError('request.unsupported_media_type', 'Send the body as application/json');
    }
    request.internal.rawBody = raw;
    try {
      request.internal.json = JSON.parse(raw);
    } catch {
      throw new AppError('request.malformed_json', 'The request body is not valid JSON');
    }
  },
});

/** A route whose contract declares no query takes none: `?anything` is a 400, like an unknown body field. */
const NO_QUERY = z.strictObject({});

const validation = (
  contract: AnyContract,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: (request: Request) => {
    const { event, internal } = request;
    internal.params = contract.params ? parseWith(contract.params, event.pathParameters ?? {}, 'path') : {};
    const communityId = (internal.params as { cid?: string }).cid;
    if (communityId) logger.appendKeys({ communityId });
    internal.query = parseWith(contract.query ?? NO_QUERY, event.queryStringParameters ?? {}, 'query');
    internal.body = contract.body ? parseWith(contract.body, internal.json, 'body') : undefined;
  },
});

const authentication = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: async (request: Request) => {
    const userId = await authenticate(request.internal.headers);
    // A closed account's tokens stop working at once (issue 20).
    await refuseClosedAccount(baseDocumentClient(), env.tableName(), userId);
    request.internal.userId = userId;
  },
});

/**
 * `X-Act-For: <residentId>`: a family member or neighbour acts for a resident without a phone.
 * Only on the routes of the allow-list `PROXYABLE_ROUTES` (403 `auth.not_proxyable` elsewhere, so a
 * new route lends nobody's rights until it is declared), only with a proxy relation in this
 * community whose resident holds no office role now (`authorizeActingFor`). The request then runs
 * as the resident with their resident rights only (`requireMember`), and its writes are audited
 * as the proxy's.
 */
const actingFor = (
  routeName: string | undefined,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: async (request: Request) => {
    const { internal } = request;
    const residentId = internal.headers[ACT_FOR_HEADER];
    if (residentId === undefined) return;
    const communityId = (internal.params as { cid?: string } | undefined)?.cid;
    if (!isGuardianRoute(routeName) || !communityId || !internal.userId) throw notProxyable(routeName);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(residentId)) {
      throw new AppError('proxy.invalid', `${ACT_FOR_HEADER} must be the member id of the resident`);
    }
    if (residentId === internal.userId) return;
    const kind = await authorizeActingFor(
      { communityId, residentId, proxyId: internal.userId, guardianOnly: !isProxyable(routeName) },
      { communities: stores.communities(), proxies: stores.proxies() },
    );
    internal.proxyId = internal.userId;
    internal.userId = residentId;
    internal.asGuardian = kind === 'guardian';
  },
});

const notProxyable = (routeName: string | undefined) =>
  new AppError(
    'auth.not_proxyable',
    'This cannot be done for someone else: a proxy only reads the resident’s record and redeems their points',
    { route: routeName },
  );

const rateLimiting = (
  name: RateLimitName,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: async (request: Request) => {
    const rule = rateLimitRule(name);
    const subject = rule.by === 'user' ? request.internal.userId : request.event.requestContext?.http?.sourceIp;
    await consumeRateLimit(baseDocumentClient(), env.tableName(), name, subject || 'unknown');
  },
});

/** A malformed `Idempotency-Key` is refused before anything runs. */
const idempotencyKeyCheck = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context, State> => ({
  before: (request: Request) => {
    const key = request.internal.headers['idempotency-key'];
    if (key !== undefined && !validIdempotencyKey(key)) {
      throw new AppError('idempotency.key_invalid', 'Idempotency-Key must be 8-128 letters, digits or . _ : -');
    }
  },
});

/**
 * Routes whose use case was seen to write twice (or read after writing) run direct from the start
 * for a while (`UnitOfWork`); every `DIRECT_PROBE`-th request tries the deferred way again.
 */
const directRoutes = new Map<string, number>();
const DIRECT_AFTER = 3;
const DIRECT_PROBE = 50;

function startsDirect(routeName: string): boolean {
  const seen = directRoutes.get(routeName) ?? 0;
  if (seen < DIRECT_AFTER) return false;
  directRoutes.set(routeName, seen + 1);
  return (seen - DIRECT_AFTER) % DIRECT_PROBE !== DIRECT_PROBE - 1;
}

function learnShape(routeName: string, needsDirect: boolean): void {
  if (needsDirect) directRoutes.set(routeName, Math.max(directRoutes.get(routeName) ?? 0, 0) + 1);
  else directRoutes.delete(routeName);
}

let bodyKey: Promise<Buffer> | undefined;

/**
 * What the idempotency record keeps of a request's body to recognise a retry: an HMAC under a key
 * derived from the JWT secret, never a plain hash — a body with personal data (an ID number whose
 * masked form and birth date are readable elsewhere) could be guessed back from one.
 */
async function keyedDigest(body: string): Promise<string> {
  bodyKey ??= env
    .jwtSecret()
    .then((secret) => Buffer.from(hkdfSync('sha256', secret, 'linli', 'linli-idempotency-body', 32)));
  return createHmac('sha256', await bodyKey)
    .update(body)
    .digest('hex');
}

/**
 * Runs the use case in a unit of work: its writes, the idempotency record with the reply and the
 * caller's rate window commit in one transaction (`store/unit-of-work.ts`).
 */
async function inUnitOfWork<Result extends Reply<unknown>>(
  request: { state: State; event: APIGatewayProxyEventV2; key?: string; rateLimit?: RateLimitName },
  scope: RequestScope,
  useCase: () => Promise<Result>,
): Promise<{ kind: 'done'; result: Result } | { kind: 'replay'; response: StoredResponse }> {
  const { state, event, key } = request;
  const routeName = scope.route ?? '';
  const caller = state.proxyId ? `${state.proxyId}>${state.userId}` : (state.userId ?? 'anonymous');
  const direct = startsDirect(routeName);
  const work = new UnitOfWork({
    client: baseDocumentClient(),
    tableName: env.tableName(),
    idempotency:
      key === undefined
        ? undefined
        : {
            scope: `${caller} ${event.requestContext.http.method} ${event.rawPath}`,
            key,
            requestBody: await keyedDigest(state.rawBody),
          },
    rateLimit: request.rateLimit ? { name: request.rateLimit, subject: state.userId || 'unknown' } : undefined,
    direct,
  });
  const outcome = await work.perform(
    (ids) => runInScope({ ...scope, ids: key === undefined ? undefined : { ...ids, next: 0 }, work }, useCase),
    (result): StoredResponse => ({ statusCode: result.statusCode, body: JSON.stringify(result.body) }),
  );
  if (outcome.kind === 'done' && !direct) learnShape(routeName, outcome.needsDirect);
  return outcome;
}

type RouteRun<Contract extends AnyContract> = (
  request: RouteRequest<ParamsOf<Contract>, BodyOf<Contract>, QueryOf<Contract>>,
) => Promise<Reply<ResponseOf<Contract>>>;

/**
 * One Lambda handler for one route: parse → authenticate → (idempotency) → run the use case → respond.
 * The route's contract comes from `@linli/shared` (path, method, who may call — a token unless
 * `public`/`signed` — and the schemas), so the mini-program is typed by the same declaration;
 * `options` adds what only the server knows (rate limits, body size, stage, idempotency).
 */
export function httpRoute<Contract extends AnyContract>(
  contract: Contract,
  run: RouteRun<Contract>,
): ReturnType<typeof routeHandler>;
export function httpRoute<Contract extends AnyContract>(
  contract: Contract,
  options: RouteOptions,
  run: RouteRun<Contract>,
): ReturnType<typeof routeHandler>;
export function httpRoute<Contract extends AnyContract>(
  contract: Contract,
  optionsOrRun: RouteOptions | RouteRun<Contract>,
  maybeRun?: RouteRun<Contract>,
) {
  return typeof optionsOrRun === 'function'
    ? routeHandler(contract, {}, optionsOrRun)
    : routeHandler(contract, optionsOrRun, maybeRun!);
}

function routeHandler<Contract extends AnyContract>(
  contract: Contract,
  options: RouteOptions,
  run: RouteRun<Contract>,
) {
  const routeName = Object.entries(contracts).find(([, candidate]) => candidate === contract)?.[0];
  const stack = middy<APIGatewayProxyEventV2, HttpResult, Error, Context, State>()
    .use(requestContext())
    .use(errorResponses())
    .use(availability(options.availableWhen))
    .use(jsonBody(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  if (options.rateLimit && rateLimitRule(options.rateLimit).by === 'ip') stack.use(rateLimiting(options.rateLimit));
  const withToken = needsToken(contract.access);
  if (withToken) stack.use(authentication());
  stack.use(validation(contract));
  if (withToken) stack.use(actingFor(routeName));
  const honoursKey = MUTATING.has(contract.method) && options.idempotent !== false;
  if (honoursKey) stack.use(idempotencyKeyCheck());
  const userRateLimit =
    options.rateLimit && rateLimitRule(options.rateLimit).by === 'user' ? options.rateLimit : undefined;

  return stack.handler(async (event, context) => {
    const state = (context as ContextWithState).linli;
    const scope = {
      requestId: state.requestId,
      actorId: state.proxyId ?? state.userId ?? 'anonymous',
      onBehalfOf: state.proxyId ? state.userId : undefined,
      ...(state.asGuardian ? { asGuardian: true } : {}),
      communityId: (state.params as { cid?: string } | undefined)?.cid,
      route: routeName,
    };
    const useCase = () =>
      run({
        params: state.params as ParamsOf<Contract>,
        body: state.body as BodyOf<Contract>,
        query: state.query as QueryOf<Contract>,
        userId: state.userId ?? '',
        proxyId: state.proxyId,
        requestId: state.requestId,
        headers: state.headers,
        event,
      });
    const key = honoursKey ? state.headers['idempotency-key'] : undefined;
    const outcome =
      key === undefined && !userRateLimit
        ? { kind: 'done' as const, result: await runInScope(scope, useCase) }
        : await inUnitOfWork({ state, event, key, rateLimit: userRateLimit }, scope, useCase);
    if (outcome.kind === 'replay') {
      const replay = jsonResponse(state.requestId, outcome.response.statusCode, undefined);
      return { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' }, body: outcome.response.body };
    }
    return httpResult(state.requestId, outcome.result);
  });
}

/** A use case's reply as API Gateway's result: JSON, or a file with its headers. */
function httpResult(requestId: string, reply: Reply<unknown>): HttpResult {
  if (reply.file) {
    const response = jsonResponse(requestId, reply.statusCode, null);
    const { bytes } = reply.file;
    return {
      ...response,
      headers: {
        ...response.headers,
        'content-type': reply.file.contentType,
        ...(reply.file.fileName
          ? { 'content-disposition': contentDisposition(reply.file.fileName, reply.file.displayName) }
          : {}),
      },
      ...(bytes
        ? {
            body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
            isBase64Encoded: true,
          }
        : { body: String(reply.body) }),
    };
  }
  return jsonResponse(requestId, reply.statusCode, reply.body);
}
