import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { contracts, hasCurrentConsent, PRIVACY_GUIDE_VERSION } from '@linli/shared';
import { request } from '../api';
import { sessionToken } from './session';

/**
 * The user's agreement to the privacy guide, on both sides:
 * - WeChat's (weapp): `Taro.onNeedPrivacyAuthorization` fires when a privacy API needs the user's
 *   agreement; the prompt shows, and its agree button (`open-type="agreePrivacyAuthorization"`) lets the
 *   pending API go on (`resolve({event:'agree', buttonId})`), its decline fails it (`resolve({event:'disagree'})`).
 *   Source: 《小程序隐私协议开发指南》 and wx.onNeedPrivacyAuthorization
 *   (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
 * - Linli's own record (both builds): after login the app posts the acceptance of
 *   {@link PRIVACY_GUIDE_VERSION}; once per session it reads `GET /v1/me/consents`, and when the current
 *   version is not accepted (a newer guide, or withdrawn) it shows the same prompt (PIPL Art. 14: consent
 *   to the text shown).
 */

/** The agree button's id: WeChat checks that the button named in `resolve` was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

type WechatResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** Why the prompt is open: a WeChat privacy API waits, or Linli's record lacks the current version. */
export type PromptReason = 'wechat' | 'server';

let reason: PromptReason | null = null;
let pendingWechat: WechatResolve | undefined;
/** The token whose consent is known current (or being recorded): no check for it again this session. */
let checkedToken: string | null = null;
const listeners = new Set<() => void>();

const publish = (next: PromptReason | null) => {
  reason = next;
  listeners.forEach((listener) => listener());
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => reason;

/** The prompt's state for a component: null when closed. */
export function usePrivacyPrompt(): PromptReason | null {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * Once, at app start (app.tsx), on weapp only: WeChat calls the listener when a privacy API needs the
 * user's agreement; the prompt opens and WeChat is told it is shown (`exposureAuthorization`).
 * Basic library 2.32.3 and later; older ones have no such API and no privacy check.
 */
export function registerPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pendingWechat = resolve as WechatResolve;
    pendingWechat({ event: 'exposureAuthorization' });
    publish('wechat');
  });
}

/**
 * Posts the acceptance of the current guide for the logged-in user (201, idempotent). Errors are
 * swallowed: the next check asks again.
 */
export async function recordPrivacyConsent(): Promise<void> {
  const token = sessionToken.get();
  if (!token) return;
  checkedToken = token;
  try {
    await request(contracts.acceptConsent, { body: { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION } });
  } catch {
    checkedToken = null;
  }
}

/** The user agreed (after the agree button's event on weapp, or its tap on H5). */
export async function agreeToPrivacyGuide(): Promise<void> {
  pendingWechat?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
  pendingWechat = undefined;
  publish(null);
  await recordPrivacyConsent();
}

/** The user declined: the waiting WeChat API fails; Linli asks again next time the app starts. */
export function declinePrivacyGuide(): void {
  pendingWechat?.({ event: 'disagree' });
  pendingWechat = undefined;
  publish(null);
}

/**
 * Once per logged-in token and app session: reads the user's consents and opens the prompt when the
 * current guide is not accepted. Skipped for a token whose acceptance was just recorded (login).
 */
export async function checkPrivacyConsent(): Promise<void> {
  const token = sessionToken.get();
  if (!token || checkedToken === token) return;
  checkedToken = token;
  try {
    const consents = await request(contracts.listMyConsents);
    if (sessionToken.get() === token && !hasCurrentConsent(consents.items, 'privacy_guide')) publish('server');
  } catch {
    checkedToken = null;
  }
}

/** Before a login's token is stored: its consent is about to be recorded, so no check races it. */
export function expectConsentRecording(token: string): void {
  checkedToken = token;
}
