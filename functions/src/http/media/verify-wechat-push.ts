import { contracts } from '@linli/shared';
import { AppError } from '../../lib/errors';
import { httpRoute, text } from '../route';
import { verifyPushSignature } from './wechat-push';

/** GET /v1/wechat/messages — WeChat's check of the push URL: the `echostr`, once the signature holds. */
export const handler = httpRoute(contracts.verifyWechatPush, async ({ query }) => {
  await verifyPushSignature(query);
  if (!query.echostr) throw new AppError('request.validation_failed', 'echostr is missing');
  return text(query.echostr);
});
