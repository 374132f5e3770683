import { monthOf, type TransferKind } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { SYSTEM_ACCOUNTS, isMemberAccount, type AccountAddress } from './accounts';

/** One movement of points from one account to another (TigerBeetle/formance vocabulary). */
export interface Posting {
  source: AccountAddress;
  destination: AccountAddress;
  amountPoints: number;
}

/** An immutable set of postings. Its id is its idempotency key: it posts at most once. */
export interface Transfer {
  communityId: string;
  transferId: string;
  kind: TransferKind;
  memo: string;
  postings: Posting[];
  actorId: string;
  createdAt: string;
  reversesTransferId?: string;
  /** A reversal: the kind of the transfer it undoes (its statistics are undone with it). */
  reversesKind?: TransferKind;
  /**
   * The China-time month (`YYYY-MM`) whose statistics and earned lots this transfer changes;
   * default the month of `createdAt`. A reversal takes its original's month, so every month's
   * figures stay what stands of that month.
   */
  statsMonth?: string;
  /**
   * Volunteer minutes this transfer pays for (claims), counted on the member's month for
   * recognition; negative on the reversal of a claim.
   */
  volunteerMinutes?: number;
  /** Approved visits this transfer counts on the member's month (claims 1, their reversal −1). */
  volunteerVisits?: number;
  /** The community's monthly cap on points earned by a member, enforced in the same transaction. */
  capPoints?: number;
}

export const MAX_POSTINGS = 10;

export function assertValidTransfer(transfer: Transfer): void {
  if (transfer.postings.length === 0 || transfer.postings.length > MAX_POSTINGS) {
    throw new AppError('ledger.invalid_transfer', `A transfer has 1 to ${MAX_POSTINGS} postings`);
  }
  for (const posting of transfer.postings) {
    if (!Number.isSafeInteger(posting.amountPoints) || posting.amountPoints <= 0) {
      throw new AppError('ledger.invalid_transfer', 'Posting amounts are positive whole points');
    }
    if (posting.source === posting.destination) {
      throw new AppError('ledger.invalid_transfer', 'A posting moves points between two different accounts');
    }
  }
}

/** The net change of every account a transfer touches (sums to zero by construction). */
export function netChanges(postings: Posting[]): Map<AccountAddress, number> {
  const changes = new Map<AccountAddress, number>();
  for (const { source, destination, amountPoints } of postings) {
    changes.set(source, (changes.get(source) ?? 0) - amountPoints);
    changes.set(destination, (changes.get(destination) ?? 0) + amountPoints);
  }
  return changes;
}

/**
 * Lifetime earned points (what the certificate threshold counts): points that came to
 * a member from issuance, less points that went back to issuance in a reversal.
 */
export function earnedChanges(postings: Posting[]): Map<AccountAddress, number> {
  const changes = new Map<AccountAddress, number>();
  for (const { source, destination, amountPoints } of postings) {
    if (source === SYSTEM_ACCOUNTS.issuance && isMemberAccount(destination)) {
      changes.set(destination, (changes.get(destination) ?? 0) + amountPoints);
    }
    if (destination === SYSTEM_ACCOUNTS.issuance && isMemberAccount(source)) {
      changes.set(source, (changes.get(source) ?? 0) - amountPoints);
    }
  }
  return changes;
}

/**
 * A mistake is never edited away: it is undone by a transfer with every posting swapped,
 * counted in its original's month, with the original's volunteer minutes and visits taken back.
 */
export function reversalOf(
  original: Transfer,
  input: { actorId: string; reason: string; createdAt: string },
): Transfer {
  return {
    communityId: original.communityId,
    transferId: `reversal:${original.transferId}`.slice(0, 128),
    kind: 'reversal',
    memo: input.reason,
    postings: original.postings.map(({ source, destination, amountPoints }) => ({
      source: destination,
      destination: source,
      amountPoints,
    })),
    actorId: input.actorId,
    createdAt: input.createdAt,
    reversesTransferId: original.transferId,
    reversesKind: original.kind,
    statsMonth: original.statsMonth ?? monthOf(original.createdAt),
    ...(original.volunteerMinutes ? { volunteerMinutes: -original.volunteerMinutes } : {}),
    ...(original.volunteerVisits ? { volunteerVisits: -original.volunteerVisits } : {}),
  };
}

/**
 * How a transfer moves each account's `debitedPoints` (what spending, giving and expiry
 * consumed, oldest lots first). A reversal gives back what its original consumed and consumes
 * nothing itself: points taken back by a reversal were never the member's to spend.
 */
export function debitedChange(transfer: Pick<Transfer, 'kind'>, changePoints: number): number {
  return transfer.kind === 'reversal' ? -Math.max(changePoints, 0) : Math.max(-changePoints, 0);
}

/**
 * How a transfer moves the month's points statistics (the POINTS section): by the accounts its
 * postings touch — issued, redeemed, expired and gifted points, and the members' net change.
 */
export function pointsStatistics(transfer: Transfer): Record<string, number> {
  const add: Record<string, number> = {
    pointsIssued: 0,
    pointsRedeemed: 0,
    pointsExpired: 0,
    pointsGifted: 0,
    memberNet: 0,
  };
  const flows: [string, keyof typeof add][] = [
    [SYSTEM_ACCOUNTS.issuance, 'pointsIssued'],
    [SYSTEM_ACCOUNTS.redemption, 'pointsRedeemed'],
    [SYSTEM_ACCOUNTS.expiry, 'pointsExpired'],
  ];
  for (const posting of transfer.postings) {
    for (const [account, counter] of flows) {
      // issuance is a source when points are created; the others are destinations.
      const sign = account === SYSTEM_ACCOUNTS.issuance ? 1 : -1;
      if (posting.source === account) add[counter]! += sign * posting.amountPoints;
      if (posting.destination === account) add[counter]! -= sign * posting.amountPoints;
    }
    if (transfer.kind === 'gift') add.pointsGifted! += posting.amountPoints;
    if (transfer.reversesKind === 'gift') add.pointsGifted! -= posting.amountPoints;
    if (isMemberAccount(posting.destination)) add.memberNet! += posting.amountPoints;
    if (isMemberAccount(posting.source)) add.memberNet! -= posting.amountPoints;
  }
  return Object.fromEntries(Object.entries(add).filter(([, value]) => value !== 0));
}
