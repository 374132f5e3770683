import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CHECKIN_QR_PREFIX } from '@linli/shared';

/**
 * The rotating check-in QR and the 6-digit code: an HMAC over the activity id and
 * the current 30-second step, with a secret that belongs to the activity and never
 * leaves the server. A token from the current or the previous step is accepted;
 * anything older (a screenshot passed around) is not.
 */
export const CHECKIN_STEP_SECONDS = 30;

export const newCheckinSecret = () => randomBytes(32).toString('base64url');

export const stepAt = (epochMilliseconds: number) => Math.floor(epochMilliseconds / 1000 / CHECKIN_STEP_SECONDS);

const hmac = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest();

function qrSignature(secret: string, activityId: string, step: number): string {
  return hmac(secret, `qr:${activityId}:${step}`).subarray(0, 16).toString('base64url');
}

function sixDigitCode(secret: string, step: number): string {
  return String(hmac(secret, `code:${step}`).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function currentCheckinCode(secret: string, activityId: string, nowMilliseconds: number) {
  const step = stepAt(nowMilliseconds);
  return {
    qr: `${CHECKIN_QR_PREFIX}:${activityId}:${step}:${qrSignature(secret, activityId, step)}`,
    code: sixDigitCode(secret, step),
    expiresAt: new Date((step + 1) * CHECKIN_STEP_SECONDS * 1000).toISOString(),
    stepSeconds: CHECKIN_STEP_SECONDS,
  };
}

const sameText = (left: string, right: string) =>
  left.length === right.length && timingSafeEqual(Buffer.from(left), Buffer.from(right));

const acceptedSteps = (nowMilliseconds: number) => [stepAt(nowMilliseconds), stepAt(nowMilliseconds) - 1];

export function verifyCheckinToken(
  secret: string,
  activityId: string,
  token: string,
  nowMilliseconds: number,
): boolean {
  const parts = token.split(':');
  if (parts.length !== 4 || parts[0] !== CHECKIN_QR_PREFIX || parts[1] !== activityId) return false;
  const step = Number(parts[2]);
  if (!Number.isSafeInteger(step) || !acceptedSteps(nowMilliseconds).includes(step)) return false;
  return sameText(parts[3] ?? '', qrSignature(secret, activityId, step));
}

export function verifyCheckinCode(secret: string, code: string, nowMilliseconds: number): boolean {
  return acceptedSteps(nowMilliseconds).some((step) => sameText(code, sixDigitCode(secret, step)));
}
