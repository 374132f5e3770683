import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { issuePass } from '../../domain/timebank/certificates';
import { stores } from '../../lib/dependencies';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../../lib/http';

/** GET /v1/communities/{cid}/me/certificate/pass — a certified member's live pass (≤ 60 s). */
export const handler = httpRoute(contracts.getCertificatePass, { auth: 'user' }, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  return ok(
    await issuePass(
      { communityId: params.cid, memberId: userId, displayName: member.displayName, secret: await env.jwtSecret() },
      stores.certificates(),
    ),
  );
});
