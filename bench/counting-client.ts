import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB operation name → number of requests sent, e.g. `{ GetItem: 2, TransactWriteItems: 1 }`. */
export type RequestCounts = Record<string, number>;

export interface CountingClient {
  /** Configured like the one in functions/src/store/client.ts; install it with setDocumentClient. */
  documentClient: DynamoDBDocumentClient;
  /** Counts since the last reset, keys sorted. */
  counts(): RequestCounts;
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
    reset: () => {
      counts = {};
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
