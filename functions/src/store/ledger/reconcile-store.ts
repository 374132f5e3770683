import { env } from '../../lib/env';
import { getDocumentClient } from '../client';
import { type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FundEntry, TransferKind } from '@linli/shared';
import { EMPTY_HEAD, type FundHead } from '../../domain/fund/chain';
import type { ReconcileSource, StoredAccount } from '../../domain/ledger/reconcile';
import { queryAll, queryCount } from '../cursor';
import { ENTITY, INDEXES, keys } from '../keys';
import { getItem, withoutKeys } from '../items';
import { storedFundEntry } from '../fund/fund-store';

type Item = Record<string, unknown>;

/** Whole-partition reads for reconciliation (a job, never a request path). */
export class DynamoReconcileSource implements ReconcileSource {
  private readonly memberItems = new Map<string, Promise<Item[]>>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private all(input: Parameters<typeof queryAll>[2]): Promise<Item[]> {
    return queryAll(this.client, this.tableName, input);
  }

  private count(input: Parameters<typeof queryCount>[2]): Promise<number> {
    return queryCount(this.client, this.tableName, input);
  }

  private prefix(communityId: string, prefix: string) {
    return this.all({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.community(communityId).PK, ':prefix': prefix },
    });
  }

  /** Profiles, accounts and certificates of every member: one pass over `MEMBER#`. */
  private members(communityId: string): Promise<Item[]> {
    let pending = this.memberItems.get(communityId);
    if (!pending) {
      pending = this.prefix(communityId, keys.reconcilePrefixes.members);
      this.memberItems.set(communityId, pending);
    }
    return pending;
  }

  async accounts(communityId: string): Promise<StoredAccount[]> {
    const toAccount = (item: Item): StoredAccount => ({
      address: String(item.address),
      balancePoints: Number(item.balancePoints ?? 0),
      debitedPoints: Number(item.debitedPoints ?? 0),
    });
    const members = (await this.members(communityId)).filter((item) => item.type === ENTITY.account);
    const system = await this.prefix(communityId, keys.reconcilePrefixes.systemAccounts);
    return [...members, ...system].map(toAccount);
  }

  async history(communityId: string, address: string): Promise<{ amountPoints: number; kind: TransferKind }[]> {
    const items = await this.all({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.ledgerPartition(communityId, address) },
      ProjectionExpression: 'amountPoints, kind',
    });
    return items.map((item) => ({ amountPoints: Number(item.amountPoints), kind: item.kind as TransferKind }));
  }

  async statsMemberNet(communityId: string): Promise<number> {
    const items = await this.prefix(communityId, keys.statsPrefix());
    return items.reduce((total, item) => total + Number(item.memberNet ?? 0), 0);
  }

  async gauges(communityId: string): Promise<Record<string, number>> {
    const result = await getItem(this.client, this.tableName, keys.gauges(communityId));
    return Object.fromEntries(
      Object.entries(result ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    );
  }

  async countMembers(communityId: string): Promise<number> {
    return (await this.members(communityId)).filter((item) => item.type === ENTITY.member).length;
  }

  async countActiveCertificates(communityId: string): Promise<number> {
    return (await this.members(communityId)).filter(
      (item) => item.type === ENTITY.certificate && item.status === 'active',
    ).length;
  }

  async fundHead(communityId: string): Promise<FundHead> {
    const result = await getItem(this.client, this.tableName, keys.fundHead(communityId));
    return result ? { ...EMPTY_HEAD, ...withoutKeys<FundHead>(result) } : EMPTY_HEAD;
  }

  async fundEntries(communityId: string): Promise<FundEntry[]> {
    const items = await this.all({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.fundEntriesPartition(communityId) },
    });
    // Without a released donor's message: it is outside the hash the chain check recomputes.
    return items.map((item) => storedFundEntry(item).entry);
  }

  async fundMonths(communityId: string) {
    return (await this.prefix(communityId, keys.fundMonthPrefix())).map((item) => ({
      month: String(item.SK).slice(keys.fundMonthPrefix().length),
      incomeFen: Number(item.incomeFen ?? 0),
      expenseFen: Number(item.expenseFen ?? 0),
    }));
  }

  async makers(communityId: string) {
    return (await this.prefix(communityId, keys.makerAccountPrefix())).map((item) => ({
      makerId: String(item.makerId),
      earningsFen: Number(item.earningsFen ?? 0),
      paidOutFen: Number(item.paidOutFen ?? 0),
      balanceFen: Number(item.balanceFen ?? 0),
    }));
  }

  async payoutTotals(communityId: string): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (const item of await this.prefix(communityId, keys.reconcilePrefixes.payouts)) {
      const makerId = String(item.makerId);
      totals.set(makerId, (totals.get(makerId) ?? 0) + Number(item.amountFen ?? 0));
    }
    return totals;
  }

  async goods(communityId: string) {
    return (await this.prefix(communityId, keys.reconcilePrefixes.goods)).map((item) => ({
      id: String(item.id),
      stock: Number(item.stock),
    }));
  }

  async merchantUses(communityId: string) {
    const merchants = await this.prefix(communityId, keys.reconcilePrefixes.merchants);
    return Promise.all(
      merchants.map(async (item) => ({
        merchantId: String(item.id),
        usesCount: Number(item.usesCount ?? 0),
        uses: await this.count({
          IndexName: INDEXES.gsi1,
          KeyConditionExpression: 'GSI1PK = :partition',
          ExpressionAttributeValues: { ':partition': keys.merchantUses(communityId, String(item.id)) },
        }),
      })),
    );
  }
}

/**
 * The store as the admin's reconciliation route and the daily job use it, built here rather than in `wiring.ts` (which every function
 * bundles): only they carry the class.
 */
export const reconcileSource = () => new DynamoReconcileSource(getDocumentClient(), env.tableName());
