import { contracts } from '@linli/shared';
import { listConsents } from '../../domain/identity/consents';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/me/consents — the caller's consents (newest first) and the current versions: the app asks again when they differ. */
export const handler = httpRoute(contracts.listMyConsents, async ({ userId }) =>
  ok(await listConsents(stores.consents(), userId)),
);
