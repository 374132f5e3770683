import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry, Page, TransferKind } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { monthOf } from '@linli/shared';
import { isMemberAccount, memberIdOf, type AccountAddress } from '../../domain/ledger/accounts';
import type { AccountBalance, LedgerStore, TransferGuards } from '../../domain/ledger/ports';
import {
  debitedChange,
  earnedChanges,
  netChanges,
  pointsStatistics,
  type Transfer,
} from '../../domain/ledger/transfer';
import { cancellationReasons } from '../client';
import { queryPage } from '../cursor';
import type { Effects } from '../../domain/effects';
import { addUpdate, effectItems, statsItem } from '../effects';
import { ENTITY, keys } from '../keys';
import type { TransactionItem } from '../client';
import { getItem } from '../items';

/** Where each part of a transfer sits in its transaction, to read cancellation reasons. */
export interface TransferItems {
  items: TransactionItem[];
  /** Index of the transfer record (its condition fails on a duplicate). */
  transferIndex: number;
  /** Index → member account whose balance condition may fail. */
  guardedAccounts: Map<number, AccountAddress>;
  /** Index → member month whose cap condition may fail. */
  cappedMonths: Map<number, AccountAddress>;
  /** Indexes whose state guard (below) may fail: a concurrent change, read again and retry. */
  guardIndexes: Set<number>;
}

/**
 * A member's month item (`EARNED#{userId}#{month}`): points earned, volunteer minutes and
 * approved visits of the month (monthly cap, expiry lots, recognition, distinct volunteers).
 */
export function earnedMonthUpdate(
  tableName: string,
  input: { communityId: string; memberId: string; month: string; add: Record<string, number> },
): TransactionItem {
  const { communityId, memberId, month } = input;
  return addUpdate(
    tableName,
    keys.earned(communityId, memberId, month),
    Object.fromEntries(Object.entries(input.add).filter(([, value]) => value !== 0)),
    {},
    { ...keys.earners(communityId, month, memberId), type: ENTITY.earned, communityId, memberId, month },
  );
}

/** ANDs a condition onto an Update item (keeping any condition it has). */
function addCondition(item: TransactionItem, expression: string, values: Record<string, unknown>): void {
  const update = item.Update!;
  update.ConditionExpression = update.ConditionExpression
    ? `(${update.ConditionExpression}) AND (${expression})`
    : expression;
  update.ExpressionAttributeValues = { ...update.ExpressionAttributeValues, ...values };
}

const PAGE_SIZE = 20;

/**
 * The items that post one transfer, for one TransactWriteItems together with whatever
 * else must change with it (a claim's status, a redemption): the transfer record
 * (attribute_not_exists on its id), one conditional ADD per account (member balances
 * never below zero), one history entry per account, the member's month item and the
 * month's points statistics (of `statsMonth`). No read-modify-write: `guards` turn what
 * the caller read into conditions.
 */
export function transferItems(
  tableName: string,
  transfer: Transfer,
  offset = 0,
  guards: TransferGuards = {},
): TransferItems {
  const parts: TransferItems = {
    items: [transferRecord(tableName, transfer)],
    transferIndex: offset,
    guardedAccounts: new Map(),
    cappedMonths: new Map(),
    guardIndexes: new Set(),
  };
  const month = transfer.statsMonth ?? monthOf(transfer.createdAt);
  const earned = earnedChanges(transfer.postings);
  for (const [address, changePoints] of netChanges(transfer.postings)) {
    if (changePoints === 0) continue;
    const posting = { address, changePoints, earnedPoints: earned.get(address) ?? 0 };
    pushAccountPosting(parts, { tableName, transfer, offset, guards }, posting);
    if (isMemberAccount(address)) {
      pushEarnedMonth(parts, { tableName, transfer, offset, guards }, { ...posting, address }, month);
    }
  }
  const statistics = pointsStatistics(transfer);
  if (Object.keys(statistics).length > 0) {
    parts.items.push(
      statsItem(tableName, { communityId: transfer.communityId, month, section: 'POINTS', add: statistics }),
    );
  }
  return parts;
}

interface TransferContext {
  tableName: string;
  transfer: Transfer;
  offset: number;
  guards: TransferGuards;
}
interface AccountPosting {
  address: AccountAddress;
  changePoints: number;
  earnedPoints: number;
}

/** The transfer record, once per id (a duplicate fails its condition). */
function transferRecord(tableName: string, transfer: Transfer): TransactionItem {
  return {
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
  };
}

/** One account's conditional ADD (a member's balance never below zero) and its history entry. */
function pushAccountPosting(parts: TransferItems, context: TransferContext, posting: AccountPosting): void {
  const { tableName, transfer, offset, guards } = context;
  const { address, changePoints, earnedPoints } = posting;
  const guarded = isMemberAccount(address) && changePoints < 0;
  if (guarded) parts.guardedAccounts.set(offset + parts.items.length, address);
  const account: TransactionItem = {
    Update: {
      TableName: tableName,
      Key: keys.account(transfer.communityId, address),
      UpdateExpression:
        'ADD balancePoints :change, earnedPoints :earned, debitedPoints :debited SET #type = :type, communityId = :community, address = :address',
      ...(guarded ? { ConditionExpression: 'balancePoints >= :needed' } : {}),
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':change': changePoints,
        ':earned': earnedPoints,
        ':debited': debitedChange(transfer, changePoints),
        ':type': ENTITY.account,
        ':community': transfer.communityId,
        ':address': address,
        ...(guarded ? { ':needed': -changePoints } : {}),
      },
    },
  };
  const earnedGuard = guards.earnedPoints?.get(address);
  if (earnedGuard) {
    // An account not yet written has earned nothing: below any positive guard.
    const missing =
      earnedGuard.operator === '<' && earnedGuard.points > 0 ? 'attribute_not_exists(earnedPoints) OR ' : '';
    addCondition(account, `${missing}earnedPoints ${earnedGuard.operator} :earnedGuard`, {
      ':earnedGuard': earnedGuard.points,
    });
    parts.guardIndexes.add(offset + parts.items.length);
  }
  parts.items.push(account, {
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

/**
 * Points issued to a member in the month (reversals count back), minutes and visits: the cap,
 * expiry lots, recognition and the month's distinct volunteers.
 */
function pushEarnedMonth(
  parts: TransferItems,
  context: TransferContext,
  posting: AccountPosting & { address: Parameters<typeof memberIdOf>[0] },
  month: string,
): void {
  const { tableName, transfer, offset, guards } = context;
  const { address, earnedPoints } = posting;
  const minutes = transfer.volunteerMinutes ?? 0;
  const visits = transfer.volunteerVisits ?? 0;
  if (earnedPoints === 0 && minutes === 0 && visits === 0) return;
  const capped = transfer.capPoints !== undefined && transfer.capPoints > 0 && earnedPoints > 0;
  if (capped) parts.cappedMonths.set(offset + parts.items.length, address);
  const update = earnedMonthUpdate(tableName, {
    communityId: transfer.communityId,
    memberId: memberIdOf(address),
    month,
    add: { earnedPoints, volunteerMinutes: minutes, volunteerVisits: visits },
  });
  if (capped) {
    addCondition(update, 'attribute_not_exists(earnedPoints) OR earnedPoints <= :room', {
      ':room': transfer.capPoints! - earnedPoints,
    });
  }
  const expectedVisits = guards.monthVisits?.get(address);
  if (expectedVisits !== undefined) {
    addCondition(update, 'volunteerVisits = :visits', { ':visits': expectedVisits });
    parts.guardIndexes.add(offset + parts.items.length);
  }
  parts.items.push(update);
}

/** Reads why a transfer's transaction was cancelled; undefined when it was not about the transfer. */
export function transferFailure(error: unknown, parts: TransferItems): TransferFailure | undefined {
  const reasons = cancellationReasons(error);
  return reasons ? transferFailureFromReasons(reasons, parts) : undefined;
}

export type TransferFailure = 'duplicate' | 'insufficient_funds' | 'monthly_cap' | 'conflict';

export function transferFailureFromReasons(reasons: string[], parts: TransferItems): TransferFailure | undefined {
  if (reasons[parts.transferIndex] === 'ConditionalCheckFailed') return 'duplicate';
  // A guard that failed means what the caller read has changed: read again (the caller checks
  // the balance itself before posting with guards).
  for (const index of parts.guardIndexes) {
    if (reasons[index] === 'ConditionalCheckFailed') return 'conflict';
  }
  for (const index of parts.guardedAccounts.keys()) {
    if (reasons[index] === 'ConditionalCheckFailed') return 'insufficient_funds';
  }
  for (const index of parts.cappedMonths.keys()) {
    if (reasons[index] === 'ConditionalCheckFailed') return 'monthly_cap';
  }
  if (reasons.some((reason) => reason === 'TransactionConflict')) return 'conflict';
  return undefined;
}

export const monthlyCapReached = () =>
  new AppError('ledger.monthly_cap_reached', "This would pass the member's monthly points cap", {
    hint: 'the community limits points earned per month',
  });

export const insufficientFunds = () =>
  new AppError('ledger.insufficient_funds', 'Not enough points for this', { hint: 'check the balance' });

export class DynamoLedgerStore implements LedgerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async post(transfer: Transfer, effects?: Effects): Promise<'posted' | 'duplicate'> {
    const parts = transferItems(this.tableName, transfer);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const items = [...parts.items, ...effectItems(this.tableName, effects)];
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'posted';
      } catch (error) {
        const failure = transferFailure(error, parts);
        if (failure === 'duplicate') return 'duplicate';
        if (failure === 'insufficient_funds') throw insufficientFunds();
        if (failure === 'monthly_cap') throw monthlyCapReached();
        if (failure === 'conflict' && attempt < 4) {
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Posts a reversal with what it carries along (certificate reviews, notifications) under
   * `guards`: `conflict` when what the caller read changed meanwhile (read again and retry).
   */
  async postGuarded(
    transfer: Transfer,
    effects: Effects,
    guards: TransferGuards,
  ): Promise<'posted' | 'duplicate' | 'conflict'> {
    const parts = transferItems(this.tableName, transfer, 0, guards);
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: [...parts.items, ...effectItems(this.tableName, effects)] }),
      );
      return 'posted';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      const failure = transferFailureFromReasons(reasons, parts);
      if (failure === 'duplicate') return 'duplicate';
      if (failure === 'insufficient_funds') throw insufficientFunds();
      if (failure === 'monthly_cap') throw monthlyCapReached();
      // A failed condition of an effect (a certificate that changed status) or a conflict.
      if (failure === 'conflict' || reasons.some((reason) => reason === 'ConditionalCheckFailed')) return 'conflict';
      throw error;
    }
  }

  async getTransfer(communityId: string, transferId: string): Promise<Transfer | null> {
    const result = await getItem(this.client, this.tableName, keys.transfer(communityId, transferId));
    if (!result) return null;
    const {
      communityId: community,
      transferId: id,
      kind,
      memo,
      postings,
      actorId,
      createdAt,
      reversesTransferId,
      statsMonth,
      volunteerMinutes,
      volunteerVisits,
    } = result as unknown as Transfer;
    return {
      communityId: community,
      transferId: id,
      kind,
      memo,
      postings,
      actorId,
      createdAt,
      reversesTransferId,
      ...(statsMonth ? { statsMonth } : {}),
      ...(volunteerMinutes ? { volunteerMinutes } : {}),
      ...(volunteerVisits ? { volunteerVisits } : {}),
    };
  }

  async getAccount(communityId: string, address: AccountAddress): Promise<AccountBalance> {
    const result = await getItem(this.client, this.tableName, keys.account(communityId, address));
    return {
      address,
      balancePoints: Number(result?.balancePoints ?? 0),
      earnedPoints: Number(result?.earnedPoints ?? 0),
      debitedPoints: Number(result?.debitedPoints ?? 0),
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
