import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { env } from '../lib/env';
import { currentScope } from '../lib/request-scope';
import type { TableKey } from './keys';

let documentClient: DynamoDBDocumentClient | undefined;
const scoped = new WeakMap<DynamoDBDocumentClient, DynamoDBDocumentClient>();

/**
 * The client the stores use: inside a request with a unit of work (`store/unit-of-work.ts`) every
 * request goes through it, so the use case's writes and the idempotency record share one
 * transaction; elsewhere it is the client itself.
 */
function withUnitOfWork(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  let wrapped = scoped.get(client);
  if (!wrapped) {
    const send = (command: never, ...rest: never[]) => {
      const scope = currentScope();
      // An item read ahead is what it was before the request: forget the ones this write changes.
      if (scope?.readAhead && isWrite(command)) forgetWritten(scope.readAhead, command);
      const work = scope?.work;
      return work
        ? work.send(client, command)
        : (client.send as (...args: never[]) => Promise<unknown>)(command, ...rest);
    };
    wrapped = new Proxy(client, {
      get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)),
    });
    scoped.set(client, wrapped);
  }
  return wrapped;
}

/** A request that changes items (what read-ahead forgets, and what a unit of work holds). */
export const isWrite = (command: unknown) =>
  command instanceof PutCommand ||
  command instanceof UpdateCommand ||
  command instanceof DeleteCommand ||
  command instanceof TransactWriteCommand ||
  command instanceof BatchWriteCommand;

const keyId = (key: { PK?: unknown; SK?: unknown }) => `${String(key.PK)}\u0000${String(key.SK)}`;

type KeyOf = { PK?: unknown; SK?: unknown };
/** The keys of the items one write changes; null when it cannot tell (a batch). */
function writtenKeys(command: unknown): KeyOf[] | null {
  if (command instanceof PutCommand) return [command.input.Item as KeyOf];
  if (command instanceof UpdateCommand || command instanceof DeleteCommand) return [command.input.Key as KeyOf];
  if (command instanceof TransactWriteCommand) {
    return (command.input.TransactItems ?? []).map(
      (item) => (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key ?? {}) as KeyOf,
    );
  }
  return null;
}

function forgetWritten(ahead: Map<string, unknown>, command: unknown): void {
  const written = writtenKeys(command);
  if (!written) ahead.clear();
  else for (const key of written) ahead.delete(keyId(key));
}

/** One document client per Lambda container; pointed at DynamoDB Local when DYNAMODB_ENDPOINT is set. */
export function getDocumentClient(): DynamoDBDocumentClient {
  return withUnitOfWork(baseDocumentClient());
}

/** The client itself, never through a unit of work: for the unit of work's own requests. */
export function baseDocumentClient(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const endpoint = env.dynamodbEndpoint();
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION || 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

/** Tests and tools that own their client (fault injection, request counting) install it here. */
export function setDocumentClient(client: DynamoDBDocumentClient | undefined): void {
  documentClient = client;
}

/**
 * Reads one item by its key — strongly consistent unless `consistent: false` (a read that may lag
 * a write by a second, such as a community's settings) — as stored, table keys included; null when
 * there is none. The one way the stores read a single item: {@link getEntity} when the caller
 * wants the entity, this when it maps the item itself. From the request's read-ahead when it holds the
 * item, unless `fresh` (a read after a cancelled write, which the read-ahead may be why).
 */
export async function getItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: TableKey,
  options: { consistent?: boolean; fresh?: boolean } = {},
): Promise<Record<string, unknown> | null> {
  const ahead = options.fresh ? undefined : currentScope()?.readAhead?.get(keyId(key));
  if (ahead !== undefined) return ahead && { ...ahead };
  const result = await client.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: options.consistent ?? true }),
  );
  return result.Item ?? null;
}

/**
 * Reads items by their keys in one `BatchGetItem` (strongly consistent; up to 100 keys, repeats
 * read once), in the order of `keys`, null where there is none. Keys DynamoDB leaves unprocessed
 * (throttling) are asked again with back-off. The way a write's reads take one round trip.
 */
export async function getItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly TableKey[],
): Promise<(Record<string, unknown> | null)[]> {
  const unique = [...new Map(keys.map((key) => [keyId(key), key])).values()];
  if (unique.length > 100) throw new Error(`getItems reads at most 100 items (asked for ${unique.length})`);
  const found = new Map<string, Record<string, unknown>>();
  let pending: TableKey[] = unique;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const output = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of output.Responses?.[tableName] ?? []) found.set(keyId(item), item);
    pending = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as TableKey[];
    if (pending.length > 0) {
      if (attempt >= 6)
        throw Object.assign(new Error('BatchGetItem left keys unprocessed'), { name: 'ThrottlingException' });
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10 + Math.random() * 20));
    }
  }
  return keys.map((key) => found.get(keyId(key)) ?? null);
}

/**
 * Reads, in one round trip, the items a request is about to read one by one (a check-in's
 * membership, community, activity and attendance): `getItem` answers them from memory for the
 * rest of the request, until the request writes. Outside a request it reads nothing.
 */
export async function readAhead(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly TableKey[],
): Promise<void> {
  const scope = currentScope();
  if (!scope || keys.length === 0) return;
  const items = await getItems(client, tableName, keys);
  const ahead = scope.readAhead ?? new Map<string, Record<string, unknown> | null>();
  keys.forEach((key, index) => ahead.set(keyId(key), items[index] ?? null));
  scope.readAhead = ahead;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** For a cancelled transaction: the cancellation reason code of each item, in order. */
export function cancellationReasons(error: unknown): string[] | null {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return null;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** One item of a TransactWriteItems request (Put, Update, Delete or ConditionCheck). */
export type TransactionItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];
