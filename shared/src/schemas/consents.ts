import * as z from 'zod/mini';
import { CONSENT_KINDS } from '../consent-rules';

export { CONSENT_KINDS, CONSENT_TEXTS, CURRENT_CONSENT_VERSIONS, hasCurrentConsent } from '../consent-rules';

export const ConsentKind = z.enum(CONSENT_KINDS);
export type ConsentKind = z.infer<typeof ConsentKind>;

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
