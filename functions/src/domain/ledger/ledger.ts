import type { Effects } from '../effects';
import type { LedgerStore } from './ports';
import { assertValidTransfer, type Transfer } from './transfer';

/** Posts a transfer; a retry or a concurrent duplicate with the same id changes nothing. */
export async function postTransfer(
  ledger: LedgerStore,
  transfer: Transfer,
  effects?: Effects,
): Promise<'posted' | 'duplicate'> {
  assertValidTransfer(transfer);
  return ledger.post(transfer, effects);
}
