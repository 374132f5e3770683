import type { LedgerEntry, Page } from '@linli/shared';
import type { AccountAddress } from './accounts';
import type { Transfer } from './transfer';

export interface AccountBalance {
  address: AccountAddress;
  balancePoints: number;
  earnedPoints: number;
}

export interface LedgerStore {
  /** Posts the transfer in one transaction; `duplicate` if a transfer with this id was already posted. */
  post(transfer: Transfer): Promise<'posted' | 'duplicate'>;
  getTransfer(communityId: string, transferId: string): Promise<Transfer | null>;
  getAccount(communityId: string, address: AccountAddress): Promise<AccountBalance>;
  history(communityId: string, address: AccountAddress, cursor: string | undefined): Promise<Page<LedgerEntry>>;
}
