import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { env } from '../lib/env';
import type { TableKey } from './keys';

let documentClient: DynamoDBDocumentClient | undefined;

/** One document client per Lambda container; pointed at DynamoDB Local when DYNAMODB_ENDPOINT is set. */
export function getDocumentClient(): DynamoDBDocumentClient {
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
 * wants the entity, this when it maps the item itself.
 */
export async function getItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: TableKey,
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown> | null> {
  const result = await client.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: options.consistent ?? true }),
  );
  return result.Item ?? null;
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
