import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FundEntry, FundExpense, FundMonth, Page } from '@linli/shared';
import { EMPTY_HEAD, type FundHead, type PublicDonor } from '../../domain/fund/chain';
import { chinaMonth } from '../../domain/market/contributions';
import type { FundStore } from '../../domain/fund/ports';
import { cancellationReasons } from '../client';
import { queryPage } from '../cursor';
import { getEntity, putNewEntity, statusUpdate, transitionEntity, withoutKeys } from '../items';
import type { Effects } from '../../domain/effects';
import { effectItems } from '../effects';
import { ENTITY, INDEXES, keys } from '../keys';
import type { TransactionItem } from '../client';

/**
 * A fund entry's stored item split into the hashed entry and what rides beside it: a released
 * donor's message (`donorMessage`) and a donor's chosen name (`publicDonorName`) sit on the entry's
 * item but are not part of the hash, so every reader that shows or verifies entries reads them here.
 */
export function storedFundEntry(item: Record<string, unknown>): {
  entry: FundEntry;
  donorMessage?: string;
  publicDonorName?: string;
} {
  const {
    communityId: _community,
    donorMessage,
    publicDonorName,
    ...entry
  } = withoutKeys<FundEntry & { communityId?: string; donorMessage?: string; publicDonorName?: string }>(item);
  return { entry, donorMessage, publicDonorName };
}

/**
 * The writes that append `entries` (already chained, in order) to a community's fund: the head,
 * conditional on still being at `expectedSequence`, each entry, and the month totals. For one
 * TransactWriteItems together with whatever else the money movement changes (an order's status).
 */
export function fundAppendItems(
  tableName: string,
  communityId: string,
  entries: FundEntry[],
  expectedSequence: number,
  donors: ReadonlyMap<string, PublicDonor> = new Map(),
): TransactionItem[] {
  const last = entries.at(-1);
  if (!last) return [];
  const income = entries.reduce((sum, entry) => sum + Math.max(entry.amountFen, 0), 0);
  const outgoing = entries.reduce((sum, entry) => sum + Math.max(-entry.amountFen, 0), 0);
  const months = new Map<string, { income: number; outgoing: number }>();
  for (const entry of entries) {
    const month = chinaMonth(new Date(entry.createdAt));
    const totals = months.get(month) ?? { income: 0, outgoing: 0 };
    totals.income += Math.max(entry.amountFen, 0);
    totals.outgoing += Math.max(-entry.amountFen, 0);
    months.set(month, totals);
  }
  return [
    {
      Update: {
        TableName: tableName,
        Key: keys.fundHead(communityId),
        UpdateExpression:
          'SET #sequence = :next, latestHash = :hash, balanceFen = :balance, #type = :type ADD incomeFen :income, expenseFen :outgoing',
        ConditionExpression: expectedSequence === 0 ? 'attribute_not_exists(PK)' : '#sequence = :expected',
        ExpressionAttributeNames: { '#sequence': 'sequence', '#type': 'type' },
        ExpressionAttributeValues: {
          ':next': last.sequence,
          ':hash': last.hash,
          ':balance': last.balanceAfterFen,
          ':type': ENTITY.fundHead,
          ':income': income,
          ':outgoing': outgoing,
          ...(expectedSequence === 0 ? {} : { ':expected': expectedSequence }),
        },
      },
    },
    ...entries.map((entry) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.fundEntry(communityId, entry.sequence),
          type: ENTITY.fundEntry,
          communityId,
          ...entry,
          ...donorAttributes(communityId, entry, donors.get(entry.id)),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    })),
    ...[...months].map(([month, totals]) => ({
      Update: {
        TableName: tableName,
        Key: keys.fundMonth(communityId, month),
        UpdateExpression: 'ADD incomeFen :income, expenseFen :outgoing SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':income': totals.income,
          ':outgoing': totals.outgoing,
          ':type': ENTITY.fundMonth,
        },
      },
    })),
  ];
}

/** A named donor beside the entry (outside the hash), found again by their user id (pattern 76). */
function donorAttributes(communityId: string, entry: FundEntry, donor: PublicDonor | undefined) {
  if (!donor) return {};
  return {
    publicDonorName: donor.name,
    ...(donor.userId ? keys.publicDonor(donor.userId, communityId, entry.sequence) : {}),
  };
}

export class DynamoFundStore implements FundStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getHead(communityId: string): Promise<FundHead> {
    const head = await getEntity<FundHead>(this.client, this.tableName, keys.fundHead(communityId));
    return head ? { ...EMPTY_HEAD, ...head } : EMPTY_HEAD;
  }

  async append(
    communityId: string,
    entry: FundEntry,
    expectedSequence: number,
    expense?: { id: string; decidedBy: string; decidedAt: string },
    effects?: Effects,
    donor?: PublicDonor,
  ): Promise<'appended' | 'conflict' | 'expense_decided' | 'duplicate'> {
    const donors = new Map(donor ? [[entry.id, donor]] : []);
    const items = fundAppendItems(this.tableName, communityId, [entry], expectedSequence, donors);
    // Once per entry id: a retry of an append that went through (its reply lost) finds it.
    const onceIndex = items.length;
    items.push({
      Put: {
        TableName: this.tableName,
        Item: { ...keys.fundEntryOnce(communityId, entry.id), type: ENTITY.once, entry },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
    if (expense) {
      items.push({
        Update: statusUpdate({
          tableName: this.tableName,
          key: keys.fundExpense(communityId, expense.id),
          fromStatuses: ['pending'],
          set: {
            status: 'approved',
            GSI1PK: keys.fundExpensesByStatus(communityId, 'approved'),
            decidedBy: expense.decidedBy,
            decidedAt: expense.decidedAt,
            entryId: entry.id,
          },
        }),
      });
    }
    items.push(...effectItems(this.tableName, effects));
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'appended';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[onceIndex] === 'ConditionalCheckFailed') return 'duplicate';
      if (expense && reasons[onceIndex + 1] === 'ConditionalCheckFailed') return 'expense_decided';
      return 'conflict';
    }
  }

  async getEntry(communityId: string, entryId: string): Promise<FundEntry | null> {
    const item = await getEntity<{ entry: FundEntry }>(
      this.client,
      this.tableName,
      keys.fundEntryOnce(communityId, entryId),
    );
    return item?.entry ?? null;
  }

  async listEntries(
    communityId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<FundEntry> & { messages: Record<string, string>; donors: Record<string, string> }> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      partition: keys.fundEntriesPartition(communityId),
      cursor,
      limit,
      newestFirst: true,
    });
    const messages: Record<string, string> = {};
    const donors: Record<string, string> = {};
    const items = page.items.map((item) => {
      const { entry, donorMessage, publicDonorName } = storedFundEntry(item);
      if (donorMessage) messages[entry.id] = donorMessage;
      if (publicDonorName) donors[entry.id] = publicDonorName;
      return entry;
    });
    return { items, nextCursor: page.nextCursor, messages, donors };
  }

  async hideDonorNames(userId: string): Promise<number> {
    let hidden = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.gsi2,
          KeyConditionExpression: 'GSI2PK = :donor',
          ExpressionAttributeValues: { ':donor': keys.publicDonorPartition(userId) },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'REMOVE publicDonorName, GSI2PK, GSI2SK',
            ConditionExpression: 'attribute_exists(PK)',
          }),
        );
        hidden += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return hidden;
  }

  async headAndMonths(communityId: string): Promise<{ head: FundHead; months: FundMonth[] }> {
    // SK `FUND#HEAD` sorts just before every `FUND_MONTH#…`: newest months first, the head last.
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :head AND :last',
        ExpressionAttributeValues: {
          ':pk': keys.fundHead(communityId).PK,
          ':head': keys.fundHead(communityId).SK,
          ':last': `${keys.fundMonthPrefix()}~`,
        },
        ScanIndexForward: false,
        ConsistentRead: true,
      }),
    );
    const items = result.Items ?? [];
    const headItem = items.find((item) => item.SK === keys.fundHead(communityId).SK);
    return {
      head: headItem ? { ...EMPTY_HEAD, ...withoutKeys<FundHead>(headItem) } : EMPTY_HEAD,
      months: items
        .filter((item) => String(item.SK).startsWith(keys.fundMonthPrefix()))
        .slice(0, 60)
        .map((item) => ({
          month: String(item.SK).slice(keys.fundMonthPrefix().length),
          incomeFen: Number(item.incomeFen ?? 0),
          expenseFen: Number(item.expenseFen ?? 0),
        })),
    };
  }

  async putExpense(communityId: string, expense: FundExpense, effects?: Effects): Promise<void> {
    await putNewEntity(
      this.client,
      this.tableName,
      {
        ...keys.fundExpense(communityId, expense.id),
        GSI1PK: keys.fundExpensesByStatus(communityId, expense.status),
        GSI1SK: `${expense.createdAt}#${expense.id}`,
        type: ENTITY.fundExpense,
        ...expense,
      },
      effects,
    );
  }

  getExpense(communityId: string, expenseId: string): Promise<FundExpense | null> {
    return getEntity<FundExpense>(this.client, this.tableName, keys.fundExpense(communityId, expenseId));
  }

  async listExpenses(communityId: string, status: FundExpense['status'], cursor: string | undefined) {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName: INDEXES.gsi1,
      partition: keys.fundExpensesByStatus(communityId, status),
      cursor,
      limit: 25,
    });
    return { items: page.items.map((item) => withoutKeys<FundExpense>(item)), nextCursor: page.nextCursor };
  }

  rejectExpense(
    communityId: string,
    expenseId: string,
    decision: { by: string; at: string; reason: string },
    effects?: Effects,
  ) {
    return transitionEntity<FundExpense>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.fundExpense(communityId, expenseId),
        fromStatuses: ['pending'],
        set: {
          status: 'rejected',
          GSI1PK: keys.fundExpensesByStatus(communityId, 'rejected'),
          decidedBy: decision.by,
          decidedAt: decision.at,
          reason: decision.reason,
        },
      }),
      effects,
    );
  }
}
