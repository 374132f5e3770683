import * as z from 'zod/mini';
import { PRIVACY_GUIDE_VERSION } from '../privacy-guide';

/**
 * What a person may consent to, each recorded with its version and time and withdrawable
 * (PIPL Art. 14–15: consent is specific, informed, and may be withdrawn). Only the privacy guide
 * today; issue 20 adds `id_number` (sensitive data, Art. 29) and `donor_name_public` (Charity Law).
 */
export const CONSENT_KINDS = ['privacy_guide'] as const;
export const ConsentKind = z.enum(CONSENT_KINDS);
export type ConsentKind = z.infer<typeof ConsentKind>;

/** The version of each kind a person can accept now: anything else is refused (400 `consent.version_unknown`). */
export const CURRENT_CONSENT_VERSIONS: Readonly<Record<ConsentKind, string>> = {
  privacy_guide: PRIVACY_GUIDE_VERSION,
};

/** `POST /v1/me/consents` — the caller accepts `version` of `kind` (e.g. the privacy guide `2026-12-01`). */
export const AcceptConsentRequest = z.strictObject({
  kind: ConsentKind,
  version: z.string().check(z.regex(/^[0-9A-Za-z.-]{1,32}$/, 'must be a version like 2026-12-01')),
});
export type AcceptConsentRequest = z.infer<typeof AcceptConsentRequest>;

export const ConsentPath = z.strictObject({ kind: ConsentKind });

/** One acceptance of one version of one kind; `withdrawnAt` once withdrawn (times ISO-8601 UTC). */
export interface Consent {
  kind: ConsentKind;
  version: string;
  acceptedAt: string;
  withdrawnAt?: string;
}

/** The caller's consents (every version they accepted, newest first) and the versions current now. */
export interface ConsentList {
  items: Consent[];
  current: Record<ConsentKind, string>;
}

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
