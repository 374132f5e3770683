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

export interface LedgerStore {
  /** Posts the transfer in one transaction; `duplicate` if a transfer with this id was already posted. */
  post(transfer: Transfer, effects?: Effects): Promise<'posted' | 'duplicate'>;
  getTransfer(communityId: string, transferId: string): Promise<Transfer | null>;
  getAccount(communityId: string, address: AccountAddress): Promise<AccountBalance>;
  history(communityId: string, address: AccountAddress, cursor: string | undefined): Promise<Page<LedgerEntry>>;
}
