import { monthOf, type Drift, type FundEntry, type ReconciliationReport, type TransferKind } from '@linli/shared';
import { debitedChange } from './transfer';
import { verifyChain, type FundHead } from '../fund/chain';

/**
 * Reconciliation: rebuilds every stored balance and counter from the records it summarises
 * and reports any drift. Nothing on a request path reads this way; it is a job (daily), a
 * CLI (`npm run reconcile`) and an admin button, so it may read whole partitions.
 */
export interface StoredAccount {
  address: string;
  balancePoints: number;
  debitedPoints: number;
}

export interface ReconcileSource {
  accounts(communityId: string): Promise<StoredAccount[]>;
  /** The amount and transfer kind of every history entry of an account. */
  history(communityId: string, address: string): Promise<{ amountPoints: number; kind: TransferKind }[]>;
  /** Σ memberNet over every month's POINTS statistics. */
  statsMemberNet(communityId: string): Promise<number>;
  gauges(communityId: string): Promise<Record<string, number>>;
  countMembers(communityId: string): Promise<number>;
  countActiveCertificates(communityId: string): Promise<number>;
  fundHead(communityId: string): Promise<FundHead>;
  fundEntries(communityId: string): Promise<FundEntry[]>;
  fundMonths(communityId: string): Promise<{ month: string; incomeFen: number; expenseFen: number }[]>;
  makers(
    communityId: string,
  ): Promise<{ makerId: string; earningsFen: number; paidOutFen: number; balanceFen: number }[]>;
  payoutTotals(communityId: string): Promise<Map<string, number>>;
  goods(communityId: string): Promise<{ id: string; stock: number }[]>;
  merchantUses(communityId: string): Promise<{ merchantId: string; usesCount: number; uses: number }[]>;
}

type Compare = (check: string, subject: string, stored: number | string, expected: number | string) => void;

/** The fund: an intact chain whose entries add up to the head and to the month totals. */
async function reconcileFund(communityId: string, source: ReconcileSource, compare: Compare): Promise<void> {
  const [head, entries, months] = await Promise.all([
    source.fundHead(communityId),
    source.fundEntries(communityId),
    source.fundMonths(communityId),
  ]);
  const chain = verifyChain(entries);
  compare('fund.chain', communityId, chain.intact ? 'intact' : `broken at ${chain.brokenAt}`, 'intact');
  compare('fund.sequence', communityId, head.sequence, entries.length);
  compare(
    'fund.balance',
    communityId,
    head.balanceFen,
    entries.reduce((total, entry) => total + entry.amountFen, 0),
  );
  compare('fund.balance_not_negative', communityId, head.balanceFen < 0 ? 'negative' : 'ok', 'ok');
  const byMonth = new Map<string, { income: number; expense: number }>();
  for (const entry of entries) {
    const month = monthOf(entry.createdAt);
    const totals = byMonth.get(month) ?? { income: 0, expense: 0 };
    if (entry.amountFen > 0) totals.income += entry.amountFen;
    else totals.expense -= entry.amountFen;
    byMonth.set(month, totals);
  }
  for (const month of new Set([...byMonth.keys(), ...months.map((row) => row.month)])) {
    const stored = months.find((row) => row.month === month);
    compare('fund.month_income', month, stored?.incomeFen ?? 0, byMonth.get(month)?.income ?? 0);
    compare('fund.month_expense', month, stored?.expenseFen ?? 0, byMonth.get(month)?.expense ?? 0);
  }
}

export async function reconcileCommunity(
  communityId: string,
  source: ReconcileSource,
  now: Date = new Date(),
): Promise<ReconciliationReport> {
  const drifts: Drift[] = [];
  let checks = 0;
  const compare: Compare = (check, subject, stored, expected) => {
    checks += 1;
    if (stored !== expected) drifts.push({ check, subject, stored, expected });
  };

  // Points: each stored balance (and what left it) equals its postings; a community sums to zero.
  const accounts = await source.accounts(communityId);
  let sum = 0;
  let memberTotal = 0;
  for (const account of accounts) {
    const entries = await source.history(communityId, account.address);
    const balance = entries.reduce((total, entry) => total + entry.amountPoints, 0);
    const debited = entries.reduce((total, entry) => total + debitedChange(entry, entry.amountPoints), 0);
    compare('account.balance', account.address, account.balancePoints, balance);
    if (account.address.startsWith('member:')) {
      compare('account.debited', account.address, account.debitedPoints, debited);
      compare('account.not_negative', account.address, account.balancePoints < 0 ? 'negative' : 'ok', 'ok');
      memberTotal += account.balancePoints;
    }
    sum += account.balancePoints;
  }
  compare('ledger.sum_zero', communityId, sum, 0);
  compare('stats.points_outstanding', communityId, await source.statsMemberNet(communityId), memberTotal);

  // Gauges.
  const gauges = await source.gauges(communityId);
  compare('gauge.members', communityId, gauges.members ?? 0, await source.countMembers(communityId));
  compare(
    'gauge.active_certificates',
    communityId,
    gauges.activeCertificates ?? 0,
    await source.countActiveCertificates(communityId),
  );

  await reconcileFund(communityId, source, compare);

  // Makers: what is owed = earned − paid out; paid out = the payouts recorded.
  const payouts = await source.payoutTotals(communityId);
  for (const maker of await source.makers(communityId)) {
    compare('maker.balance', maker.makerId, maker.balanceFen, maker.earningsFen - maker.paidOutFen);
    compare('maker.paid_out', maker.makerId, maker.paidOutFen, payouts.get(maker.makerId) ?? 0);
  }
  // Stock never below zero; a merchant's use counter equals its recorded uses.
  for (const good of await source.goods(communityId)) {
    compare('good.stock_not_negative', good.id, good.stock < 0 ? 'negative' : 'ok', 'ok');
  }
  for (const merchant of await source.merchantUses(communityId)) {
    compare('merchant.uses', merchant.merchantId, merchant.usesCount, merchant.uses);
  }
  return { communityId, checkedAt: now.toISOString(), checks, drifts };
}
