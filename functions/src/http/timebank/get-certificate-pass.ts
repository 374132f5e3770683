import { contracts } from '@linli/shared';
import { isAllianceStaff } from '../../domain/market/verification';
import { communityAndMember } from '../../domain/timebank/context';
import { issuePass } from '../../domain/timebank/certificates';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../route';

/**
 * GET /v1/communities/{cid}/me/certificate/pass — a certified member's live pass (≤ 60 s); also
 * alliance merchants' own staff when the community extends them the discount.
 */
export const handler = httpRoute(contracts.getCertificatePass, async ({ params, userId }) => {
  const { community, member } = await communityAndMember(stores.communities(), params.cid, userId);
  const allianceStaff =
    community.rules.allianceStaffDiscount === true && (await isAllianceStaff(stores.merchants(), params.cid, userId));
  return ok(
    await issuePass(
      {
        communityId: params.cid,
        memberId: userId,
        displayName: member.displayName,
        memberNo: member.memberNo,
        secret: await env.jwtSecret(),
        allianceStaff,
      },
      stores.certificates(),
    ),
  );
});
