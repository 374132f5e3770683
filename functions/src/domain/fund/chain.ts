import { createHash } from 'node:crypto';
import type { FundEntry } from '@linli/shared';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface FundHead {
  sequence: number;
  latestHash: string;
  balanceFen: number;
  incomeFen: number;
  expenseFen: number;
}

export const EMPTY_HEAD: FundHead = {
  sequence: 0,
  latestHash: GENESIS_HASH,
  balanceFen: 0,
  incomeFen: 0,
  expenseFen: 0,
};

/** What a new entry says (hashed). A donor's name is not part of it: see {@link PublicDonor}. */
export type EntryDraft = Pick<
  FundEntry,
  'kind' | 'amountFen' | 'description' | 'category' | 'approvedBy' | 'receiptImageId'
>;

/**
 * A donor who chose to be named on the public page: kept beside their entry, outside its hash, so the
 * name can be taken off (consent withdrawn, account closed) with the chain intact. `userId` when the
 * donor is a member (an online donation), so their names can be found again.
 */
export interface PublicDonor {
  name: string;
  userId?: string;
}

/** JSON with sorted keys and no undefined values: the same entry always hashes the same. */
function canonical(value: Record<string, unknown>): string {
  const sorted = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort()
    .map((key) => [key, value[key]]);
  return JSON.stringify(Object.fromEntries(sorted));
}

export function hashOf(entry: Omit<FundEntry, 'hash'>): string {
  return createHash('sha256')
    .update(canonical(entry as unknown as Record<string, unknown>))
    .digest('hex');
}

/** The next link of the chain after `head`. */
export function chainEntry(head: FundHead, draft: EntryDraft, id: string, createdAt: string): FundEntry {
  const unsigned: Omit<FundEntry, 'hash'> = {
    id,
    sequence: head.sequence + 1,
    ...draft,
    balanceAfterFen: head.balanceFen + draft.amountFen,
    createdAt,
    previousHash: head.latestHash,
  };
  return { ...unsigned, hash: hashOf(unsigned) };
}

/** Checks a run of entries in sequence order: each links to the one before and hashes to itself. */
export function verifyChain(entries: FundEntry[], previousHash = GENESIS_HASH): { intact: boolean; brokenAt?: number } {
  let expectedPrevious = previousHash;
  for (const entry of entries) {
    const { hash, ...unsigned } = entry;
    if (entry.previousHash !== expectedPrevious || hashOf(unsigned) !== hash) {
      return { intact: false, brokenAt: entry.sequence };
    }
    expectedPrevious = hash;
  }
  return { intact: true };
}
