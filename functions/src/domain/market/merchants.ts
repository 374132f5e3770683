import {
  notificationText,
  MARKET_MESSAGES,
  type MerchantApplicationRequest,
  type MerchantDetail,
  type MerchantStatus,
  type Offer,
  type PublicMerchant,
} from '@linli/shared';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { refuseOwnInterest } from '../identity/conflicts';
import type { CommunityStore } from '../identity/ports';
import type { MerchantStore } from './ports';

/** Statuses in which a merchant is part of the alliance and honours the discount. */
export const ALLIANCE_STATUSES: readonly MerchantStatus[] = ['active', 'warned'];

export function toPublicMerchant(merchant: MerchantDetail): PublicMerchant {
  const { id, name, category, address, offer, status } = merchant;
  return { id, name, category, address, offer, status };
}

export async function getMerchantOrThrow(merchants: MerchantStore, communityId: string, merchantId: string) {
  const merchant = await merchants.getMerchant(communityId, merchantId);
  if (!merchant) throw notFound('merchant');
  return merchant;
}

/** The owner and staff of a merchant: the members a decision about it concerns. */
export const peopleOf = (merchant: MerchantDetail): string[] => [merchant.ownerId, ...merchant.staffIds];

/** The caller works for this merchant (owner or added staff). */
export async function requireMerchantStaff(
  merchants: MerchantStore,
  communityId: string,
  merchantId: string,
  userId: string,
): Promise<MerchantDetail> {
  const [merchant, isStaff] = await Promise.all([
    getMerchantOrThrow(merchants, communityId, merchantId),
    merchants.isStaff(communityId, merchantId, userId),
  ]);
  if (!isStaff) throw forbidden('Only this merchant’s own staff may do this');
  return merchant;
}

export async function submitApplication(
  input: { communityId: string; applicantId: string; request: MerchantApplicationRequest; now?: Date },
  merchants: MerchantStore,
): Promise<{ id: string; status: 'pending' }> {
  const now = input.now ?? new Date();
  const merchant: MerchantDetail = {
    id: newId(now.getTime()),
    communityId: input.communityId,
    ...input.request,
    status: 'pending',
    ownerId: input.applicantId,
    createdAt: now.toISOString(),
    usesCount: 0,
    complaintsCount: 0,
    upheldComplaintsCount: 0,
    staffIds: [input.applicantId],
  };
  await merchants.createMerchant(merchant);
  return { id: merchant.id, status: 'pending' };
}

/**
 * Vetting: approve makes the applicant the owner of an active alliance merchant. Staff do not vet
 * an application of their own (403 `auth.conflict_of_interest`).
 */
export async function decideApplication(
  input: { communityId: string; merchantId: string; actorId: string; approve: boolean; reason?: string; now?: Date },
  dependencies: { merchants: MerchantStore; communities: CommunityStore },
): Promise<MerchantDetail> {
  const before = await getMerchantOrThrow(dependencies.merchants, input.communityId, input.merchantId);
  refuseOwnInterest(input.actorId, peopleOf(before), 'Another staff member must vet your own application');
  const to = input.approve ? 'active' : 'rejected';
  const decision = { by: input.actorId, at: (input.now ?? new Date()).toISOString(), reason: input.reason };
  const decided = await dependencies.merchants.transition(
    input.communityId,
    input.merchantId,
    ['pending'],
    to,
    decision,
    {
      audit: {
        communityId: input.communityId,
        action: input.approve ? 'merchant.approve' : 'merchant.reject',
        objectType: 'merchant',
        objectId: input.merchantId,
        before,
        after: { ...before, status: to, decidedBy: decision.by, decidedAt: decision.at, reason: decision.reason },
      },
      // The applicant hears the outcome (issue 21: applicants never learned it), in the decision's transaction.
      notify: [
        {
          userId: before.ownerId,
          communityId: input.communityId,
          kind: 'merchant_application',
          ...(input.approve
            ? notificationText(MARKET_MESSAGES, { key: 'merchant.approved', values: { merchant: before.name } })
            : notificationText(MARKET_MESSAGES, {
                key: 'merchant.rejected',
                values: { merchant: before.name, reason: input.reason ?? '' },
              })),
          objectType: 'merchant',
          objectId: input.merchantId,
        },
      ],
    },
  );
  if (!decided) throw new AppError('merchant.already_decided', 'This application has already been decided');
  if (input.approve) await grantMerchantRole(dependencies.communities, input.communityId, decided.ownerId);
  return decided;
}

async function grantMerchantRole(communities: CommunityStore, communityId: string, userId: string): Promise<void> {
  const member = await communities.getMember(communityId, userId);
  if (!member || member.roles.includes('merchant')) return;
  await communities.setRoles(communityId, userId, [...member.roles, 'merchant'], member.roles).catch(() => undefined);
}

const ALLOWED_FROM: Record<Exclude<MerchantStatus, 'pending' | 'rejected'>, readonly MerchantStatus[]> = {
  active: ['warned', 'suspended'],
  warned: ['active'],
  suspended: ['active', 'warned'],
  removed: ['active', 'warned', 'suspended'],
};

/**
 * Warn, suspend, remove, or reinstate a merchant; every change records who and when. Not by staff
 * who work for that merchant (403 `auth.conflict_of_interest`).
 */
export async function setMerchantStatus(
  input: { communityId: string; merchantId: string; actorId: string; to: keyof typeof ALLOWED_FROM; reason: string },
  merchants: MerchantStore,
): Promise<MerchantDetail> {
  const before = await getMerchantOrThrow(merchants, input.communityId, input.merchantId);
  refuseOwnInterest(input.actorId, peopleOf(before), 'Another staff member must decide about a merchant you work for');
  const decision = { by: input.actorId, at: new Date().toISOString(), reason: input.reason };
  const changed = await merchants.transition(
    input.communityId,
    input.merchantId,
    ALLOWED_FROM[input.to],
    input.to,
    decision,
    {
      audit: {
        communityId: input.communityId,
        action: `merchant.set_${input.to}`,
        objectType: 'merchant',
        objectId: input.merchantId,
        before,
        after: { ...before, status: input.to, decidedBy: decision.by, decidedAt: decision.at, reason: decision.reason },
      },
    },
  );
  if (!changed)
    throw new AppError(
      'merchant.invalid_status_change',
      `A merchant cannot become ${input.to} from its current status`,
    );
  return changed;
}

export async function updateOffer(
  input: { communityId: string; merchantId: string; offer: Offer },
  merchants: MerchantStore,
): Promise<MerchantDetail> {
  const updated = await merchants.updateOffer(input.communityId, input.merchantId, input.offer);
  if (!updated) throw new AppError('merchant.inactive', 'A removed or rejected merchant cannot change its offer');
  return updated;
}

export async function addStaff(
  input: { communityId: string; merchant: MerchantDetail; actorId: string; memberId: string },
  dependencies: { merchants: MerchantStore; communities: CommunityStore },
): Promise<MerchantDetail> {
  if (input.merchant.ownerId !== input.actorId) throw forbidden('Only the owner adds staff');
  if (!(await dependencies.communities.getMember(input.communityId, input.memberId))) throw notFound('member');
  await dependencies.merchants.addStaff(input.communityId, input.merchant.id, input.memberId);
  return getMerchantOrThrow(dependencies.merchants, input.communityId, input.merchant.id);
}
