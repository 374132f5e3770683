import type { FundEntry } from '@linli/shared';
import { chainEntry, EMPTY_HEAD, type EntryDraft } from './chain';
import { fundDisclosure } from './disclosure';
import type { AppError } from '../../lib/errors';

function chainOf(drafts: { at: string; draft: EntryDraft }[]): FundEntry[] {
  const entries: FundEntry[] = [];
  let head = EMPTY_HEAD;
  for (const [index, { at, draft }] of drafts.entries()) {
    const entry = chainEntry(head, draft, `entry-${index}`, at);
    entries.push(entry);
    head = { ...head, sequence: entry.sequence, latestHash: entry.hash, balanceFen: entry.balanceAfterFen };
  }
  return entries;
}

/** An in-memory fund: the entries in [from, to) and the one before, as the store answers. */
const fakeFund = (entries: FundEntry[]) => ({
  entriesBetween: async (_communityId: string, range: { from: string; to: string }) => {
    const inside = entries.filter((entry) => entry.createdAt >= range.from && entry.createdAt < range.to);
    const before = entries.filter((entry) => entry.createdAt < range.from).at(-1) ?? null;
    return { before, entries: inside };
  },
});

describe('fund disclosure', () => {
  const entries = chainOf([
    { at: '2026-03-31T15:59:59.000Z', draft: { kind: 'donation', amountFen: 2000, description: 'Q1' } },
    { at: '2026-03-31T16:00:00.000Z', draft: { kind: 'stall', amountFen: 700, description: 'Q2 义卖' } },
    {
      at: '2026-05-01T00:00:00.000Z',
      draft: { kind: 'expense', amountFen: -900, description: '米面油', approvedBy: 'staff-2' },
    },
  ]);

  it('adds up: opening + income − expense = closing; an expense without a category is under other', async () => {
    const pack = await fundDisclosure(
      { communityId: 'c', period: '2026-Q2', now: new Date('2026-06-15T00:00:00Z') },
      fakeFund(entries),
    );
    expect(pack).toMatchObject({
      openingBalanceFen: 2000,
      incomeFen: 700,
      expenseFen: 900,
      closingBalanceFen: 1800,
      complete: false,
      entryCount: 2,
      chainHead: { sequence: 3, hash: entries[2]!.hash },
    });
    expect(pack.expensesByPurpose).toEqual([
      {
        category: 'other',
        amountFen: 900,
        count: 1,
        entries: [
          {
            sequence: 3,
            createdAt: entries[2]!.createdAt,
            description: '米面油',
            amountFen: 900,
            approvedBy: 'staff-2',
          },
        ],
      },
    ]);
  });

  it('refuses a period that has not begun at the injected clock; the running one is “so far”', async () => {
    const now = new Date('2026-06-30T15:59:59.999Z'); // still 2026-Q2 in Beijing
    const refused = await fundDisclosure({ communityId: 'c', period: '2026-Q3', now }, fakeFund(entries)).catch(
      (error: AppError) => error,
    );
    expect((refused as AppError).code).toBe('fund.period_in_future');
    await expect(fundDisclosure({ communityId: 'c', period: '2026', now }, fakeFund(entries))).resolves.toMatchObject({
      complete: false,
      closingBalanceFen: 1800,
    });
    await expect(
      fundDisclosure({ communityId: 'c', period: '2026-Q3', now: new Date('2026-06-30T16:00:00Z') }, fakeFund(entries)),
    ).resolves.toMatchObject({ openingBalanceFen: 1800, closingBalanceFen: 1800, entryCount: 0 });
  });
});
