import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry, Page, TransferKind } from '@linli/shared';
import { AppError } from '../lib/errors';
import { isMemberAccount, type AccountAddress } from '../domain/ledger/accounts';
import type { AccountBalance, LedgerStore } from '../domain/ledger/ports';
import { earnedChanges, netChanges, type Transfer } from '../domain/ledger/transfer';
import { cancellationReasons } from './client';
import { queryPage } from './cursor';
import { ENTITY, keys } from './keys';

export type TransactionItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/** Where each part of a transfer sits in its transaction, to read cancellation reasons. */
export interface TransferItems {
  items: TransactionItem[];
  /** Index of the transfer record (its condition fails on a duplicate). */
  transferIndex: number;
  /** Index → member account whose balance condition may fail. */
  guardedAccounts: Map<number, AccountAddress>;
}

const PAGE_SIZE = 20;

/**
 * The items that post one transfer, for one TransactWriteItems together with whatever
 * else must change with it (a claim's status, a redemption): the transfer record
 * (attribute_not_exists on its id), one conditional ADD per account (member balances
 * never below zero), and one history entry per account. No read-modify-write.
 */
export function transferItems(tableName: string, transfer: Transfer, offset = 0): TransferItems {
  const items: TransactionItem[] = [];
  const guardedAccounts = new Map<number, AccountAddress>();
  items.push({
    Put: {
      TableName: tableName,
      Item: {
        ...keys.transfer(transfer.communityId, transfer.transferId),
        ...keys.transferJournal(transfer.communityId, transfer.createdAt, transfer.transferId),
        type: ENTITY.transfer,
        ...transfer,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });
  const earned = earnedChanges(transfer.postings);
  for (const [address, changePoints] of netChanges(transfer.postings)) {
    if (changePoints === 0) continue;
    const earnedPoints = earned.get(address) ?? 0;
    const guarded = isMemberAccount(address) && changePoints < 0;
    if (guarded) guardedAccounts.set(offset + items.length, address);
    items.push({
      Update: {
        TableName: tableName,
        Key: keys.account(transfer.communityId, address),
        UpdateExpression:
          'ADD balancePoints :change, earnedPoints :earned SET #type = :type, communityId = :community, address = :address',
        ...(guarded ? { ConditionExpression: 'balancePoints >= :needed' } : {}),
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':change': changePoints,
          ':earned': earnedPoints,
          ':type': ENTITY.account,
          ':community': transfer.communityId,
          ':address': address,
          ...(guarded ? { ':needed': -changePoints } : {}),
        },
      },
    });
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.ledgerEntry(transfer.communityId, address, transfer.createdAt, transfer.transferId),
          type: ENTITY.ledgerEntry,
          communityId: transfer.communityId,
          address,
          transferId: transfer.transferId,
          amountPoints: changePoints,
          kind: transfer.kind,
          memo: transfer.memo,
          createdAt: transfer.createdAt,
        },
      },
    });
  }
  return { items, transferIndex: offset, guardedAccounts };
}

/** Reads why a transfer's transaction was cancelled; undefined when it was not about the transfer. */
export function transferFailure(
  error: unknown,
  parts: TransferItems,
): 'duplicate' | 'insufficient_funds' | 'conflict' | undefined {
  const reasons = cancellationReasons(error);
  return reasons ? transferFailureFromReasons(reasons, parts) : undefined;
}

export function transferFailureFromReasons(
  reasons: string[],
  parts: TransferItems,
): 'duplicate' | 'insufficient_funds' | 'conflict' | undefined {
  if (reasons[parts.transferIndex] === 'ConditionalCheckFailed') return 'duplicate';
  for (const index of parts.guardedAccounts.keys()) {
    if (reasons[index] === 'ConditionalCheckFailed') return 'insufficient_funds';
  }
  if (reasons.some((reason) => reason === 'TransactionConflict')) return 'conflict';
  return undefined;
}

export const insufficientFunds = () =>
  new AppError('ledger.insufficient_funds', 'Not enough points for this', { hint: 'check the balance' });

export class DynamoLedgerStore implements LedgerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async post(transfer: Transfer): Promise<'posted' | 'duplicate'> {
    const parts = transferItems(this.tableName, transfer);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: parts.items }));
        return 'posted';
      } catch (error) {
        const failure = transferFailure(error, parts);
        if (failure === 'duplicate') return 'duplicate';
        if (failure === 'insufficient_funds') throw insufficientFunds();
        if (failure === 'conflict' && attempt < 4) {
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
          continue;
        }
        throw error;
      }
    }
  }

  async getTransfer(communityId: string, transferId: string): Promise<Transfer | null> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.transfer(communityId, transferId), ConsistentRead: true }),
    );
    if (!result.Item) return null;
    const {
      communityId: community,
      transferId: id,
      kind,
      memo,
      postings,
      actorId,
      createdAt,
      reversesTransferId,
    } = result.Item as Transfer;
    return { communityId: community, transferId: id, kind, memo, postings, actorId, createdAt, reversesTransferId };
  }

  async getAccount(communityId: string, address: AccountAddress): Promise<AccountBalance> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.account(communityId, address), ConsistentRead: true }),
    );
    return {
      address,
      balancePoints: Number(result.Item?.balancePoints ?? 0),
      earnedPoints: Number(result.Item?.earnedPoints ?? 0),
    };
  }

  async history(communityId: string, address: AccountAddress, cursor: string | undefined): Promise<Page<LedgerEntry>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      partition: keys.ledgerPartition(communityId, address),
      cursor,
      limit: PAGE_SIZE,
      newestFirst: true,
    });
    return {
      items: page.items.map((item) => ({
        transferId: String(item.transferId),
        amountPoints: Number(item.amountPoints),
        kind: item.kind as TransferKind,
        memo: String(item.memo ?? ''),
        createdAt: String(item.createdAt),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
