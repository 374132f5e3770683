import type { DonationMessage, Page } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { refuseOwnInterest } from '../identity/conflicts';
import type { DonationMessageStore } from './ports';

const PAGE_SIZE = 50;

/**
 * Staff's queue: paid donations' messages WeChat's check held (or could not check), oldest first;
 * `status: 'released'` lists those shown now (to take one off later).
 */
export async function listDonationMessageReviews(
  input: { communityId: string; status?: 'under_review' | 'released'; cursor?: string },
  messages: DonationMessageStore,
): Promise<Page<DonationMessage>> {
  return messages.list(input.communityId, input.status ?? 'under_review', input.cursor, PAGE_SIZE);
}

/**
 * A staff member releases a held message: it shows beside its donation's entry on the public fund
 * page from now on. Never the donor themselves (403 `auth.conflict_of_interest`); one no longer
 * under review → 409 `fund.message_not_held`; unknown → 404 `fund.message_not_found`. Audited.
 */
export async function releaseDonationMessage(
  input: { communityId: string; messageId: string; actorId: string; now?: Date },
  messages: DonationMessageStore,
): Promise<DonationMessage> {
  const message = await messageOrThrow(messages, input.communityId, input.messageId);
  refuseOwnInterest(
    input.actorId,
    [message.donorId],
    'Your own donation’s message is released by another staff member',
  );
  if (message.status !== 'under_review') throw notHeld(message);
  const at = (input.now ?? new Date()).toISOString();
  const released = await messages.decide(
    input.communityId,
    message.id,
    'under_review',
    'released',
    {
      by: input.actorId,
      at,
    },
    {
      audit: audit(input, 'fund.release_message', message, { status: 'released' }),
    },
  );
  if (!released) throw notHeld(message);
  return released;
}

/**
 * A staff member takes a message off — held, or released before — with a reason: it is not shown;
 * the donation and its fund entry stay as they are. Already removed → 409 `fund.message_not_held`.
 */
export async function removeDonationMessage(
  input: { communityId: string; messageId: string; actorId: string; reason: string; now?: Date },
  messages: DonationMessageStore,
): Promise<DonationMessage> {
  const message = await messageOrThrow(messages, input.communityId, input.messageId);
  if (message.status === 'removed') throw notHeld(message);
  const at = (input.now ?? new Date()).toISOString();
  const removed = await messages.decide(
    input.communityId,
    message.id,
    message.status,
    'removed',
    { by: input.actorId, at, reason: input.reason },
    { audit: audit(input, 'fund.remove_message', message, { status: 'removed', reason: input.reason }) },
  );
  if (!removed) throw new AppError('fund.message_not_held', 'This message was decided by someone else just now');
  return removed;
}

async function messageOrThrow(messages: DonationMessageStore, communityId: string, messageId: string) {
  const message = await messages.getMessage(communityId, messageId);
  if (!message) throw notFound('donation message', 'fund.message_not_found');
  return message;
}

function notHeld(message: DonationMessage): AppError {
  return new AppError('fund.message_not_held', `This message is ${message.status}, not waiting for review`);
}

function audit(
  input: { communityId: string; actorId: string },
  action: 'fund.release_message' | 'fund.remove_message',
  message: DonationMessage,
  after: Record<string, unknown>,
) {
  return {
    communityId: input.communityId,
    action,
    objectType: 'donation_message',
    objectId: message.id,
    before: { status: message.status },
    after,
    actorId: input.actorId,
  };
}
