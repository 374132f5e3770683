import { contracts } from '@linli/shared';
import { authenticateClaims, tokenIssuer } from '../../lib/auth';
import { httpRoute, ok } from '../route';

/** POST /v1/auth/refresh — a new token for the same session, signed with the current secret. */
export const handler = httpRoute(contracts.refreshToken, { idempotent: false }, async ({ headers }) =>
  ok(await tokenIssuer.refresh(await authenticateClaims(headers))),
);
