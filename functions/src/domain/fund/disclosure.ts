import {
  periodRange,
  type DisclosedExpense,
  type FundDisclosure,
  type FundEntry,
  type FundEntryKind,
} from '@linli/shared';
import { AppError } from '../../lib/errors';
import { GENESIS_HASH } from './chain';
import type { FundPeriodReader } from './ports';

/** More entries than a year of a busy community's shop; past it 413 `export.too_large`. */
export const MAX_DISCLOSURE_ENTRIES = 100_000;

/** The purpose a refund (a sale share or donation given back) is disclosed under. */
export const REFUND_PURPOSE = 'refund';

/**
 * The disclosure of `period` (issue 20; 慈善组织信息公开办法: income by source, spending by purpose,
 * the balance), read from the chain's entries of the period — so the figures always add up:
 * opening (the balance after the last entry before it) + income − expense = closing (after its last).
 * A period not yet begun is 400 `fund.period_in_future`; one before the first entry is all zeros.
 */
export async function fundDisclosure(
  input: { communityId: string; period: string; now: Date },
  fund: FundPeriodReader,
): Promise<Omit<FundDisclosure, 'receipts'>> {
  const range = periodRange(input.period);
  if (Date.parse(range.from) > input.now.getTime()) {
    throw new AppError('fund.period_in_future', 'This period has not begun yet', { period: input.period });
  }
  const { before, entries } = await fund.entriesBetween(input.communityId, {
    from: range.from,
    to: range.to,
    maxEntries: MAX_DISCLOSURE_ENTRIES,
  });
  return summarise({ ...input, range, before, entries });
}

/** The figures of a period's entries (oldest first) after `before`: pure, for the page and the workbook. */
export function summarise(input: {
  communityId: string;
  period: string;
  now: Date;
  range: ReturnType<typeof periodRange>;
  before: FundEntry | null;
  entries: readonly FundEntry[];
}): Omit<FundDisclosure, 'receipts'> {
  const { range, before, entries } = input;
  const openingBalanceFen = before?.balanceAfterFen ?? 0;
  const last = entries.at(-1) ?? before;
  const incomeFen = entries.reduce((sum, entry) => sum + Math.max(entry.amountFen, 0), 0);
  const expenseFen = entries.reduce((sum, entry) => sum + Math.max(-entry.amountFen, 0), 0);
  return {
    communityId: input.communityId,
    period: input.period,
    from: range.from,
    to: range.to,
    firstDay: range.firstDay,
    lastDay: range.lastDay,
    complete: Date.parse(range.to) <= input.now.getTime(),
    generatedAt: input.now.toISOString(),
    openingBalanceFen,
    incomeFen,
    expenseFen,
    closingBalanceFen: last?.balanceAfterFen ?? 0,
    incomeBySource: incomeBySource(entries),
    expensesByPurpose: expensesByPurpose(entries),
    chainHead: last ? { sequence: last.sequence, hash: last.hash } : { sequence: 0, hash: GENESIS_HASH },
    entryCount: entries.length,
  };
}

function incomeBySource(entries: readonly FundEntry[]): FundDisclosure['incomeBySource'] {
  const sources = new Map<FundEntryKind, { kind: FundEntryKind; amountFen: number; count: number }>();
  for (const entry of entries) {
    if (entry.amountFen <= 0) continue;
    const source = sources.get(entry.kind) ?? { kind: entry.kind, amountFen: 0, count: 0 };
    source.amountFen += entry.amountFen;
    source.count += 1;
    sources.set(entry.kind, source);
  }
  return [...sources.values()].sort((left, right) => right.amountFen - left.amountFen);
}

function expensesByPurpose(entries: readonly FundEntry[]): FundDisclosure['expensesByPurpose'] {
  const purposes = new Map<
    string,
    { category: string; amountFen: number; count: number; entries: DisclosedExpense[] }
  >();
  for (const entry of entries) {
    if (entry.amountFen >= 0) continue;
    const category = entry.kind === 'expense' ? (entry.category ?? 'other') : REFUND_PURPOSE;
    const purpose = purposes.get(category) ?? { category, amountFen: 0, count: 0, entries: [] };
    purpose.amountFen += -entry.amountFen;
    purpose.count += 1;
    purpose.entries.push({
      sequence: entry.sequence,
      createdAt: entry.createdAt,
      description: entry.description,
      amountFen: -entry.amountFen,
      ...(entry.approvedBy ? { approvedBy: entry.approvedBy } : {}),
      ...(entry.receiptImageId ? { receiptImageId: entry.receiptImageId } : {}),
    });
    purposes.set(category, purpose);
  }
  return [...purposes.values()].sort((left, right) => right.amountFen - left.amountFen);
}
