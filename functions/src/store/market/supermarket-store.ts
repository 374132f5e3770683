import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Contribution, Good, Leaderboard, Page, Redemption } from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { ContributionStore, LeaderboardEntry, StaffDecision, SupermarketStore } from '../../domain/market/ports';
import type { TransferGuards } from '../../domain/ledger/ports';
import type { Transfer } from '../../domain/ledger/transfer';
import { cancellationReasons, readAhead } from '../client';
import { queryAll, queryPage } from '../cursor';
import { getEntity, putNewEntity, statusUpdate, transitionEntity, withoutKeys } from '../items';
import { ENTITY, INDEXES, keys } from '../keys';
import {
  insufficientFunds,
  monthlyCapReached,
  transferFailureFromReasons,
  transferItems,
} from '../ledger/ledger-store';
import type { TransactionItem } from '../client';
import type { Effects } from '../../domain/effects';
import { effectItems } from '../effects';

const PAGE_SIZE = 25;

const redemptionItem = (communityId: string, redemption: Redemption) => ({
  ...keys.redemption(communityId, redemption.id),
  GSI1PK: keys.redemptionsByStatus(communityId, redemption.status),
  GSI1SK: `${redemption.createdAt}#${redemption.id}`,
  GSI2PK: keys.memberRedemptions(communityId, redemption.memberId),
  GSI2SK: `${redemption.createdAt}#${redemption.id}`,
  type: ENTITY.redemption,
  communityId,
  ...redemption,
});

const REDEMPTION_EXISTS = new AppError('market.redemption_exists', 'This redemption has been made already');

/** The credit supermarket (goods, redemptions) and contribution points. */
export class DynamoSupermarketStore implements SupermarketStore, ContributionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createGood(communityId: string, good: Good, effects?: Effects): Promise<void> {
    await putNewEntity(
      this.client,
      this.tableName,
      {
        ...keys.good(communityId, good.id),
        GSI1PK: keys.goodsPartition(communityId),
        GSI1SK: `${good.createdAt}#${good.id}`,
        type: ENTITY.good,
        ...good,
      },
      effects,
    );
  }

  /** Reads in one round trip what a redemption reads next: the member and the good. */
  async readAheadRedemption(communityId: string, goodId: string, memberId: string): Promise<void> {
    await readAhead(this.client, this.tableName, [keys.member(communityId, memberId), keys.good(communityId, goodId)]);
  }

  getGood(communityId: string, goodId: string): Promise<Good | null> {
    return getEntity<Good>(this.client, this.tableName, keys.good(communityId, goodId));
  }

  async listGoods(communityId: string): Promise<Good[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.gsi1,
        KeyConditionExpression: 'GSI1PK = :partition',
        FilterExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':partition': keys.goodsPartition(communityId), ':active': 'active' },
        Limit: 200,
      }),
    );
    return (result.Items ?? []).map((item) => withoutKeys<Good>(item));
  }

  /**
   * Adds stock once per `restockId`: a marker item in the same transaction makes a retry of a
   * restock that went through (its reply lost) change nothing. Null when the good is not active.
   */
  async restock(
    communityId: string,
    goodId: string,
    quantity: number,
    restockId: string,
    effects?: Effects,
  ): Promise<Good | null> {
    const update = statusUpdate({
      tableName: this.tableName,
      key: keys.good(communityId, goodId),
      fromStatuses: ['active'],
      set: {},
      add: { stock: quantity },
    });
    const once: TransactionItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.once(communityId, restockId), type: ENTITY.once, goodId, quantity },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [{ Update: update }, once, ...effectItems(this.tableName, effects)],
        }),
      );
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === 'ConditionalCheckFailed') return null;
      if (reasons?.[1] !== 'ConditionalCheckFailed') throw error;
    }
    return this.getGood(communityId, goodId);
  }

  async redeem(
    communityId: string,
    redemption: Redemption,
    transfer: Transfer,
    effects?: Effects,
  ): Promise<'redeemed' | 'duplicate'> {
    const stock: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.good(communityId, redemption.goodId),
        UpdateExpression: 'ADD stock :taken',
        ConditionExpression: '#status = :active AND stock >= :quantity',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':taken': -redemption.quantity,
          ':quantity': redemption.quantity,
          ':active': 'active',
        },
      },
    };
    const record: TransactionItem = {
      Put: {
        TableName: this.tableName,
        Item: redemptionItem(communityId, redemption),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const parts = transferItems(this.tableName, transfer, 2);
    try {
      await this.transactRedemption(stock, record, parts, effectItems(this.tableName, effects));
      return 'redeemed';
    } catch (error) {
      if (error === REDEMPTION_EXISTS) return 'duplicate';
      // Still contended after every retry: if the goods are gone by now, say so.
      if (error instanceof AppError) throw error;
      const good = await this.getGood(communityId, redemption.goodId);
      if (!good || good.stock < redemption.quantity) {
        // Gone — perhaps to this very redemption, when the transaction committed but its reply was lost.
        if (await this.getRedemption(communityId, redemption.id)) return 'duplicate';
        throw new AppError('market.sold_out', 'Sorry, this is sold out');
      }
      throw error;
    }
  }

  private transactRedemption(
    stock: TransactionItem,
    record: TransactionItem,
    parts: ReturnType<typeof transferItems>,
    extra: TransactionItem[],
  ) {
    return this.transact([stock, record, ...parts.items, ...extra], (reasons) => {
      // The redemption is there already: an earlier attempt of this request went through.
      if (reasons[1] === 'ConditionalCheckFailed') return REDEMPTION_EXISTS;
      if (reasons[0] === 'ConditionalCheckFailed') return new AppError('market.sold_out', 'Sorry, this is sold out');
      const failure = transferFailureFromReasons(reasons, parts);
      if (failure === 'insufficient_funds') return insufficientFunds();
      return null;
    });
  }

  getRedemption(communityId: string, redemptionId: string): Promise<Redemption | null> {
    return getEntity<Redemption>(this.client, this.tableName, keys.redemption(communityId, redemptionId));
  }

  listRedemptions(communityId: string, status: Redemption['status'], cursor: string | undefined) {
    return this.redemptionPage(INDEXES.gsi1, keys.redemptionsByStatus(communityId, status), cursor, false);
  }

  listMemberRedemptions(communityId: string, memberId: string, cursor: string | undefined) {
    return this.redemptionPage(INDEXES.gsi2, keys.memberRedemptions(communityId, memberId), cursor, true);
  }

  private async redemptionPage(
    indexName: 'GSI1' | 'GSI2',
    partition: string,
    cursor: string | undefined,
    newestFirst: boolean,
  ): Promise<Page<Redemption>> {
    const page = await queryPage(this.client, {
      tableName: this.tableName,
      indexName,
      partition,
      cursor,
      limit: PAGE_SIZE,
      newestFirst,
    });
    return { items: page.items.map((item) => withoutKeys<Redemption>(item)), nextCursor: page.nextCursor };
  }

  async cancel(
    communityId: string,
    redemption: Redemption,
    refund: Transfer,
    at: string,
    effects?: Effects,
  ): Promise<boolean> {
    const status: TransactionItem = {
      Update: statusUpdate({
        tableName: this.tableName,
        key: keys.redemption(communityId, redemption.id),
        fromStatuses: ['reserved'],
        set: { status: 'cancelled', GSI1PK: keys.redemptionsByStatus(communityId, 'cancelled'), cancelledAt: at },
      }),
    };
    const stock: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.good(communityId, redemption.goodId),
        UpdateExpression: 'ADD stock :returned',
        ExpressionAttributeValues: { ':returned': redemption.quantity },
      },
    };
    try {
      const refundItems = transferItems(this.tableName, refund, 2).items;
      await this.transact([status, stock, ...refundItems, ...effectItems(this.tableName, effects)], (reasons) =>
        reasons[0] === 'ConditionalCheckFailed' || reasons[2] === 'ConditionalCheckFailed'
          ? new AppError('market.not_reserved', 'Only a redemption not yet picked up can be cancelled')
          : null,
      );
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'market.not_reserved') return false;
      throw error;
    }
  }

  pickUp(communityId: string, redemptionId: string, pickupCode: string, decision: StaffDecision, effects?: Effects) {
    return transitionEntity<Redemption>(
      this.client,
      statusUpdate({
        tableName: this.tableName,
        key: keys.redemption(communityId, redemptionId),
        fromStatuses: ['reserved'],
        set: {
          status: 'picked_up',
          GSI1PK: keys.redemptionsByStatus(communityId, 'picked_up'),
          handedOverBy: decision.by,
          handedOverAt: decision.at,
        },
        extraCondition: { expression: 'pickupCode = :code', values: { ':code': pickupCode } },
      }),
      effects,
    );
  }

  async recordContribution(
    communityId: string,
    contribution: Contribution,
    transfer: Transfer,
    month: string,
    effects?: Effects,
  ) {
    const record: TransactionItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.contribution(communityId, contribution.id),
          type: ENTITY.contribution,
          communityId,
          ...contribution,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const counters: TransactionItem[] = [contribution.kind, 'all'].map((kind) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.leaderboardEntry(communityId, month, kind, contribution.memberId),
        UpdateExpression: 'ADD points :points SET memberName = :name, #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':points': contribution.points,
          ':name': contribution.memberName,
          ':type': ENTITY.leaderboardEntry,
        },
      },
    }));
    const parts = transferItems(this.tableName, transfer, 3);
    await this.transact([record, ...counters, ...parts.items, ...effectItems(this.tableName, effects)], (reasons) =>
      transferFailureFromReasons(reasons, parts) === 'monthly_cap' ? monthlyCapReached() : null,
    );
  }

  async getContribution(communityId: string, contributionId: string): Promise<Contribution | null> {
    return getEntity<Contribution>(this.client, this.tableName, keys.contribution(communityId, contributionId));
  }

  async reverseContribution(
    contribution: Contribution,
    reversal: Transfer,
    month: string,
    input: { guards: TransferGuards; effects: Effects },
  ): Promise<'reversed' | 'already_reversed' | 'duplicate' | 'conflict'> {
    const communityId = reversal.communityId;
    const record: TransactionItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.contribution(communityId, contribution.id),
        UpdateExpression: 'SET reversedAt = :at, reversedBy = :by',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(reversedAt)',
        ExpressionAttributeValues: { ':at': reversal.createdAt, ':by': reversal.actorId },
      },
    };
    const counters: TransactionItem[] = [contribution.kind, 'all'].map((kind) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.leaderboardEntry(communityId, month, kind, contribution.memberId),
        UpdateExpression: 'ADD points :points',
        ConditionExpression: 'attribute_exists(points)',
        ExpressionAttributeValues: { ':points': -contribution.points },
      },
    }));
    const parts = transferItems(this.tableName, reversal, 3, input.guards);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [record, ...counters, ...parts.items, ...effectItems(this.tableName, input.effects)],
        }),
      );
      return 'reversed';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'already_reversed';
      const failure = transferFailureFromReasons(reasons, parts);
      if (failure === 'duplicate') return 'duplicate';
      if (failure === 'insufficient_funds') throw insufficientFunds();
      if (failure === 'conflict' || reasons.includes('ConditionalCheckFailed')) return 'conflict';
      throw error;
    }
  }

  async leaderboardEntries(communityId: string, month: string, kind: Leaderboard['kind']): Promise<LeaderboardEntry[]> {
    const items = await queryAll(this.client, this.tableName, {
      KeyConditionExpression: 'PK = :partition',
      ExpressionAttributeValues: { ':partition': keys.leaderboardPartition(communityId, month, kind) },
    });
    return items
      .map((item) => ({ memberId: String(item.SK), memberName: String(item.memberName), points: Number(item.points) }))
      .filter((entry) => entry.points > 0); // an entry whose contributions were all reversed is off the board
  }

  /** One transaction; a cancellation is mapped to a domain error by `explain`, conflicts retried. */
  private async transact(items: TransactionItem[], explain: (reasons: string[]) => AppError | null): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        const domainError = explain(reasons);
        if (domainError) throw domainError;
        if (reasons.includes('TransactionConflict') && attempt < 8) {
          await new Promise((resolve) => setTimeout(resolve, 15 * attempt + Math.random() * 40));
          continue;
        }
        throw error;
      }
    }
  }
}
