import { createHmac, timingSafeEqual } from 'node:crypto';
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { currentScope } from '../lib/request-scope';

type Key = Record<string, string>;

/**
 * What makes a query *this* query: a cursor is only accepted by the query that issued it.
 * `route`, `actorId` and `onBehalfOf` come from the request scope (the contract name and the
 * caller); the rest from the query itself (index, partition, sort-key condition, order and the
 * filters applied to the items afterwards).
 */
export interface CursorBinding {
  route?: string;
  actorId?: string;
  onBehalfOf?: string;
  indexName?: string;
  partition: string;
  newestFirst: boolean;
  sortKeyExpression?: string;
  /** The sort-key condition's values, unless they come from the clock (see `PageQuery`). */
  sortKeyValues?: Record<string, unknown>;
  filters?: Record<string, unknown>;
}

const SIGNATURE_BYTES = 16;
const CURSOR_PATTERN = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{22})$/;

export const invalidCursor = () =>
  new AppError('request.invalid_cursor', 'The page cursor is not valid; start from the first page');

/** JSON with sorted object keys, so equal bindings give equal bytes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function signature(signingKey: Buffer, binding: CursorBinding, payload: string): Buffer {
  return createHmac('sha256', signingKey)
    .update(`linli-cursor-v1\n${canonical(binding)}\n${payload}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES);
}

/**
 * A page cursor: `<payload>.<signature>`, both base64url. The payload is the last evaluated
 * key's values in `keyAttributes` order; the signature is an HMAC-SHA256 (first 16 bytes) over
 * the binding and the payload, so a cursor is opaque to callers and cannot be altered or used
 * with any other query, caller or community. `null` when there is no next page.
 */
export function encodeCursor(
  lastEvaluatedKey: Record<string, unknown> | undefined,
  keyAttributes: readonly string[],
  binding: CursorBinding,
  signingKey: Buffer,
): string | null {
  if (!lastEvaluatedKey) return null;
  const payload = Buffer.from(JSON.stringify(keyAttributes.map((name) => lastEvaluatedKey[name]))).toString(
    'base64url',
  );
  return `${payload}.${signature(signingKey, binding, payload).toString('base64url')}`;
}

/**
 * The start key of a cursor this same query issued; `undefined` for no cursor (the first page).
 * Throws `request.invalid_cursor` (400) for anything else: garbage, an altered key, or a
 * cursor issued to another query, filter, partition, route or caller.
 */
export function decodeCursor(
  cursor: string | undefined,
  keyAttributes: readonly string[],
  binding: CursorBinding,
  signingKey: Buffer,
): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) throw invalidCursor();
  const [, payload = '', given = ''] = match;
  const expected = signature(signingKey, binding, payload);
  const presented = Buffer.from(given, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw invalidCursor();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    !Array.isArray(values) ||
    values.length !== keyAttributes.length ||
    values.some((value) => typeof value !== 'string')
  ) {
    throw invalidCursor();
  }
  return Object.fromEntries(keyAttributes.map((name, index) => [name, values[index] as string]));
}

let signingKeyFor: { secret: string; key: Buffer } | undefined;

/**
 * The cursor signing key: HMAC-SHA256 of a fixed label under the JWT secret (a server secret,
 * from the environment on dev and SSM elsewhere: `lib/secrets.ts`), so no new secret has to be
 * provisioned and cursors and tokens never share a key. Rotating the JWT secret ends the
 * cursors in flight: a client then starts again from the first page (400 `request.invalid_cursor`).
 */
export async function cursorSigningKey(): Promise<Buffer> {
  const secret = await env.jwtSecret();
  if (signingKeyFor?.secret !== secret) {
    signingKeyFor = { secret, key: createHmac('sha256', secret).update('linli page cursors').digest() };
  }
  return signingKeyFor.key;
}

export interface PageQuery {
  tableName: string;
  /** Omitted for the table itself. */
  indexName?: 'GSI1' | 'GSI2';
  partition: string;
  /**
   * e.g. `GSI1SK >= :from`, with its values. `fromClock`: the values are computed from the time
   * of the request (a moving window), not from what the caller asked, so they are not bound
   * into the cursor (a cursor the window has since moved past is refused, not a 500).
   */
  sortKeyCondition?: { expression: string; values: Record<string, unknown>; fromClock?: boolean };
  /** Filters applied to the items after the query (the caller's choice): bound into the cursor. */
  filters?: Record<string, string | number | boolean | undefined>;
  cursor: string | undefined;
  limit: number;
  newestFirst?: boolean;
  /**
   * Only items matching this (e.g. `#status = :status`); the page is filled by reading on, at most
   * `MAX_FILTERED_READS` reads of `limit` items, so a sparse filter answers with fewer items and a cursor.
   */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
}

const MAX_FILTERED_READS = 8;

/** DynamoDB's answer to a start key outside the key condition (e.g. a moving time window). */
function isStartKeyOutsideQuery(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'ValidationException' &&
    /starting key|ExclusiveStartKey|query boundaries/i.test(error.message)
  );
}

/**
 * One page of a partition, with a signed cursor that only this same query (route, caller,
 * partition, sort-key condition, order and filters) accepts. A cursor from anywhere else is
 * `400 request.invalid_cursor`, never a DynamoDB error.
 */
export async function queryPage(
  client: DynamoDBDocumentClient,
  query: PageQuery,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const partitionAttribute = query.indexName ? `${query.indexName}PK` : 'PK';
  const keyAttributes = query.indexName ? ['PK', 'SK', `${query.indexName}PK`, `${query.indexName}SK`] : ['PK', 'SK'];
  const scope = currentScope();
  const condition = query.sortKeyCondition;
  const binding: CursorBinding = {
    route: scope?.route,
    actorId: scope?.actorId,
    onBehalfOf: scope?.onBehalfOf,
    indexName: query.indexName,
    partition: query.partition,
    newestFirst: query.newestFirst ?? false,
    sortKeyExpression: condition?.expression,
    sortKeyValues: condition && !condition.fromClock ? condition.values : undefined,
    filters: query.filter ? { ...query.filters, ...query.filter.values } : query.filters,
  };
  // Only read the secret when there is a cursor to check or to issue (tools reading one page need none).
  let startKey: Record<string, unknown> | undefined = query.cursor
    ? decodeCursor(query.cursor, keyAttributes, binding, await cursorSigningKey())
    : undefined;
  if (startKey && startKey[partitionAttribute] !== query.partition) throw invalidCursor();
  const items: Record<string, unknown>[] = [];
  for (let read = 0; read < (query.filter ? MAX_FILTERED_READS : 1); read += 1) {
    let result;
    try {
      result = await client.send(
        new QueryCommand({
          TableName: query.tableName,
          IndexName: query.indexName,
          KeyConditionExpression:
            `${partitionAttribute} = :partition` + (condition ? ` AND ${condition.expression}` : ''),
          FilterExpression: query.filter?.expression,
          ExpressionAttributeNames: query.filter?.names,
          ExpressionAttributeValues: { ':partition': query.partition, ...condition?.values, ...query.filter?.values },
          ScanIndexForward: !query.newestFirst,
          Limit: query.limit,
          ExclusiveStartKey: startKey,
        }),
      );
    } catch (error) {
      if (startKey && isStartKeyOutsideQuery(error)) throw invalidCursor();
      throw error;
    }
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey || items.length >= query.limit) break;
  }
  const nextCursor = startKey ? encodeCursor(startKey, keyAttributes, binding, await cursorSigningKey()) : null;
  return { items, nextCursor };
}

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * Every page of a query (jobs, exports, partitions known to be small), up to `maxItems`.
 * Never on a request path over an unbounded partition.
 */
export async function queryAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: QueryInput,
  maxItems = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < maxItems);
  return items;
}

/** How many items a query matches (`Select: COUNT`, every page). */
export async function queryCount(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: QueryInput,
): Promise<number> {
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ ...input, TableName: tableName, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return total;
}
