import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getItem } from '../client';
import type { FundEntry } from '@linli/shared';
import type { FundPeriodReader } from '../../domain/fund/ports';
import { AppError } from '../../lib/errors';
import { getEntity } from '../items';
import { keys } from '../keys';
import { storedFundEntry } from './fund-store';

/**
 * The fund's entries of a period (issue 20's disclosure packs), apart from `DynamoFundStore`: only the
 * fund function's disclosure route reads them, so the other functions do not carry this code.
 */
export class DynamoFundPeriodReader implements FundPeriodReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The entries written in [from, to) (pattern 35): the chain is in time order, so the first sequence at
   * or after each bound is found by binary search (~2·log₂ n GetItems of `createdAt`), then the entries
   * between — with the one just before, whose balance opens the period — in one ascending Query, paged.
   */
  async entriesBetween(
    communityId: string,
    range: { from: string; to: string; maxEntries: number },
  ): Promise<{ before: FundEntry | null; entries: FundEntry[] }> {
    const { from, to } = range;
    const head = await getEntity<{ sequence: number }>(this.client, this.tableName, keys.fundHead(communityId));
    const headSequence = head?.sequence ?? 0;
    const first = await this.firstSequenceFrom(communityId, from, headSequence);
    const afterLast = await this.firstSequenceFrom(communityId, to, headSequence);
    const lowest = Math.max(first - 1, 1);
    const highest = afterLast - 1;
    if (headSequence === 0 || highest < lowest) return { before: null, entries: [] };
    if (afterLast - first > range.maxEntries) {
      throw new AppError('export.too_large', 'This period holds too many entries for one disclosure', {
        entries: afterLast - first,
        maxEntries: range.maxEntries,
      });
    }
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :low AND :high',
          ExpressionAttributeValues: {
            ':pk': keys.fundEntriesPartition(communityId),
            ':low': keys.fundEntry(communityId, lowest).SK,
            ':high': keys.fundEntry(communityId, highest).SK,
          },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const all = items.map((item) => storedFundEntry(item).entry);
    const before = first > 1 ? (all.find((entry) => entry.sequence === first - 1) ?? null) : null;
    return { before, entries: all.filter((entry) => entry.sequence >= first) };
  }

  /** The lowest sequence whose entry was written at or after `instant` (`headSequence + 1` when none). */
  private async firstSequenceFrom(communityId: string, instant: string, headSequence: number): Promise<number> {
    let low = 1;
    let high = headSequence + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      // Entries never change once written: an eventually consistent read is exact.
      const item = await getItem(this.client, this.tableName, keys.fundEntry(communityId, middle), {
        consistent: false,
      });
      if (String(item?.createdAt ?? '') >= instant) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
