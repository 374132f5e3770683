import { contracts } from '@linli/shared';
import { loginWithOpenid } from '../../domain/identity/login';
import { tokenIssuer } from '../../lib/auth';
import { gateways, stores } from '../../wiring';
import { env } from '../../lib/env';
import { httpRoute, ok } from '../route';

/** POST /v1/auth/dev-login — the local/dev stage only; every other stage answers 404. */
export const handler = httpRoute(
  contracts.devLogin,
  { idempotent: false, availableWhen: env.isDevStage },
  async ({ body }) =>
    ok(
      await loginWithOpenid(body, {
        users: stores.users(),
        tokens: tokenIssuer,
        checkNickname: gateways.nicknameChecker(),
      }),
    ),
);
