import { contracts } from '@linli/shared';
import { listMyDistricts } from '../../domain/identity/districts';
import { env } from '../../lib/env';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/me/districts — the districts whose figures the caller may see (none for most people). */
export const handler = httpRoute(contracts.listMyDistricts, async ({ userId }) =>
  ok(
    await listMyDistricts(userId, {
      districts: stores.districts(),
      users: stores.users(),
      operatorOpenids: env.platformOperatorOpenids,
    }),
  ),
);
