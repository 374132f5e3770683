import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../lib/errors';

type Key = Record<string, string>;

/** A page cursor is the last evaluated key, opaque to callers (base64url JSON). */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  if (!lastEvaluatedKey) return null;
  return Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url');
}

/**
 * Decodes a cursor and checks it belongs to the partition being read, so a crafted
 * cursor can never page into someone else's items.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attribute: string; value: string; keyAttributes: string[] },
): Key | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = new AppError('request.invalid_cursor', 'The page cursor is not valid; start from the first page');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid;
  const entries = Object.entries(decoded as Record<string, unknown>);
  const allowed = new Set(expected.keyAttributes);
  if (
    entries.length !== allowed.size ||
    entries.some(([name, value]) => !allowed.has(name) || typeof value !== 'string')
  ) {
    throw invalid;
  }
  const key = decoded as Key;
  if (key[expected.attribute] !== expected.value) throw invalid;
  return key;
}

export interface PageQuery {
  tableName: string;
  /** Omitted for the table itself. */
  indexName?: 'GSI1' | 'GSI2';
  partition: string;
  /** e.g. `GSI1SK >= :from`, with its values. */
  sortKeyCondition?: { expression: string; values: Record<string, unknown> };
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

/** One page of a partition, with a cursor that can only continue this same partition. */
export async function queryPage(
  client: DynamoDBDocumentClient,
  query: PageQuery,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const partitionAttribute = query.indexName ? `${query.indexName}PK` : 'PK';
  const keyAttributes = query.indexName ? ['PK', 'SK', `${query.indexName}PK`, `${query.indexName}SK`] : ['PK', 'SK'];
  let startKey: Record<string, unknown> | undefined = decodeCursor(query.cursor, {
    attribute: partitionAttribute,
    value: query.partition,
    keyAttributes,
  });
  const items: Record<string, unknown>[] = [];
  for (let read = 0; read < (query.filter ? MAX_FILTERED_READS : 1); read += 1) {
    const result = await client.send(
      new QueryCommand({
        TableName: query.tableName,
        IndexName: query.indexName,
        KeyConditionExpression:
          `${partitionAttribute} = :partition` +
          (query.sortKeyCondition ? ` AND ${query.sortKeyCondition.expression}` : ''),
        FilterExpression: query.filter?.expression,
        ExpressionAttributeNames: query.filter?.names,
        ExpressionAttributeValues: {
          ':partition': query.partition,
          ...query.sortKeyCondition?.values,
          ...query.filter?.values,
        },
        ScanIndexForward: !query.newestFirst,
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey || items.length >= query.limit) break;
  }
  return { items, nextCursor: encodeCursor(startKey) };
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
