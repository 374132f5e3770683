import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AppError } from './errors';
import { ENTITY, keys } from '../store/keys';

/**
 * `Idempotency-Key` support on the Linli table (the same idea as Powertools
 * idempotency's DynamoDB persistence layer): the first request with a key takes
 * a lock record; replays with the same key and body get the stored response;
 * the same key with another body is refused; an error releases the lock.
 */
const RECORD_TTL_SECONDS = 24 * 3600;
const LOCK_SECONDS = 60;

export interface StoredResponse {
  statusCode: number;
  body: string;
}

export type IdempotencyStart = { kind: 'proceed'; scopeHash: string } | { kind: 'replay'; response: StoredResponse };

export function validIdempotencyKey(key: string): boolean {
  return /^[A-Za-z0-9_.:-]{8,128}$/.test(key);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class IdempotencyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async start(input: { scope: string; key: string; requestBody: string }): Promise<IdempotencyStart> {
    const scopeHash = sha256(`${input.scope}\n${input.key}`);
    const requestHash = sha256(input.requestBody);
    const nowSeconds = Math.floor(Date.now() / 1000);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(scopeHash),
            type: ENTITY.idempotency,
            status: 'in_progress',
            requestHash,
            lockedUntil: nowSeconds + LOCK_SECONDS,
            expiresAt: nowSeconds + RECORD_TTL_SECONDS,
          },
          ConditionExpression:
            'attribute_not_exists(PK) OR expiresAt < :now OR (#status = :inProgress AND lockedUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':now': nowSeconds, ':inProgress': 'in_progress' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { kind: 'proceed', scopeHash };
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
      // lib-dynamodb does not unmarshall the item carried by the exception.
      const marshalled = (error as Error & { Item?: Record<string, AttributeValue> }).Item;
      const existing = marshalled ? unmarshall(marshalled) : undefined;
      if (!existing) throw new AppError('idempotency.in_progress', 'The same request is still being handled');
      if (existing.requestHash !== requestHash) {
        throw new AppError('idempotency.key_reused', 'This Idempotency-Key was already used for a different request');
      }
      if (existing.status !== 'completed') {
        throw new AppError('idempotency.in_progress', 'The same request is still being handled; retry shortly');
      }
      return {
        kind: 'replay',
        response: { statusCode: Number(existing.responseStatus), body: String(existing.responseBody) },
      };
    }
  }

  async complete(scopeHash: string, response: StoredResponse): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.idempotency(scopeHash),
        UpdateExpression: 'SET #status = :completed, responseStatus = :status, responseBody = :body REMOVE lockedUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':status': response.statusCode,
          ':body': response.body,
        },
      }),
    );
  }

  async release(scopeHash: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.idempotency(scopeHash) }));
  }
}
