import { contracts } from '@linli/shared';
import { withdrawConsent } from '../../domain/identity/consents';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * POST /v1/me/consents/{kind}/withdraw — the caller withdraws that consent (every version standing) and
 * what it allowed stops (a donor's name leaves the public fund page); 404 if never given.
 */
export const handler = httpRoute(contracts.withdrawConsent, async ({ params, userId }) =>
  ok(await withdrawConsent(stores.consents(), userId, params.kind, new Date().toISOString(), stores.fund())),
);
