import { monthOf, type Community, type DiscountUse, type ProxyFlag, type VerifyPassResponse } from '@linli/shared';
import type { Effects } from '../effects';
import type { CommunityStore } from '../identity/ports';
import { checkPass } from '../timebank/certificates';
import type { CertificateStore } from '../timebank/ports';
import { refuseOwnInterest } from '../identity/conflicts';
import { ALLIANCE_STATUSES, peopleOf } from './merchants';
import type { DiscountStore, MerchantStore } from './ports';
import type { MerchantDetail } from '@linli/shared';

const MINUTE = 60_000;
/** A pass used at two different merchants within this window is flagged. */
export const PROXY_WINDOW_MINUTES = 10;
export const DEFAULT_MAX_PASS_USES_PER_DAY = 5;
/** Community days are counted in China Standard Time (UTC+8). */
const CHINA_OFFSET_MILLISECONDS = 8 * 3600_000;

export function startOfChinaDay(now: Date): Date {
  const shifted = now.getTime() + CHINA_OFFSET_MILLISECONDS;
  return new Date(shifted - (shifted % (24 * 3600_000)) - CHINA_OFFSET_MILLISECONDS);
}

/** Why a use looks like someone else's certificate: different merchants close together, or too often. */
export function proxyReasons(
  previous: DiscountUse[],
  current: { merchantId: string; at: Date },
  maxUsesPerDay: number,
): string[] {
  const reasons: string[] = [];
  const windowStart = current.at.getTime() - PROXY_WINDOW_MINUTES * MINUTE;
  if (previous.some((use) => use.merchantId !== current.merchantId && Date.parse(use.at) >= windowStart)) {
    reasons.push('two_merchants_within_10_minutes');
  }
  const dayStart = startOfChinaDay(current.at).getTime();
  if (previous.filter((use) => Date.parse(use.at) >= dayStart).length + 1 > maxUsesPerDay) {
    reasons.push('too_many_uses_today');
  }
  return reasons;
}

export interface VerificationDependencies {
  merchants: MerchantStore;
  certificates: CertificateStore;
  communities: CommunityStore;
  discounts: DiscountStore;
}

/**
 * The merchant scans a resident's live pass. Valid → the holder's name and the offer,
 * and the use is recorded (flagged when it looks like proxy use). Expired, forged,
 * revoked or foreign passes record nothing. A pass of the merchant's own owner or staff is
 * refused (403 `auth.conflict_of_interest`): the discount is for other alliance members, and a
 * use at one's own shop would only pad its record.
 */
export async function verifyPass(
  input: {
    community: Community;
    merchant: MerchantDetail;
    token: string;
    billFen?: number;
    secret: string;
    now?: Date;
  },
  dependencies: VerificationDependencies,
): Promise<VerifyPassResponse> {
  const now = input.now ?? new Date();
  const { community, merchant } = input;
  if (!ALLIANCE_STATUSES.includes(merchant.status)) return { valid: false, reason: 'merchant_inactive' };
  const checked = checkPass(input.token, input.secret, now.getTime());
  if (checked.status !== 'valid') return { valid: false, reason: checked.status };
  const { claims } = checked;
  if (claims.cid !== community.id) return { valid: false, reason: 'other_community' };
  if (!(await holderStillEntitled(claims.kind, community, claims.sub, dependencies))) {
    return { valid: false, reason: 'revoked' };
  }
  const holder = await dependencies.communities.getMember(community.id, claims.sub);
  if (!holder) return { valid: false, reason: 'revoked' };
  refuseOwnInterest(holder.userId, peopleOf(merchant), 'A merchant does not verify passes of its own people');

  const since = new Date(Math.min(startOfChinaDay(now).getTime(), now.getTime() - PROXY_WINDOW_MINUTES * MINUTE));
  const previous = await dependencies.discounts.usesOfMemberSince(community.id, holder.userId, since.toISOString());
  const reasons = proxyReasons(
    previous,
    { merchantId: merchant.id, at: now },
    community.rules.maxPassUsesPerDay ?? DEFAULT_MAX_PASS_USES_PER_DAY,
  );
  const use: DiscountUse = {
    id: `u${claims.nonce}${merchant.id}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64),
    merchantId: merchant.id,
    merchantName: merchant.name,
    memberId: holder.userId,
    memberName: holder.displayName,
    at: now.toISOString(),
    billFen: input.billFen,
    flagged: reasons.length > 0,
    flagReasons: reasons,
  };
  const flag = flagOf(use);
  const effects: Effects = {
    stats: [
      {
        communityId: community.id,
        month: monthOf(now),
        section: 'MERCHANTS',
        add: { discountUses: 1 },
        addToSet: { merchants: [merchant.id] },
      },
    ],
  };
  if ((await dependencies.discounts.recordUse(community.id, use, flag, effects)) === 'duplicate') {
    const first = await dependencies.discounts.getUse(community.id, use.id);
    return respond(holder.displayName, merchant, first ?? use);
  }
  return respond(holder.displayName, merchant, use);
}

/** The flag staff see for a use that looks like someone else's certificate (null when it does not). */
function flagOf(use: DiscountUse): ProxyFlag | null {
  if (!use.flagged) return null;
  return {
    id: `f${use.id}`.slice(0, 64),
    useId: use.id,
    memberId: use.memberId,
    memberName: use.memberName,
    merchantId: use.merchantId,
    reasons: use.flagReasons,
    status: 'open',
    createdAt: use.at,
  };
}

function respond(displayName: string, merchant: MerchantDetail, use: DiscountUse): VerifyPassResponse {
  return {
    valid: true,
    holder: { displayName },
    offer: merchant.offer,
    use: { id: use.id, at: use.at, flagged: use.flagged },
  };
}

async function holderStillEntitled(
  kind: 'certificate' | 'alliance',
  community: Community,
  memberId: string,
  dependencies: VerificationDependencies,
): Promise<boolean> {
  if (kind === 'certificate') {
    return (await dependencies.certificates.getCertificate(community.id, memberId))?.status === 'active';
  }
  if (!community.rules.allianceStaffDiscount) return false;
  return isAllianceStaff(dependencies.merchants, community.id, memberId);
}

export async function isAllianceStaff(
  merchants: MerchantStore,
  communityId: string,
  memberId: string,
): Promise<boolean> {
  const mine = await merchants.listMyMerchants(communityId, memberId);
  return mine.some((merchant) => ALLIANCE_STATUSES.includes(merchant.status));
}
