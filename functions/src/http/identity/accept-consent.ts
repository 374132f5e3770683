import { contracts } from '@linli/shared';
import { acceptConsent } from '../../domain/identity/consents';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/**
 * POST /v1/me/consents {kind, version} — the caller accepted this version (the privacy guide after
 * login, or again when it changed): 201 with the record; the same version again keeps the first
 * time; another version 400 `consent.version_unknown`.
 */
export const handler = httpRoute(contracts.acceptConsent, async ({ body, userId }) =>
  created(await acceptConsent(stores.consents(), userId, body, new Date().toISOString())),
);
