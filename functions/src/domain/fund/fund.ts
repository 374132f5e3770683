import {
  formatFen,
  type FundEntry,
  type FundExpense,
  type FundExpenseRequest,
  type FundIncomeRequest,
  type FundPage,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { decimalCell, toCsv } from '../office/exports/csv';
import { chainEntry, type EntryDraft, type PublicDonor } from './chain';
import type { FundStore } from './ports';
import type { Effects } from '../effects';

const MAX_APPEND_ATTEMPTS = 10;
const PAGE_SIZE = 50;

/**
 * Appends to the fund's hash chain: read the head, link the entry to it, write both only if
 * the head has not moved (retrying when another append got there first). An expense never
 * takes the balance below zero.
 */
export async function appendFundEntry(
  fund: FundStore,
  communityId: string,
  draft: EntryDraft,
  options: {
    now?: Date;
    expense?: { id: string; decidedBy: string };
    effects?: (entry: FundEntry) => Effects;
    donor?: PublicDonor;
  } = {},
): Promise<FundEntry> {
  // One id for the entry whatever the attempts (and, with an Idempotency-Key, the requests).
  const id = newId((options.now ?? new Date()).getTime());
  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt += 1) {
    const head = await fund.getHead(communityId);
    if (head.balanceFen + draft.amountFen < 0) {
      throw new AppError(
        'fund.insufficient_balance',
        `The fund holds ${formatFen(head.balanceFen)} yuan, less than this expense`,
        {
          balanceFen: head.balanceFen,
        },
      );
    }
    const now = options.now ?? new Date();
    const entry = chainEntry(head, draft, id, now.toISOString());
    const expense = options.expense ? { ...options.expense, decidedAt: entry.createdAt } : undefined;
    const outcome = await fund.append(
      communityId,
      entry,
      head.sequence,
      expense,
      options.effects?.(entry),
      options.donor,
    );
    if (outcome === 'appended') return entry;
    if (outcome === 'duplicate') return (await fund.getEntry(communityId, id)) ?? entry;
    if (outcome === 'expense_decided')
      throw new AppError('fund.expense_already_decided', 'This expense has already been decided');
    await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
  }
  throw new AppError('fund.busy', 'The fund is busy; please try again');
}

export function recordIncome(
  input: { communityId: string; request: FundIncomeRequest },
  fund: FundStore,
): Promise<FundEntry> {
  const { request } = input;
  return appendFundEntry(
    fund,
    input.communityId,
    {
      kind: request.kind,
      amountFen: request.amountFen,
      description: request.description,
    },
    {
      // Named on the public page only when the donor agreed there and then; either way the audit keeps who gave.
      donor: request.publishName && request.donorName ? { name: request.donorName } : undefined,
      effects: (entry) => ({
        audit: {
          communityId: input.communityId,
          action: 'fund.record_income',
          objectType: 'fund_entry',
          objectId: entry.id,
          after: { ...entry, donorName: request.donorName, publishName: request.publishName === true },
        },
      }),
    },
  );
}

export async function submitExpense(
  input: { communityId: string; actorId: string; request: FundExpenseRequest; now?: Date },
  fund: FundStore,
): Promise<FundExpense> {
  const now = input.now ?? new Date();
  const expense: FundExpense = {
    id: newId(now.getTime()),
    ...input.request,
    status: 'pending',
    submittedBy: input.actorId,
    createdAt: now.toISOString(),
  };
  await fund.putExpense(input.communityId, expense, {
    audit: {
      communityId: input.communityId,
      action: 'fund.submit_expense',
      objectType: 'fund_expense',
      objectId: expense.id,
      after: expense,
    },
  });
  return expense;
}

async function pendingExpense(fund: FundStore, communityId: string, expenseId: string): Promise<FundExpense> {
  const expense = await fund.getExpense(communityId, expenseId);
  if (!expense) throw notFound('expense', 'fund.expense_not_found');
  if (expense.status !== 'pending')
    throw new AppError('fund.expense_already_decided', 'This expense has already been decided');
  return expense;
}

/**
 * A different staff member or admin approves; the expense is paid out of the chain, never past zero
 * (409 `fund.insufficient_balance`, unless it was decided meanwhile: `fund.expense_already_decided`).
 */
export async function approveExpense(
  input: { communityId: string; expenseId: string; actorId: string },
  fund: FundStore,
): Promise<FundExpense> {
  const expense = await pendingExpense(fund, input.communityId, input.expenseId);
  if (expense.submittedBy === input.actorId) {
    throw new AppError('fund.same_staff', 'An expense must be approved by someone other than who submitted it');
  }
  const entry = await appendFundEntry(
    fund,
    input.communityId,
    {
      kind: 'expense',
      amountFen: -expense.amountFen,
      description: expense.purpose,
      category: expense.category,
      approvedBy: input.actorId,
      ...(expense.receiptImageId ? { receiptImageId: expense.receiptImageId } : {}),
    },
    {
      expense: { id: expense.id, decidedBy: input.actorId },
      effects: (entry) => ({
        audit: {
          communityId: input.communityId,
          action: 'fund.approve_expense',
          objectType: 'fund_expense',
          objectId: expense.id,
          before: expense,
          after: { ...expense, status: 'approved', decidedBy: input.actorId, entryId: entry.id, entry },
        },
      }),
    },
  ).catch(async (error: unknown) => {
    // Short only if the expense is still pending: one decided by another approval or a rejection
    // that committed before the fund was read says so (409 fund.expense_already_decided).
    if (error instanceof AppError && error.code === 'fund.insufficient_balance') {
      await pendingExpense(fund, input.communityId, input.expenseId);
    }
    throw error;
  });
  return { ...expense, status: 'approved', decidedBy: input.actorId, decidedAt: entry.createdAt, entryId: entry.id };
}

export async function rejectExpense(
  input: { communityId: string; expenseId: string; actorId: string; reason: string },
  fund: FundStore,
): Promise<FundExpense> {
  const before = await pendingExpense(fund, input.communityId, input.expenseId);
  const decision = { by: input.actorId, at: new Date().toISOString(), reason: input.reason };
  const rejected = await fund.rejectExpense(input.communityId, input.expenseId, decision, {
    audit: {
      communityId: input.communityId,
      action: 'fund.reject_expense',
      objectType: 'fund_expense',
      objectId: input.expenseId,
      before,
      after: { ...before, status: 'rejected', decidedBy: decision.by, decidedAt: decision.at, reason: decision.reason },
    },
  });
  if (!rejected) throw new AppError('fund.expense_already_decided', 'This expense has already been decided');
  return rejected;
}

export async function getFundPage(
  input: { communityId: string; cursor?: string },
  fund: FundStore,
): Promise<Omit<FundPage, 'holder' | 'donationsOpen'>> {
  const [{ head, months }, page] = await Promise.all([
    fund.headAndMonths(input.communityId),
    fund.listEntries(input.communityId, input.cursor, PAGE_SIZE),
  ]);
  return {
    communityId: input.communityId,
    balanceFen: head.balanceFen,
    incomeFen: head.incomeFen,
    expenseFen: head.expenseFen,
    entryCount: head.sequence,
    latestHash: head.latestHash,
    months,
    entries: page.items,
    receipts: {},
    messages: page.messages,
    donors: page.donors,
    nextCursor: page.nextCursor,
  };
}

/** The name a public list shows for an entry's donor: the one they chose to show, else 匿名 for a gift. */
export function publicDonorName(entry: FundEntry, donors: Readonly<Record<string, string>>): string | undefined {
  const named = donors[entry.id] ?? entry.donorName;
  if (named) return named;
  return ['donation', 'pledge'].includes(entry.kind) ? '匿名' : undefined;
}

const CSV_HEADER = [
  '序号',
  '时间(UTC)',
  '类型',
  '金额(元)',
  '余额(元)',
  '说明',
  '捐赠人',
  '类别',
  '审批人',
  '前一哈希',
  '哈希',
];

/** Every entry, oldest first, as CSV through the one CSV writer (UTF-8 BOM, RFC 4180, formula-looking text guarded, amounts numbers). */
export async function fundCsv(communityId: string, fund: FundStore): Promise<string> {
  const entries: FundEntry[] = [];
  const donors: Record<string, string> = {};
  let cursor: string | undefined;
  do {
    const page = await fund.listEntries(communityId, cursor, 500);
    entries.push(...page.items);
    Object.assign(donors, page.donors);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  entries.sort((left, right) => left.sequence - right.sequence);
  return toCsv(
    CSV_HEADER,
    entries.map((entry) => [
      entry.sequence,
      entry.createdAt,
      entry.kind,
      decimalCell(formatFen(entry.amountFen)),
      decimalCell(formatFen(entry.balanceAfterFen)),
      entry.description,
      publicDonorName(entry, donors),
      entry.category,
      entry.approvedBy,
      entry.previousHash,
      entry.hash,
    ]),
  );
}
