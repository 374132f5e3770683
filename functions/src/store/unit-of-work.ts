import { createHash, randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '../lib/errors';
import type { RequestWork } from '../lib/request-scope';
import { cancellationReasons, getItems, isWrite, type TransactionItem } from './client';
import { ENTITY, keys, retentionKey, retentionValues, type TableKey } from './keys';
import { consumeRateLimit, rateLimitRule, tooManyRequests, type RateLimitName } from './rate-limit';

/**
 * The unit of work of one write request (issue 15): its writes, the `Idempotency-Key` record
 * with the reply, and the caller's rate-limit window commit in ONE `TransactWriteItems`, and the
 * record and the window are read with the request's first read. A write costs its reads (one
 * `BatchGetItem` where the use case batches them) and one transaction — not a lock `PutItem`,
 * a reply `UpdateItem` and a rate `UpdateItem` on top.
 *
 * How: the use case runs *deferred* — its first write is held (answered as sent), and when the
 * use case returns, the held write goes out with the record (`attribute_not_exists`, carrying the
 * reply) and the window's conditional `ADD`. If that transaction fails for any reason but "the
 * record exists" or "the window is full", nothing was written and the use case runs again
 * *direct*: each write is sent as it is made (the first with the record, marked `committed`,
 * appended), the use case's own error handling sees DynamoDB's real answers, and the reply is
 * stored afterwards. A use case that writes twice, reads after writing, or writes with
 * `ReturnValues` also runs direct (the route is then run direct from the start: `directRoutes`).
 *
 * The guarantees are the old lock's (Powertools idempotency's, on our table): the same key and
 * body get the stored reply (`idempotent-replayed`); another body is 422 `idempotency.key_reused`;
 * a direct attempt still running is 409 `idempotency.in_progress`; an attempt that failed after
 * its first direct write leaves the record `released`, and the next attempt makes the same ids
 * (`IdSeed`) so what the failed one wrote is recognised, not repeated.
 */

const RECORD_TTL_SECONDS = 24 * 3600;
/** A direct attempt's record without a reply is "still running" for this long, then resumable. */
const LOCK_SECONDS = 60;
/** DynamoDB's limit of items in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;
const FINISH_ATTEMPTS = 5;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function validIdempotencyKey(key: string): boolean {
  return /^[A-Za-z0-9_.:-]{8,128}$/.test(key);
}

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

export interface WorkRequest {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** `Idempotency-Key` with what it is scoped to (caller, method, path) and the raw body it must match. */
  idempotency?: { scope: string; key: string; requestBody: string };
  /** A per-user budget (`checkin`, `verifyPass`): counted in the same transaction as the writes. */
  rateLimit?: { name: RateLimitName; subject: string };
  /** Run direct from the start (the route was seen to need it). */
  direct?: boolean;
  now?: () => number;
}

export type WorkOutcome<Result> =
  /** `needsDirect`: the use case wrote twice, read after writing or made an outside effect after writing. */
  { kind: 'done'; result: Result; needsDirect: boolean } | { kind: 'replay'; response: StoredResponse };

type Interruption =
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'refuse'; error: AppError }
  /** Run again with each write sent as made; `ids` when an earlier attempt's record says which. */
  | { kind: 'direct' };

/** Thrown through the use case to stop it; recorded on the unit too, in case the use case swallows it. */
class WorkInterrupted extends Error {
  override name = 'WorkInterrupted';
}

type Item = Record<string, unknown>;

interface RateWindow {
  key: TableKey;
  limit: number;
  expiresAt: number;
  retryAfterSeconds: number;
  /** A refused request counts too (`RateLimitRule.countsRefused`). */
  countsRefused: boolean;
}

/** A TransactionCanceledException with only the reasons of the use case's own items, as if ours were not there. */
function withReasons(error: unknown, count: number): unknown {
  const reasons = (error as { CancellationReasons?: unknown[] }).CancellationReasons;
  if (!Array.isArray(reasons)) return error;
  const trimmed = Object.assign(new Error((error as Error).message), error as object, {
    CancellationReasons: reasons.slice(0, count),
  });
  trimmed.name = (error as Error).name;
  return trimmed;
}

/** The use case's reasons, its untouched items marked as conflicting: what a conflict on our item means to it. */
function withConflict(error: unknown, count: number): unknown {
  const trimmed = withReasons(error, count) as { CancellationReasons?: { Code?: string }[] };
  trimmed.CancellationReasons = (trimmed.CancellationReasons ?? []).map((reason) =>
    !reason.Code || reason.Code === 'None' ? { ...reason, Code: 'TransactionConflict' } : reason,
  );
  return trimmed;
}

/** A single write's failed condition, as DynamoDB answers it outside a transaction (with the old item when asked). */
function conditionFailed(reason: { Item?: unknown } | undefined): Error {
  const error = Object.assign(new Error('The conditional request failed'), reason?.Item ? { Item: reason.Item } : {});
  error.name = 'ConditionalCheckFailedException';
  return error;
}

/** A write as one item of a transaction, or null when it cannot be one (it asks for ReturnValues). */
function asTransactionItem(command: unknown): TransactionItem | null {
  const returning = (input: { ReturnValues?: string }) =>
    input.ReturnValues !== undefined && input.ReturnValues !== 'NONE';
  if (command instanceof PutCommand) {
    if (returning(command.input)) return null;
    const { ReturnValues: _, ReturnConsumedCapacity: __, ReturnItemCollectionMetrics: ___, ...put } = command.input;
    return { Put: put } as TransactionItem;
  }
  if (command instanceof UpdateCommand) {
    if (returning(command.input)) return null;
    const { ReturnValues: _, ReturnConsumedCapacity: __, ReturnItemCollectionMetrics: ___, ...update } = command.input;
    return { Update: update } as TransactionItem;
  }
  if (command instanceof DeleteCommand) {
    if (returning(command.input)) return null;
    const { ReturnValues: _, ReturnConsumedCapacity: __, ReturnItemCollectionMetrics: ___, ...remove } = command.input;
    return { Delete: remove } as TransactionItem;
  }
  return null;
}

const isRead = (command: unknown) =>
  command instanceof GetCommand ||
  command instanceof BatchGetCommand ||
  command instanceof QueryCommand ||
  command instanceof ScanCommand ||
  command instanceof TransactGetCommand;

const sameKey = (item: { PK?: unknown; SK?: unknown }, key: TableKey) => item.PK === key.PK && item.SK === key.SK;

export class UnitOfWork implements RequestWork {
  private mode: 'deferred' | 'direct';
  private readonly now: () => number;
  private readonly owner = randomUUID();
  private readonly record?: { key: TableKey; requestHash: string };
  private readonly rate?: RateWindow;
  private ids: IdSeed;
  /** An earlier attempt's record (released, or stale) is this request's: complete or release it, never put it again. */
  private resumed = false;
  // Per run:
  private extrasRead = false;
  private held?: TransactionItem[];
  private recordWritten = false;
  /** A direct write carrying the record was sent and its outcome is unknown (a lost acknowledgement). */
  private recordAttempted = false;
  private rateCounted = false;
  private interruption?: Interruption;
  /** The use case itself needed direct sending (two writes, a read after its write, an outside effect). */
  private shapeNeedsDirect = false;

  constructor(private readonly request: WorkRequest) {
    this.now = request.now ?? Date.now;
    this.mode = request.direct ? 'direct' : 'deferred';
    this.ids = { seed: randomUUID(), time: this.now() };
    if (request.idempotency) {
      const { scope, key, requestBody } = request.idempotency;
      this.record = { key: keys.idempotency(sha256(`${scope}\n${key}`)), requestHash: sha256(requestBody) };
    }
    if (request.rateLimit) {
      const rule = rateLimitRule(request.rateLimit.name);
      const windowMs = rule.windowSeconds * 1000;
      const now = this.now();
      const windowStart = now - (now % windowMs);
      this.rate = {
        key: keys.rateWindow(request.rateLimit.name, request.rateLimit.subject, windowStart),
        limit: rule.limit,
        expiresAt: Math.ceil((windowStart + windowMs) / 1000) + 60,
        retryAfterSeconds: Math.ceil((windowStart + windowMs - now) / 1000),
        countsRefused: rule.countsRefused !== false,
      };
    }
  }

  /**
   * Runs the use case (`run` gets the ids of this attempt: pass them to the request scope) until it
   * is done, answered from the record, or refused; `serialise` is the reply the record keeps.
   */
  async perform<Result>(
    run: (ids: IdSeed) => Promise<Result>,
    serialise: (result: Result) => StoredResponse,
  ): Promise<WorkOutcome<Result>> {
    for (let runs = 0; ; runs += 1) {
      this.extrasRead = false;
      this.held = undefined;
      this.recordWritten = this.resumed;
      this.recordAttempted = false;
      this.interruption = undefined;
      let result: Result | undefined;
      let failure: unknown;
      let failed = false;
      try {
        result = await run(this.ids);
      } catch (error) {
        failure = error;
        failed = true;
      }
      const interruption = this.takeInterruption();
      if (interruption?.kind === 'replay') return { kind: 'replay', response: interruption.response };
      if (interruption?.kind === 'refuse') throw interruption.error;
      if (interruption?.kind === 'direct') {
        if (runs >= 2) {
          throw new AppError('idempotency.in_progress', 'The same request is still being handled; retry shortly');
        }
        this.mode = 'direct';
        continue;
      }
      if (failed && this.mode === 'deferred' && this.held) {
        // It wrote, then refused (e.g. an approval already made finishes its certificate, then
        // says so): run it again direct, so the write is made and the refusal still answered.
        this.shapeNeedsDirect = true;
        this.mode = 'direct';
        continue;
      }
      if (failed) {
        await this.afterFailure();
        throw failure;
      }
      const response = serialise(result as Result);
      if (this.mode === 'deferred' && this.held) {
        await this.commit(this.held, response);
        const after = this.takeInterruption();
        if (after?.kind === 'replay') return { kind: 'replay', response: after.response };
        if (after?.kind === 'refuse') throw after.error;
        if (after?.kind === 'direct') {
          this.mode = 'direct';
          continue;
        }
        return { kind: 'done', result: result as Result, needsDirect: false };
      }
      await this.afterSuccess(response);
      return { kind: 'done', result: result as Result, needsDirect: this.shapeNeedsDirect };
    }
  }

  /** Every DynamoDB request of the use case comes here (`store/client.ts` routes them). */
  async send(client: { send(command: never): Promise<unknown> }, command: unknown): Promise<unknown> {
    const inner = client as DynamoDBDocumentClient;
    if (this.interruption) throw new WorkInterrupted(this.interruption.kind);
    if (isRead(command)) {
      if (this.mode === 'deferred' && this.held) this.needDirect();
      if (!this.extrasRead && (this.record || this.rate)) return this.readWithExtras(inner, command);
      return inner.send(command as never);
    }
    if (!isWrite(command)) return inner.send(command as never);
    if (this.mode === 'deferred') return this.hold(command);
    return this.sendDirect(inner, command);
  }

  beforeOutsideEffect(): void {
    if (this.mode === 'deferred' && this.held) this.needDirect();
  }

  private needDirect(): never {
    this.shapeNeedsDirect = true;
    return this.interrupt({ kind: 'direct' });
  }

  private interrupt(interruption: Interruption): never {
    this.interruption ??= interruption;
    throw new WorkInterrupted(interruption.kind);
  }

  private takeInterruption(): Interruption | undefined {
    const interruption = this.interruption;
    this.interruption = undefined;
    return interruption;
  }

  // ---- reads ---------------------------------------------------------------------------------

  private extraKeys(): TableKey[] {
    return [this.record?.key, this.rate?.key].filter((key): key is TableKey => key !== undefined);
  }

  /** The request's first read carries the record and the window: in its BatchGetItem, or beside it. */
  private async readWithExtras(client: DynamoDBDocumentClient, command: unknown): Promise<unknown> {
    this.extrasRead = true;
    const extraKeys = this.extraKeys();
    const { tableName } = this.request;
    if (command instanceof BatchGetCommand) {
      const requested = command.input.RequestItems?.[tableName];
      const keysOfTable = (requested?.Keys ?? []) as TableKey[];
      const missing = extraKeys.filter((key) => !keysOfTable.some((known) => sameKey(known, key)));
      if (requested && keysOfTable.length + missing.length <= 100) {
        const augmented = new BatchGetCommand({
          ...command.input,
          RequestItems: {
            ...command.input.RequestItems,
            [tableName]: { ...requested, Keys: [...keysOfTable, ...missing], ConsistentRead: true },
          },
        });
        const output = (await client.send(augmented)) as {
          Responses?: Record<string, Item[]>;
          UnprocessedKeys?: Record<string, { Keys?: TableKey[] }>;
        };
        const responses = output.Responses?.[tableName] ?? [];
        const found = extraKeys.map((key) => responses.find((item) => sameKey(item, key)));
        const unprocessed = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
        const lost = extraKeys.filter((key) => unprocessed.some((known) => sameKey(known, key)));
        const fetched = lost.length > 0 ? await this.fetchExtras(client, lost) : [];
        this.inspect(extraKeys.map((key, index) => found[index] ?? fetched.find((item) => sameKey(item, key))));
        // The use case sees the answer to what it asked.
        const isMissing = (item: Item | TableKey) => missing.some((key) => sameKey(item as Item, key));
        const rest = { ...output.UnprocessedKeys };
        if (output.UnprocessedKeys?.[tableName]) {
          const left = unprocessed.filter((key) => !isMissing(key));
          if (left.length > 0) rest[tableName] = { ...output.UnprocessedKeys[tableName], Keys: left };
          else delete rest[tableName];
        }
        return {
          ...output,
          Responses: { ...output.Responses, [tableName]: responses.filter((item) => !isMissing(item)) },
          UnprocessedKeys: rest,
        };
      }
    }
    const [output, extras] = await Promise.all([client.send(command as never), this.fetchExtras(client, extraKeys)]);
    this.inspect(extraKeys.map((key) => extras.find((item) => sameKey(item, key))));
    return output;
  }

  private async fetchExtras(client: DynamoDBDocumentClient, wanted: TableKey[]): Promise<Item[]> {
    const items = await getItems(client, this.request.tableName, wanted);
    return items.filter((item): item is Item => item !== null);
  }

  /** What the record and the window say: go on, answer from the record, refuse, or resume an earlier attempt. */
  private inspect([first, second]: (Item | undefined)[]): void {
    const record = this.record ? first : undefined;
    const window = this.record ? second : first;
    // A request already answered is answered again, whatever the window says since.
    if (this.record && record) this.inspectRecord(record);
    if (this.rate && window && Number(window.hits ?? 0) >= this.rate.limit) {
      this.interrupt({ kind: 'refuse', error: tooManyRequests(this.rate.retryAfterSeconds) });
    }
  }

  private inspectRecord(record: Item): void {
    if (!this.record) return;
    const nowSeconds = Math.floor(this.now() / 1000);
    if (Number(record.expiresAt ?? 0) < nowSeconds) return;
    if (record.requestHash !== this.record.requestHash) {
      this.interrupt({
        kind: 'refuse',
        error: new AppError('idempotency.key_reused', 'This Idempotency-Key was already used for a different request'),
      });
    }
    if (record.status === 'completed') {
      this.interrupt({
        kind: 'replay',
        response: { statusCode: Number(record.responseStatus), body: String(record.responseBody) },
      });
    }
    if (record.owner === this.owner) return;
    if (Number(record.lockedUntil ?? 0) >= nowSeconds && record.status !== 'released') {
      this.interrupt({
        kind: 'refuse',
        error: new AppError('idempotency.in_progress', 'The same request is still being handled; retry shortly'),
      });
    }
    // Released by a failed attempt, or left by one that died: run again direct with the SAME ids,
    // so whatever that attempt committed is recognised instead of done twice.
    const ids = { seed: String(record.idSeed), time: Number(record.idTime) };
    const adopted = this.resumed && ids.seed === this.ids.seed;
    this.ids = ids;
    this.resumed = true;
    this.recordWritten = true;
    if (!adopted || this.mode === 'deferred') this.interrupt({ kind: 'direct' });
  }

  // ---- writes --------------------------------------------------------------------------------

  /** Deferred: the first write is held and answered as sent; anything it cannot hold makes the run direct. */
  private hold(command: unknown): unknown {
    if (this.held) this.needDirect();
    const items =
      command instanceof TransactWriteCommand
        ? ((command.input.TransactItems ?? []) as TransactionItem[])
        : [asTransactionItem(command)];
    if (items.some((item) => item === null) || items.length + this.extraKeys().length > MAX_TRANSACTION_ITEMS) {
      this.needDirect();
    }
    this.held = items as TransactionItem[];
    return { $metadata: {} };
  }

  private recordItem(status: 'completed' | 'committed', response?: StoredResponse): TransactionItem {
    const nowSeconds = Math.floor(this.now() / 1000);
    return {
      Put: {
        TableName: this.request.tableName,
        Item: {
          ...this.record!.key,
          type: ENTITY.idempotency,
          status,
          requestHash: this.record!.requestHash,
          owner: this.owner,
          idSeed: this.ids.seed,
          idTime: this.ids.time,
          ...(response
            ? { responseStatus: response.statusCode, responseBody: response.body }
            : { lockedUntil: nowSeconds + LOCK_SECONDS }),
          expiresAt: nowSeconds + RECORD_TTL_SECONDS,
          // found again by the retention job when it is due (pattern 79)
          ...retentionKey(this.record!.key, nowSeconds + RECORD_TTL_SECONDS),
        },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
      },
    };
  }

  private rateItem(): TransactionItem {
    return {
      Update: {
        TableName: this.request.tableName,
        Key: this.rate!.key,
        UpdateExpression:
          'ADD hits :one SET expiresAt = :expires, #type = :type, GSI1PK = :retainIn, GSI1SK = :retainAt',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': this.rate!.limit,
          ':expires': this.rate!.expiresAt,
          ':type': 'RateWindow',
          ...retentionValues(this.rate!.key, this.rate!.expiresAt),
        },
      },
    };
  }

  /** The items this unit adds to the use case's write, in order: the record, then the window. */
  private ownItems(status: 'completed' | 'committed', response?: StoredResponse): TransactionItem[] {
    const items: TransactionItem[] = [];
    if (this.record && !this.recordWritten) items.push(this.recordItem(status, response));
    if (this.rate && !this.rateCounted) items.push(this.rateItem());
    return items;
  }

  /**
   * Our items' failure in a cancelled transaction: the record is there (someone else's: answer from
   * it; our own lost acknowledgement: written), or the window is full. Returns whether one of ours failed.
   */
  private async explainOwnFailure(
    client: DynamoDBDocumentClient,
    reasons: string[],
    businessCount: number,
    own: TransactionItem[],
  ): Promise<'ours' | 'mine-already' | null> {
    let offset = businessCount;
    for (const item of own) {
      const failed = reasons[offset] === 'ConditionalCheckFailed';
      offset += 1;
      if (!failed) continue;
      if (this.rate && item.Update && sameKey(item.Update.Key as Item, this.rate.key)) {
        this.interrupt({ kind: 'refuse', error: tooManyRequests(this.rate.retryAfterSeconds) });
      }
      const [record] = await this.fetchExtras(client, [this.record!.key]);
      if (record?.owner === this.owner && record.status === 'committed') {
        // Our own first write, committed with its acknowledgement lost: the use case's items failed
        // too (they are done); let it see that.
        this.recordWritten = true;
        this.rateCounted = true;
        return 'mine-already';
      }
      this.resumed = false;
      this.inspect(this.rate ? [record, undefined] : [record]);
      this.interrupt({ kind: 'direct' });
    }
    return null;
  }

  /** Deferred, at the end: the held write with the record (carrying the reply) and the window. */
  private async commit(held: TransactionItem[], response: StoredResponse): Promise<void> {
    const client = this.request.client;
    const own = this.ownItems('completed', response);
    try {
      await client.send(new TransactWriteCommand({ TransactItems: [...held, ...own] }));
      this.recordWritten = true;
      this.rateCounted = true;
    } catch (error) {
      if (error instanceof WorkInterrupted) return;
      const reasons = cancellationReasons(error);
      if (reasons) {
        try {
          await this.explainOwnFailure(client, reasons, held.length, own);
        } catch (interrupted) {
          if (interrupted instanceof WorkInterrupted) return;
          throw interrupted;
        }
      }
      // Nothing was written (or a lost acknowledgement, which the next run's first read will find):
      // run again direct, where the use case meets DynamoDB's real answer.
      this.interruption ??= { kind: 'direct' };
    }
  }

  /** Direct: writes go out as made; the first carries the record (`committed`, no reply yet) and the window. */
  private async sendDirect(client: DynamoDBDocumentClient, command: unknown): Promise<unknown> {
    const own = this.ownItems('committed');
    if (own.length === 0) return client.send(command as never);
    const business =
      command instanceof TransactWriteCommand
        ? ((command.input.TransactItems ?? []) as TransactionItem[])
        : [asTransactionItem(command)];
    if (business.some((item) => item === null) || business.length + own.length > MAX_TRANSACTION_ITEMS) {
      // Cannot share a transaction (ReturnValues, a batch, too many items): the write, then ours.
      const output = await client.send(command as never);
      await this.writeOwnAlone(client, own);
      return output;
    }
    this.recordAttempted = this.record !== undefined;
    try {
      await client.send(new TransactWriteCommand({ TransactItems: [...(business as TransactionItem[]), ...own] }));
      this.recordWritten = true;
      this.rateCounted = true;
      return { $metadata: {} };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      await this.explainOwnFailure(client, reasons, business.length, own);
      if (reasons.slice(business.length).includes('TransactionConflict')) {
        // Our item (the caller's rate window) was in another transaction at that moment: to the use
        // case that is its transaction conflicting — it retries, or the request is answered 503.
        throw withConflict(error, business.length);
      }
      if (command instanceof TransactWriteCommand) throw withReasons(error, business.length);
      const reason = (error as { CancellationReasons?: { Code?: string; Item?: unknown }[] }).CancellationReasons?.[0];
      if (reason?.Code === 'ConditionalCheckFailed') throw conditionFailed(reason);
      throw withReasons(error, business.length);
    }
  }

  private async writeOwnAlone(client: DynamoDBDocumentClient, own: TransactionItem[]): Promise<void> {
    for (const item of own) {
      if (item.Put) {
        try {
          await client.send(new PutCommand(item.Put as ConstructorParameters<typeof PutCommand>[0]));
        } catch (error) {
          if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        }
        this.recordWritten = true;
      }
    }
    if (this.rate && !this.rateCounted) await this.countRate();
  }

  private async countRate(): Promise<void> {
    this.rateCounted = true;
    const { name, subject } = this.request.rateLimit!;
    try {
      await consumeRateLimit(this.request.client, this.request.tableName, name, subject, this.now());
    } catch (error) {
      // Over the limit now: the next request is refused at its first read.
      if (!(error instanceof AppError)) throw error;
    }
  }

  /** Direct, done: the reply goes on the record; a request that wrote nothing still counts against the window. */
  private async afterSuccess(response: StoredResponse): Promise<void> {
    if (this.record && this.recordWritten) await this.finishRecord({ status: 'completed', response });
    if (this.rate && !this.rateCounted) await this.countRate();
  }

  /**
   * Failed: a wrong guess (a check-in code) counts too, unless the rule counts only what went through
   * (`countsRefused: false`, gifts); a record of a direct write is released for the retry.
   */
  private async afterFailure(): Promise<void> {
    if (this.record && (this.recordWritten || this.recordAttempted)) {
      await this.finishRecord({ status: 'released' }).catch(() => undefined);
    }
    if (this.rate?.countsRefused && !this.rateCounted) await this.countRate().catch(() => undefined);
  }

  private async finishRecord(
    change: { status: 'completed'; response: StoredResponse } | { status: 'released' },
  ): Promise<void> {
    const update =
      change.status === 'completed'
        ? {
            UpdateExpression:
              'SET #status = :status, responseStatus = :code, responseBody = :body, #owner = :owner REMOVE lockedUntil',
            ExpressionAttributeValues: {
              ':status': 'completed',
              ':code': change.response.statusCode,
              ':body': change.response.body,
              ':owner': this.owner,
              ':hash': this.record!.requestHash,
              ':completed': 'completed',
            },
          }
        : {
            UpdateExpression: 'SET #status = :status, #owner = :owner REMOVE lockedUntil',
            ExpressionAttributeValues: {
              ':status': 'released',
              ':owner': this.owner,
              ':hash': this.record!.requestHash,
              ':completed': 'completed',
            },
          };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.request.client.send(
          new UpdateCommand({
            TableName: this.request.tableName,
            Key: this.record!.key,
            ...update,
            // Never creates a record, never reopens a completed one.
            ConditionExpression: 'requestHash = :hash AND #status <> :completed',
            ExpressionAttributeNames: { '#status': 'status', '#owner': 'owner' },
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
