import { AppError } from '../../lib/errors';

/**
 * Nobody decides, approves or pays in their own favour: the second person is the control the
 * office relies on (issue 12, "who may act for whom"). Staff do not record contributions or
 * office entries for themselves, vet their own merchant, listing or complaint, clear a flag about
 * themselves, reinstate their own certificate, put themselves on the honour roll, pay themselves
 * out or refund their own order; admins do not reverse their own transfers nor change their own
 * roles; a merchant does not verify a pass of their own shop's people. A child's interest is their
 * guardian's (`addChild`): staff do not do any of this for a child they added either. Another staff
 * member (or admin) can always do it.
 *
 * Throws 403 `auth.conflict_of_interest` when `actorId` is one of `interestedIds` (the members the
 * decision is about or pays); `message` says what was refused and who may do it instead.
 */
export function refuseOwnInterest(
  actorId: string,
  interestedIds: readonly (string | undefined)[],
  message: string,
): void {
  if (interestedIds.includes(actorId)) throw new AppError('auth.conflict_of_interest', message);
}
