import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB operation name → number of requests sent, e.g. `{ GetItem: 2, TransactWriteItems: 1 }`. */
export type RequestCounts = Record<string, number>;

/** Request units consumed since the last reset: what on-demand DynamoDB bills. */
export interface ConsumedUnits {
  /** Read request units (RRU): 1 per strongly consistent 4 KB, ½ eventually consistent, 2 transactional. */
  read: number;
  /** Write request units (WRU): 1 per 1 KB written, 2 in a transaction. */
  write: number;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export interface CountingClient {
  /** Configured like the one in functions/src/store/client.ts; install it with setDocumentClient. */
  documentClient: DynamoDBDocumentClient;
  /** Counts since the last reset, keys sorted. */
  counts(): RequestCounts;
  /** Request units since the last reset (every request asks for `ReturnConsumedCapacity: TOTAL`). */
  consumed(): ConsumedUnits;
  reset(): void;
  destroy(): void;
}

/**
 * The real DynamoDB client with one extra middleware that counts each request by its
 * operation (the `X-Amz-Target` header, e.g. `DynamoDB_20120810.GetItem`). It sits in the
 * build step, before the retry middleware, so a request counts once however often the SDK
 * retries it: the numbers are deterministic.
 */
export function countingClient(endpoint: string): CountingClient {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION || 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let counts: RequestCounts = {};
  let consumed: ConsumedUnits = { read: 0, write: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      if (!READS.has(operation) && !WRITES.has(operation)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string };
      const result = await next({ ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } });
      const reported = (
        result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
      ).ConsumedCapacity;
      const units = [reported ?? []].flat().reduce((sum, entry) => sum + Number(entry.CapacityUnits ?? 0), 0);
      // DynamoDB Local reports a transaction's items at the standard rate; DynamoDB bills them twice.
      if (READS.has(operation)) consumed.read += operation === 'TransactGetItems' ? units * 2 : units;
      else consumed.write += operation === 'TransactWriteItems' ? units * 2 : units;
      return result;
    },
    { step: 'initialize', name: 'linliConsumedCapacity' },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
      const target = headers['x-amz-target'] ?? headers['X-Amz-Target'] ?? 'Unknown';
      const operation = target.slice(target.lastIndexOf('.') + 1);
      counts[operation] = (counts[operation] ?? 0) + 1;
      return next(args);
    },
    { step: 'build', name: 'linliRequestCounter' },
  );
  const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    documentClient,
    counts: () => Object.fromEntries(Object.entries(counts).sort(([left], [right]) => left.localeCompare(right))),
    consumed: () => ({ ...consumed }),
    reset: () => {
      counts = {};
      consumed = { read: 0, write: 0 };
    },
    destroy: () => client.destroy(),
  };
}

export const totalRequests = (counts: RequestCounts) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** `GetItem×2 Query×1` — compact, for the printed table. */
export const formatCounts = (counts: RequestCounts) =>
  Object.entries(counts)
    .map(([operation, count]) => `${operation}×${count}`)
    .join(' ');
