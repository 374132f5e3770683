import { PRIVACY_GUIDE_VERSION } from './privacy-guide-summary';
import type { Consent, ConsentKind } from './schemas/consents';

/**
 * The kinds of consent, their current versions and texts, and whether a person holds the current one, as
 * plain values: `schemas/consents.ts` builds its schemas from these and re-exports them. Kept apart from
 * every zod schema so the browsers' first screen (the agreement prompt) loads no zod (issue 21).
 */
/**
 * What a person may consent to, each recorded with its version and time and withdrawable
 * (PIPL Art. 14–15: consent is specific, informed, and may be withdrawn): the privacy guide;
 * `id_number`, separate consent to the ID number, sensitive data (Art. 28–29); `donor_name_public`,
 * the donor's choice to be named on the public fund page (Art. 25: no publishing without it).
 */
export const CONSENT_KINDS = ['privacy_guide', 'id_number', 'donor_name_public'] as const;

/** The version of each kind a person can accept now: anything else is refused (400 `consent.version_unknown`). */
export const CURRENT_CONSENT_VERSIONS: Readonly<Record<ConsentKind, string>> = {
  privacy_guide: PRIVACY_GUIDE_VERSION,
  id_number: '2026-12-01',
  donor_name_public: '2026-12-01',
};

/**
 * What a person agrees to with `id_number` and `donor_name_public` (the privacy guide has its own
 * text): shown beside the choice in the app, zh-CN and English. Change a text → bump its version.
 */
export const CONSENT_TEXTS: Readonly<Record<Exclude<ConsentKind, 'privacy_guide'>, { 'zh-CN': string; en: string }>> = {
  id_number: {
    'zh-CN':
      '我同意社区保存我的身份证号（加密保存，只显示首尾四位），仅用于志愿服务记录证明、志愿者保险和需要实名的活动。我可以随时撤回同意，撤回后身份证号即被删除。',
    en: 'I agree that the community keeps my ID number (encrypted, only the first and last four shown), only for volunteer service certificates, volunteer insurance and activities that need real names. I can withdraw at any time; my ID number is then deleted.',
  },
  donor_name_public: {
    'zh-CN':
      '我同意在社区公益基金的公示中显示我的名字（作为捐赠人）。我可以随时撤回同意，撤回后我的名字会从所有公示中去掉，捐款显示为“匿名”。',
    en: 'I agree that my name is shown as the donor on the community fund’s public page. I can withdraw at any time; my name is then taken off every public entry and my donations show as anonymous.',
  },
};

/**
 * True when `items` hold an acceptance of the current version of `kind` that is not withdrawn: the app
 * asks again otherwise (a newer guide, a withdrawal, or never asked).
 */
export function hasCurrentConsent(
  items: readonly Consent[],
  kind: ConsentKind,
  current = CURRENT_CONSENT_VERSIONS,
): boolean {
  return items.some((item) => item.kind === kind && item.version === current[kind] && !item.withdrawnAt);
}
