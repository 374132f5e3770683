import { MARKET_MESSAGES, notificationText, type Complaint, type MerchantStatus } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { refuseOwnInterest } from '../identity/conflicts';
import { getMerchantOrThrow } from './merchants';
import type { ComplaintStore, MerchantStore } from './ports';

type Outcome = NonNullable<Complaint['outcome']>;

const MERCHANT_STATUS_FOR: Record<Outcome, MerchantStatus | null> = {
  dismiss: null,
  warn: 'warned',
  suspend: 'suspended',
  remove: 'removed',
};

/** A resident reports a merchant (e.g. the discount was refused). */
export async function fileComplaint(
  input: {
    communityId: string;
    merchantId: string;
    memberId: string;
    description: string;
    screening?: 'pass' | 'hold';
    now?: Date;
  },
  dependencies: { merchants: MerchantStore; complaints: ComplaintStore },
): Promise<Complaint> {
  const merchant = await getMerchantOrThrow(dependencies.merchants, input.communityId, input.merchantId);
  const now = input.now ?? new Date();
  const complaint: Complaint = {
    id: newId(now.getTime()),
    merchantId: merchant.id,
    merchantName: merchant.name,
    memberId: input.memberId,
    description: input.description,
    status: 'open',
    createdAt: now.toISOString(),
    ...(input.screening === 'hold' ? { contentHeld: true } : {}),
  };
  await dependencies.complaints.fileComplaint(input.communityId, complaint);
  return complaint;
}

/**
 * Staff resolve a complaint: dismiss, or uphold it with a warning, a suspension or removal. Not
 * staff who filed it or who work for the merchant it is about (403 `auth.conflict_of_interest`).
 */
export async function resolveComplaint(
  input: { communityId: string; complaintId: string; actorId: string; outcome: Outcome; note: string; now?: Date },
  complaints: ComplaintStore & Pick<MerchantStore, 'isStaff'>,
): Promise<Complaint> {
  const complaint = await complaints.getComplaint(input.communityId, input.complaintId);
  if (!complaint) throw notFound('complaint');
  const worksThere = await complaints.isStaff(input.communityId, complaint.merchantId, input.actorId);
  refuseOwnInterest(
    input.actorId,
    [complaint.memberId, worksThere ? input.actorId : undefined],
    'Another staff member must resolve a complaint you filed or one about a merchant you work for',
  );
  if (complaint.status !== 'open')
    throw new AppError('complaint.already_resolved', 'This complaint is already resolved');
  const decision = { by: input.actorId, at: (input.now ?? new Date()).toISOString(), reason: input.note };
  const resolved: Complaint = {
    ...complaint,
    status: 'resolved',
    outcome: input.outcome,
    note: input.note,
    decidedBy: decision.by,
    decidedAt: decision.at,
  };
  const outcomeKey = {
    dismiss: 'complaint.dismissed',
    warn: 'complaint.warned',
    suspend: 'complaint.suspended',
    remove: 'complaint.removed',
  } as const;
  const outcome = await complaints.resolveComplaint(
    input.communityId,
    complaint,
    { outcome: input.outcome, to: MERCHANT_STATUS_FOR[input.outcome], upheld: input.outcome !== 'dismiss' },
    decision,
    {
      audit: {
        communityId: input.communityId,
        action: 'complaint.resolve',
        objectType: 'complaint',
        objectId: complaint.id,
        before: complaint,
        after: resolved,
      },
      notify: [
        {
          userId: complaint.memberId,
          communityId: input.communityId,
          kind: 'complaint_resolved',
          ...notificationText(MARKET_MESSAGES, {
            key: outcomeKey[input.outcome],
            values: { merchant: complaint.merchantName, note: input.note },
          }),
          objectType: 'complaint',
          objectId: complaint.id,
        },
      ],
    },
  );
  if (outcome === 'already_resolved')
    throw new AppError('complaint.already_resolved', 'This complaint is already resolved');
  return resolved;
}
