import { contracts } from '@linli/shared';
import { requireMerchantStaff } from '../../domain/market/merchants';
import { verifyPass } from '../../domain/market/verification';
import { communityAndMember } from '../../domain/timebank/context';
import { stores } from '../../wiring';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/merchants/{mid}/verify-pass — that merchant's staff check a live pass. */
export const handler = httpRoute(
  contracts.verifyPass,
  { rateLimit: 'verifyPass' },
  async ({ params, body, userId }) => {
    const communities = stores.communities();
    const merchants = stores.merchants();
    const { community } = await communityAndMember(communities, params.cid, userId);
    const merchant = await requireMerchantStaff(merchants, params.cid, params.mid, userId);
    return ok(
      await verifyPass(
        { community, merchant, token: body.token, billFen: body.billFen, secret: await env.jwtSecret() },
        { merchants, communities, certificates: stores.certificates(), discounts: merchants },
      ),
    );
  },
);
