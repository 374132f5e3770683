import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The real DynamoDB client with one extra middleware that injects faults, seeded so a run
 * can be replayed. It sits in the initialize step, outside the SDK's own retries, so every
 * fault reaches the product code as it would once the SDK has given up:
 *   - throttle: ProvisionedThroughputExceededException / ThrottlingException, before sending;
 *   - conflict: TransactionCanceledException with a TransactionConflict reason, before sending
 *     (TransactWriteItems only);
 *   - lostAck: the request IS sent (and the write commits), then a TimeoutError is thrown —
 *     the acknowledgement was lost (writes only).
 */
export type FaultKind = 'throttle' | 'conflict' | 'lostAck';
export type FaultRates = Record<FaultKind, number>;

export interface FaultyClient {
  documentClient: DynamoDBDocumentClient;
  /** Faults are injected only while enabled (set-up and invariant checks run without). */
  enabled: boolean;
  injected: Record<FaultKind, number>;
  /** Requests seen while enabled. */
  requests: number;
  destroy(): void;
}

/** mulberry32: a tiny seeded PRNG, enough for reproducible fault decisions. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

function awsError(name: string, message: string, statusCode: number, extra: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  Object.assign(error, {
    $fault: statusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: statusCode, attempts: 1, totalRetryDelay: 0 },
    ...extra,
  });
  return error;
}

export function faultyDocumentClient(endpoint: string, options: { seed: number; rates: FaultRates }): FaultyClient {
  const client = new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION || 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const random = seededRandom(options.seed);
  const faulty: FaultyClient = {
    documentClient: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    enabled: false,
    injected: { throttle: 0, conflict: 0, lostAck: 0 },
    requests: 0,
    destroy: () => client.destroy(),
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!faulty.enabled) return next(args);
      faulty.requests += 1;
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const roll = random();
      const { throttle, conflict, lostAck } = options.rates;
      if (roll < throttle) {
        faulty.injected.throttle += 1;
        throw random() < 0.5
          ? awsError('ProvisionedThroughputExceededException', 'injected: throughput exceeded', 400)
          : awsError('ThrottlingException', 'injected: rate exceeded', 400);
      }
      if (operation === 'TransactWriteItems' && roll < throttle + conflict) {
        faulty.injected.conflict += 1;
        const items = ((args.input as { TransactItems?: unknown[] }).TransactItems ?? []).length;
        const conflicted = Math.floor(random() * Math.max(items, 1));
        throw awsError(
          'TransactionCanceledException',
          'injected: Transaction cancelled, please refer cancellation reasons for specific reasons',
          400,
          {
            CancellationReasons: Array.from({ length: items }, (_, index) =>
              index === conflicted
                ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
                : { Code: 'None' },
            ),
          },
        );
      }
      const result = await next(args);
      if (WRITES.has(operation) && roll >= 1 - lostAck) {
        faulty.injected.lostAck += 1;
        throw awsError('TimeoutError', 'injected: the write was sent but its acknowledgement was lost', 500);
      }
      return result;
    },
    { step: 'initialize', name: 'linliFaultInjection', priority: 'high' },
  );
  return faulty;
}
