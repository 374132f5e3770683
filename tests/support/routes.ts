import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contracts, fillPath, needsToken, type Role } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpFunctions } from '../../infra/functions';
import { DynamoCommunityStore } from '../../functions/src/store/identity/identity-store';
import { documentClient } from './api';
import { httpEvent, lambdaContext, type Handler } from './events';
import { tableName } from './factories';

/**
 * The route table, read from the places that declare it: `infra/functions.ts` (which area
 * function serves each route — what serverless.yml deploys), the route's handler file under
 * `functions/src/http/<area>/` and `contracts` in `shared/src/contracts.ts`. Suites generated from
 * it (authorization matrix, hostile input) invoke the real area functions in-process with API
 * Gateway v2 events, like API Gateway would, and the area function runs the route's handler.
 */
export const ROOT = path.resolve(__dirname, '..', '..');

export type ContractName = keyof typeof contracts;

export interface ServerlessRoute {
  /** The deployed function that serves the route (`identity`, `timebank`, …, `dev`). */
  functionName: string;
  method: string;
  path: string;
  contract: ContractName;
  /** The area function's module, `functions/src/http/<area>/index` (no extension) — what Lambda runs. */
  functionModule: string;
  /** The route's own handler file, `functions/src/http/<area>/<route>` (no extension). */
  handlerModule: string;
}

export type RouteEntry = ServerlessRoute;

/** Each handler file under functions/src/http/<area>/ and the contract it serves (`httpRoute(contracts.x, …)`). */
export function handlerFiles(): Map<ContractName, string> {
  const files = new Map<ContractName, string>();
  const http = path.join(ROOT, 'functions', 'src', 'http');
  for (const area of readdirSync(http)) {
    if (!statSync(path.join(http, area)).isDirectory()) continue;
    for (const file of readdirSync(path.join(http, area))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file === 'index.ts') continue;
      const name = /contracts\.(\w+)/.exec(readFileSync(path.join(http, area, file), 'utf8'))?.[1] as ContractName;
      if (name) files.set(name, `functions/src/http/${area}/${file.replace(/\.ts$/, '')}`);
    }
  }
  return files;
}

/** Every HTTP route of the dev stage (the one with the dev routes), as infra/functions.ts deploys it. */
export function serverlessHttpRoutes(): ServerlessRoute[] {
  const files = handlerFiles();
  return Object.entries(httpFunctions('dev')).flatMap(([functionName, definition]) =>
    definition.routes.map((route) => ({
      functionName,
      method: route.method,
      path: route.path,
      contract: route.name,
      functionModule: definition.handler.replace(/\.handler$/, ''),
      handlerModule: files.get(route.name) ?? `(no handler file serves ${route.name})`,
    })),
  );
}

/** The routes, with what does not add up: a route without its handler file, a contract served twice. */
export function routeTable(): { entries: RouteEntry[]; problems: string[] } {
  const entries = serverlessHttpRoutes();
  const problems = entries
    .filter((entry) => entry.handlerModule.startsWith('(no handler'))
    .map((entry) => `${entry.functionName} ${entry.method} ${entry.path}: ${entry.handlerModule}`);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.contract)) problems.push(`${entry.contract} is served by two functions`);
    seen.add(entry.contract);
  }
  return { entries, problems };
}

const handlers = new Map<ContractName, Handler>();

export async function loadHandlers(entries: RouteEntry[]): Promise<void> {
  // Thousands of in-process requests: keep the handlers' per-request INFO lines out of the output.
  process.env.POWERTOOLS_LOG_LEVEL = process.env.LINLI_TEST_LOG_LEVEL ?? 'WARN';
  for (const entry of entries) {
    const module = (await import(path.join(ROOT, entry.functionModule))) as { handler: Handler };
    handlers.set(entry.contract, module.handler);
  }
}

export interface RouteCall {
  token?: string;
  params?: Record<string, string>;
  body?: unknown;
  /** Sent as it is (malformed JSON, a huge body…); wins over `body`. */
  rawBody?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  sourceIp?: string;
}

export interface RouteReply {
  status: number;
  text: string;
  json: unknown;
  headers: Record<string, string | number | boolean>;
}

/** The event API Gateway (HTTP API, payload 2.0) would send for this call of the route. */
export function routeEvent(name: ContractName, call: RouteCall): APIGatewayProxyEventV2 {
  const contract = contracts[name];
  const params = call.params ?? {};
  const rawPath = fillPath(contract.path, params);
  const routeKey = `${contract.method} ${contract.path}`;
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  const event = httpEvent({ method: contract.method, path: rawPath, routeKey, body: call.body, headers });
  if (call.rawBody !== undefined) {
    event.body = call.rawBody;
    if (!Object.keys(headers).some((header) => header.toLowerCase() === 'content-type'))
      event.headers['content-type'] = 'application/json';
  }
  const hasParams = Object.keys(params).length > 0;
  event.pathParameters = hasParams ? params : undefined;
  if (call.query && Object.keys(call.query).length > 0) {
    event.queryStringParameters = call.query;
    event.rawQueryString = new URLSearchParams(call.query).toString();
  }
  if (call.sourceIp) event.requestContext.http.sourceIp = call.sourceIp;
  return event;
}

export async function callRoute(name: ContractName, call: RouteCall = {}): Promise<RouteReply> {
  const handler = handlers.get(name);
  if (!handler) throw new Error(`no handler loaded for ${name}`);
  const result = await handler(routeEvent(name, call), lambdaContext(name));
  const text = String(result.body ?? '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: result.statusCode ?? 200, text, json, headers: result.headers ?? {} };
}

/** A call that must succeed: returns the JSON body, throws with the reply otherwise. */
export async function must<Body = Record<string, unknown>>(name: ContractName, call: RouteCall = {}): Promise<Body> {
  const reply = await callRoute(name, call);
  if (reply.status >= 300) throw new Error(`${name} → ${reply.status} ${reply.text.slice(0, 300)}`);
  return reply.json as Body;
}

export interface Person {
  token: string;
  userId: string;
}

/** A fresh user through the in-process dev login, added to `communityId` with `roles`. */
export async function personIn(communityId: string | undefined, roles: Role[], prefix = roles[0] ?? 'user') {
  const openid = `${prefix}-${randomUUID().slice(0, 12)}`;
  const login = await must<{ token: string; user: { id: string } }>('devLogin', {
    body: { openid, nickname: prefix },
    sourceIp: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  const person: Person = { token: login.token, userId: login.user.id };
  if (communityId) await addToCommunity(communityId, person.userId, roles, prefix);
  return person;
}

export async function addToCommunity(communityId: string, userId: string, roles: Role[], prefix = 'member') {
  await new DynamoCommunityStore(documentClient(), tableName()).addMember({
    communityId,
    userId,
    roles,
    displayName: `${prefix}-${userId.slice(-4)}`,
    joinedAt: new Date().toISOString(),
  });
}

/**
 * What a route declares: public (no token: its contract's `access` is `public` or `signed`) or not,
 * Idempotency-Key or not (read from its handler's source), and whether its contract declares a query.
 */
export function declaredOptions(entry: RouteEntry): { public: boolean; idempotent: boolean; hasQuery: boolean } {
  const source = readFileSync(path.join(ROOT, `${entry.handlerModule}.ts`), 'utf8');
  return {
    public: !needsToken(contracts[entry.contract].access),
    idempotent: ['POST', 'PUT', 'PATCH', 'DELETE'].includes(entry.method) && !/idempotent:\s*false/.test(source),
    hasQuery: (contracts[entry.contract] as { query?: unknown }).query !== undefined,
  };
}

type ShapeSchema = { _zod?: { def?: { shape?: Record<string, unknown> } } };

/** The query schema a route validates: its contract's `query` (`undefined`: the route takes no query). */
export function querySchema(entry: RouteEntry): unknown {
  return (contracts[entry.contract] as { query?: unknown }).query;
}

/** The field names of a route's query schema (`undefined`: no query, or a schema that cannot be read). */
export function queryFields(entry: RouteEntry): string[] | undefined {
  const shape = (querySchema(entry) as ShapeSchema | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : undefined;
}

/** The routes that page: their query takes a `cursor` (or, schema unknown, the handler reads `query.cursor`). */
export function pagedRoutes(entries: RouteEntry[]): RouteEntry[] {
  return entries.filter((entry) => {
    const fields = queryFields(entry);
    if (fields) return fields.includes('cursor');
    return /\bquery\.cursor\b/.test(readFileSync(path.join(ROOT, `${entry.handlerModule}.ts`), 'utf8'));
  });
}
