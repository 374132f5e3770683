import { CURRENT_CONSENT_VERSIONS, type Consent, type ConsentKind, type ConsentList } from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import type { ConsentStore } from './ports';

/** Newest acceptance first; ties by version, newest first. */
const newestFirst = (items: Consent[]): Consent[] =>
  [...items].sort((a, b) => b.acceptedAt.localeCompare(a.acceptedAt) || b.version.localeCompare(a.version));

/**
 * The caller accepts `version` of `kind` (`POST /v1/me/consents`). Only the current version of each
 * kind (`CURRENT_CONSENT_VERSIONS`, the privacy guide's from `PRIVACY_GUIDE_VERSION`) can be accepted:
 * consent is to a text the person was shown (PIPL Art. 14), and the app shows the current one.
 * Idempotent: the same version again returns the standing record with its first `acceptedAt`.
 *
 * @param now ISO-8601 UTC, the acceptance time recorded.
 * @throws AppError `consent.version_unknown` (400) for any other version.
 */
export async function acceptConsent(
  store: ConsentStore,
  userId: string,
  request: { kind: ConsentKind; version: string },
  now: string,
): Promise<Consent> {
  const current = CURRENT_CONSENT_VERSIONS[request.kind];
  if (request.version !== current) {
    throw new AppError('consent.version_unknown', `The current version of ${request.kind} is ${current}`, {
      current,
    });
  }
  return store.acceptConsent(userId, { kind: request.kind, version: request.version, acceptedAt: now });
}

/** The caller's consents, newest first, and the versions current now (`GET /v1/me/consents`). */
export async function listConsents(store: ConsentStore, userId: string): Promise<ConsentList> {
  return { items: newestFirst(await store.listConsents(userId)), current: { ...CURRENT_CONSENT_VERSIONS } };
}

/**
 * The caller withdraws consent of `kind` (PIPL Art. 15: as easily as it was given; what was done
 * before stays lawful): every version still standing gets `withdrawnAt = now`. Already withdrawn: the
 * records as they are (idempotent).
 *
 * @throws AppError `consent.not_found` (404) when the caller never accepted `kind`.
 */
export async function withdrawConsent(
  store: ConsentStore,
  userId: string,
  kind: ConsentKind,
  now: string,
): Promise<{ items: Consent[] }> {
  const ofKind = (await store.listConsents(userId)).filter((item) => item.kind === kind);
  if (ofKind.length === 0) throw notFound('consent');
  const items = await Promise.all(
    ofKind.map((item) => (item.withdrawnAt ? item : store.withdrawConsent(userId, item, now))),
  );
  return { items: newestFirst(items) };
}
