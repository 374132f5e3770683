import type { Effects } from '../effects';
import type { LedgerEntry, Page } from '@linli/shared';
import type { AccountAddress } from './accounts';
import type { Transfer } from './transfer';

export interface AccountBalance {
  address: AccountAddress;
  balancePoints: number;
  earnedPoints: number;
  /** Everything that ever left the account (spent, given, expired): consumes the oldest lots first. */
  debitedPoints: number;
}

/**
 * What a caller read before deciding what else changes with a transfer; each becomes a
 * condition in the same transaction, so the decision cannot go stale between read and write.
 */
export interface TransferGuards {
  /** Member account → its earned points before the transfer are `< points` or `>= points`. */
  earnedPoints?: Map<AccountAddress, { operator: '<' | '>='; points: number }>;
  /** Member account → the approved visits its month item (of the transfer's month) holds now. */
  monthVisits?: Map<AccountAddress, number>;
}

export interface LedgerStore {
  /** Posts the transfer in one transaction; `duplicate` if a transfer with this id was already posted. */
  post(transfer: Transfer, effects?: Effects): Promise<'posted' | 'duplicate'>;
  /**
   * Posts under `guards` with `effects` whose conditions may fail too (a certificate sent to
   * review): `conflict` when something read has changed since — read again and retry.
   */
  postGuarded(
    transfer: Transfer,
    effects: Effects,
    guards: TransferGuards,
  ): Promise<'posted' | 'duplicate' | 'conflict'>;
  getTransfer(communityId: string, transferId: string): Promise<Transfer | null>;
  getAccount(communityId: string, address: AccountAddress): Promise<AccountBalance>;
  history(communityId: string, address: AccountAddress, cursor: string | undefined): Promise<Page<LedgerEntry>>;
}
