import { createHash, timingSafeEqual } from 'node:crypto';
import { contracts, type WechatPushQuery } from '@linli/shared';
import { applyMediaVerdict } from '../../domain/media/images';
import { env } from '../../lib/env';
import { AppError } from '../../lib/errors';
import { logger } from '../../lib/logger';
import { imageReading } from '../../wiring';
import { httpRoute, text } from '../route';

/** A push older (or newer) than this is refused: a captured one cannot be replayed later. */
const FRESH_SECONDS = 300;

/**
 * WeChat's message-push signature (消息推送, 明文模式): SHA-1 of the token, timestamp and nonce,
 * sorted and joined (https://developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html).
 *
 * @throws 401 `wechat.push_rejected` when it does not hold or the timestamp is not fresh
 */
export async function verifyPushSignature(query: WechatPushQuery, now = Date.now()): Promise<void> {
  const expected = createHash('sha1')
    .update([await env.wechatPushToken(), query.timestamp, query.nonce].sort().join(''))
    .digest();
  const given = Buffer.from(query.signature, 'hex');
  const fresh = Math.abs(now / 1000 - Number(query.timestamp)) <= FRESH_SECONDS;
  if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError('wechat.push_rejected', 'The message push signature does not hold');
}

interface MediaCheckEvent {
  Event?: string;
  trace_id?: string;
  errcode?: number;
  result?: { suggest?: string };
}

/**
 * POST /v1/wechat/messages — WeChat's message push (JSON). `wxa_media_check` events carry the image
 * check's verdict; every signed push is answered `success` (other events, repeats and late verdicts
 * change nothing), so WeChat does not send it again.
 */
export const handler = httpRoute(contracts.wechatPush, { idempotent: false }, async ({ event, query }) => {
  await verifyPushSignature(query);
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  let message: MediaCheckEvent;
  try {
    message = JSON.parse(raw) as MediaCheckEvent;
  } catch {
    throw new AppError('request.malformed_json', 'The message push body is not JSON');
  }
  if (message?.Event === 'wxa_media_check' && typeof message.trace_id === 'string') {
    const outcome = await applyMediaVerdict(
      { traceId: message.trace_id, suggest: message.result?.suggest, failed: (message.errcode ?? 0) !== 0 },
      imageReading(),
    );
    logger.info('wechat media check verdict', { traceId: message.trace_id, outcome });
  }
  return text('success');
});
