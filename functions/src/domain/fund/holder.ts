import type { Community, FundHolder } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import type { CommunityStore } from '../identity/ports';

/** The calendar day in China time (UTC+8), `YYYY-MM-DD`. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whether the holder's public-fundraising qualification is valid on `day` (both ends included). */
export function holderValidOn(holder: FundHolder | undefined, day: string): boolean {
  return holder !== undefined && holder.qualification.validFrom <= day && day <= holder.qualification.validUntil;
}

/**
 * 慈善法: a community fund takes public donations only under a charity with public-fundraising
 * qualification. Online donations and new pledges need a holder valid today (China time), else
 * 409 `fund.no_legal_holder` with why; office-recorded incomes do not.
 */
export function requireDonationsOpen(community: Community, now: Date = new Date()): FundHolder {
  const holder = community.fundHolder;
  const today = chinaDate(now);
  if (holder && holderValidOn(holder, today)) return holder;
  const why = !holder
    ? 'This fund names no charity with public-fundraising qualification'
    : holder.qualification.validFrom > today
      ? `Its holder's public-fundraising qualification is valid from ${holder.qualification.validFrom}`
      : `Its holder's public-fundraising qualification ended on ${holder.qualification.validUntil}`;
  throw new AppError('fund.no_legal_holder', `${why}: online donations are closed`, {
    validFrom: holder?.qualification.validFrom,
    validUntil: holder?.qualification.validUntil,
  });
}

/** The admin names the charity the fund runs under (replacing any before). Audited. */
export async function setFundHolder(
  input: { communityId: string; holder: FundHolder },
  communities: CommunityStore,
): Promise<FundHolder> {
  const current = await communities.getCommunity(input.communityId, { consistent: true });
  if (!current) throw notFound('community');
  await communities.updateCommunity(
    { ...current, fundHolder: input.holder },
    {
      audit: {
        communityId: input.communityId,
        action: 'fund.set_holder',
        objectType: 'community',
        objectId: input.communityId,
        before: current.fundHolder,
        after: input.holder,
      },
    },
    { fields: ['fundHolder'], rules: [] },
  );
  return input.holder;
}
