import { contracts } from '@linli/shared';
import { loginWithWechatCode } from '../../domain/identity/login';
import { tokenIssuer } from '../../lib/auth';
import { gateways, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** POST /v1/auth/wechat — exchange a `wx.login` code for a Linli session token. */
export const handler = httpRoute(contracts.wechatLogin, { idempotent: false, rateLimit: 'login' }, async ({ body }) =>
  ok(
    await loginWithWechatCode(body, {
      users: stores.users(),
      tokens: tokenIssuer,
      wechat: gateways.wechatSession(),
      checkNickname: gateways.nicknameChecker(),
    }),
  ),
);
