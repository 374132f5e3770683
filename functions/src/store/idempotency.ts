import { createHash, randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { AppError } from '../lib/errors';
import { ENTITY, keys } from './keys';

/**
 * `Idempotency-Key` support on the Linli table (the same idea as Powertools
 * idempotency's DynamoDB persistence layer): the first request with a key takes
 * a lock record; replays with the same key and body get the stored response;
 * the same key with another body is refused; an error releases the lock. Every attempt
 * with one key makes the same ids (`IdSeed`), so an attempt that committed its write but
 * failed before answering (a lost acknowledgement) is recognised by the next one.
 */
const RECORD_TTL_SECONDS = 24 * 3600;
const LOCK_SECONDS = 60;
/** Attempts at the lock, the stored reply and the release when DynamoDB throttles or times out. */
const START_ATTEMPTS = 5;
const FINISH_ATTEMPTS = 5;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));

export interface StoredResponse {
  statusCode: number;
  body: string;
}

/** What makes a request's ids (see `newId`): the same on every attempt with one key. */
export interface IdSeed {
  seed: string;
  /** Epoch ms of the first attempt: the time part of the ids. */
  time: number;
}

export type IdempotencyStart =
  { kind: 'proceed'; scopeHash: string; ids: IdSeed } | { kind: 'replay'; response: StoredResponse };

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
    // Who holds the lock: lets this request recognise its own lock when the acknowledgement
    // of the write that took it was lost and the write is sent again.
    const owner = randomUUID();
    for (let attempt = 1; ; attempt += 1) {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const ids = { seed: randomUUID(), time: Date.now() };
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...keys.idempotency(scopeHash),
              type: ENTITY.idempotency,
              status: 'in_progress',
              requestHash,
              owner,
              idSeed: ids.seed,
              idTime: ids.time,
              lockedUntil: nowSeconds + LOCK_SECONDS,
              expiresAt: nowSeconds + RECORD_TTL_SECONDS,
            },
            // A released record (an earlier attempt failed) is taken over only by another request
            // body; the same request resumes it below, keeping its ids.
            ConditionExpression:
              'attribute_not_exists(PK) OR expiresAt < :now OR (#status = :released AND requestHash <> :hash)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': nowSeconds, ':released': 'released', ':hash': requestHash },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { kind: 'proceed', scopeHash, ids };
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        if (error.name !== 'ConditionalCheckFailedException') {
          // Throttled, or the lock was written but its acknowledgement lost: try again (the
          // owner token recognises our own lock).
          if (attempt < START_ATTEMPTS) {
            await pause(attempt);
            continue;
          }
          throw error;
        }
        // lib-dynamodb does not unmarshall the item carried by the exception.
        const marshalled = (error as Error & { Item?: Record<string, AttributeValue> }).Item;
        const existing = marshalled ? unmarshall(marshalled) : undefined;
        if (!existing) throw new AppError('idempotency.in_progress', 'The same request is still being handled');
        if (existing.requestHash !== requestHash) {
          throw new AppError('idempotency.key_reused', 'This Idempotency-Key was already used for a different request');
        }
        if (existing.status === 'completed') {
          return {
            kind: 'replay',
            response: { statusCode: Number(existing.responseStatus), body: String(existing.responseBody) },
          };
        }
        const previousIds = { seed: String(existing.idSeed ?? scopeHash), time: Number(existing.idTime ?? Date.now()) };
        if (existing.owner === owner) return { kind: 'proceed', scopeHash, ids: previousIds };
        if (existing.status === 'in_progress' && Number(existing.lockedUntil) >= nowSeconds) {
          throw new AppError('idempotency.in_progress', 'The same request is still being handled; retry shortly');
        }
        // Released by a failed attempt, or locked by one that died: run again with the SAME ids,
        // so whatever that attempt may have committed is recognised instead of done twice.
        if (await this.resume(scopeHash, requestHash, owner, nowSeconds)) {
          return { kind: 'proceed', scopeHash, ids: previousIds };
        }
        if (attempt < START_ATTEMPTS) continue;
        throw new AppError('idempotency.in_progress', 'The same request is still being handled; retry shortly');
      }
    }
  }

  private async resume(scopeHash: string, requestHash: string, owner: string, nowSeconds: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.idempotency(scopeHash),
          UpdateExpression: 'SET #status = :inProgress, #owner = :owner, lockedUntil = :until',
          ConditionExpression:
            'requestHash = :hash AND (#status = :released OR (#status = :inProgress AND lockedUntil < :now) OR #owner = :owner)',
          ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':inProgress': 'in_progress',
            ':released': 'released',
            ':owner': owner,
            ':until': nowSeconds + LOCK_SECONDS,
            ':now': nowSeconds,
            ':hash': requestHash,
          },
        }),
      );
      return true;
    } catch {
      // Taken by another attempt meanwhile, throttled, or applied with its acknowledgement lost:
      // the caller looks at the record again.
      return false;
    }
  }

  /** Stores the reply for replays; retried, as the business write it answers has happened. */
  async complete(scopeHash: string, response: StoredResponse): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.idempotency(scopeHash),
            UpdateExpression:
              'SET #status = :completed, responseStatus = :status, responseBody = :body REMOVE lockedUntil',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':completed': 'completed',
              ':status': response.statusCode,
              ':body': response.body,
            },
          }),
        );
        return;
      } catch (error) {
        if (attempt >= FINISH_ATTEMPTS) throw error;
        await pause(attempt);
      }
    }
  }

  /**
   * After a failure: the next attempt with this key may run again. The record is kept (as
   * `released`) with its id seed, so that attempt makes the same ids and a write the failed
   * one committed before losing its acknowledgement is recognised rather than repeated.
   */
  async release(scopeHash: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.idempotency(scopeHash),
            UpdateExpression: 'SET #status = :released REMOVE lockedUntil',
            ConditionExpression: '#status = :inProgress',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':released': 'released', ':inProgress': 'in_progress' },
          }),
        );
        return;
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
        if (attempt >= FINISH_ATTEMPTS) throw error;
        await pause(attempt);
      }
    }
  }
}
