import { AppError, notFound } from '../../lib/errors';
import type { Effects } from '../effects';
import { refuseOwnInterest } from '../identity/conflicts';
import { memberAccount } from './accounts';
import type { LedgerStore } from './ports';
import { assertValidTransfer, reversalOf, type Transfer } from './transfer';

/** Posts a transfer; a retry or a concurrent duplicate with the same id changes nothing. */
export async function postTransfer(
  ledger: LedgerStore,
  transfer: Transfer,
  effects?: Effects,
): Promise<'posted' | 'duplicate'> {
  assertValidTransfer(transfer);
  return ledger.post(transfer, effects);
}

/**
 * Undoes a transfer with a reversing one (at most once: its id derives from the original's).
 * Not by an admin whose own account the transfer touched (403 `auth.conflict_of_interest`).
 */
export async function reverseTransfer(
  ledger: LedgerStore,
  input: { communityId: string; transferId: string; actorId: string; reason: string; now?: Date },
): Promise<{ transferId: string }> {
  const original = await ledger.getTransfer(input.communityId, input.transferId);
  if (!original) throw notFound('transfer', 'ledger.transfer_not_found');
  const touched = original.postings.flatMap((posting) => [posting.source, posting.destination]);
  refuseOwnInterest(
    memberAccount(input.actorId),
    touched,
    'Another admin must reverse a transfer to or from your own account',
  );
  if (original.kind === 'reversal')
    throw new AppError('ledger.cannot_reverse_reversal', 'A reversal cannot be reversed');
  const reversal = reversalOf(original, {
    actorId: input.actorId,
    reason: input.reason,
    createdAt: (input.now ?? new Date()).toISOString(),
  });
  const audit = {
    communityId: input.communityId,
    action: 'transfer.reverse',
    objectType: 'transfer',
    objectId: input.transferId,
    before: original,
    after: reversal,
  };
  if ((await postTransfer(ledger, reversal, { audit })) === 'duplicate') {
    throw new AppError('ledger.already_reversed', 'This transfer has already been reversed');
  }
  return { transferId: reversal.transferId };
}
