import { contracts } from '@linli/shared';
import { authenticateClaims, tokenIssuer } from '../../lib/auth';
import { env } from '../../lib/env';
import { baseDocumentClient } from '../../store/client';
import { refuseClosedAccount } from '../../store/identity/closed-accounts';
import { httpRoute, ok } from '../route';

/** POST /v1/auth/refresh — a new token for the same session, signed with the current secret; never for a closed account. */
export const handler = httpRoute(contracts.refreshToken, { idempotent: false }, async ({ headers }) => {
  const claims = await authenticateClaims(headers);
  await refuseClosedAccount(baseDocumentClient(), env.tableName(), claims.sub);
  return ok(await tokenIssuer.refresh(claims));
});
