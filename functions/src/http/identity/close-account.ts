import { contracts } from '@linli/shared';
import { closeAccount } from '../../domain/identity/close-account';
import { env } from '../../lib/env';
import { getDocumentClient } from '../../store/client';
import { DynamoAccountClosureStore } from '../../store/identity/account-closure-store';
import { pledgeStore } from '../../store/fund/pledge-store';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/me/close-account `{confirm:true}` — the caller closes their account (409 while obligations are open). */
export const handler = httpRoute(contracts.closeAccount, async ({ userId }) =>
  ok(
    await closeAccount(
      { userId },
      {
        communities: stores.communities(),
        shop: stores.shop(),
        pledges: pledgeStore(),
        ledger: stores.ledger(),
        fund: stores.fund(),
        proxies: stores.proxies(),
        // Built here, not in `wiring` (which every function bundles): only this route closes accounts.
        closure: new DynamoAccountClosureStore(getDocumentClient(), env.tableName()),
      },
    ),
  ),
);
