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

/**
 * The donor chose, with a donation or a pledge, to be named on the public fund page: that choice is
 * their `donor_name_public` consent (its current version, now), recorded before the order exists.
 * Nothing when they did not choose it.
 */
export async function recordDonorNameChoice(
  store: ConsentStore,
  userId: string,
  publishName: boolean | undefined,
  now: string,
): Promise<void> {
  if (publishName !== true) return;
  const kind = 'donor_name_public';
  await acceptConsent(store, userId, { kind, version: CURRENT_CONSENT_VERSIONS[kind] }, now);
}

/** True while `userId` has an acceptance of `kind` (any version) that is not withdrawn. */
export async function consentStands(store: ConsentStore, userId: string, kind: ConsentKind): Promise<boolean> {
  return (await store.listConsents(userId)).some((item) => item.kind === kind && !item.withdrawnAt);
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
 * What the consent allowed then stops (`consequences`): `donor_name_public` → the person's name is
 * taken off every public fund entry (they show as 匿名; the entries and the chain stay); `id_number` →
 * the ID number is deleted from every volunteer profile (certificates already issued keep theirs). These run on
 * every withdrawal, so a call that failed half-way is finished by calling again.
 *
 * @throws AppError `consent.not_found` (404) when the caller never accepted `kind`.
 */
export async function withdrawConsent(
  store: ConsentStore,
  userId: string,
  kind: ConsentKind,
  now: string,
  consequences?: ConsentConsequences,
): Promise<{ items: Consent[] }> {
  const ofKind = (await store.listConsents(userId)).filter((item) => item.kind === kind);
  if (ofKind.length === 0) throw notFound('consent');
  const items = await Promise.all(
    ofKind.map((item) => (item.withdrawnAt ? item : store.withdrawConsent(userId, item, now))),
  );
  if (kind === 'donor_name_public') await consequences?.hideDonorNames(userId);
  if (kind === 'id_number') await consequences?.eraseIdNumbers(userId);
  return { items: newestFirst(items) };
}

/** What stops when a consent is withdrawn. */
export interface ConsentConsequences {
  /** Takes the person's name off every public fund entry (FundStore.hideDonorNames). */
  hideDonorNames(userId: string): Promise<number>;
  /** Deletes the person's ID number from their volunteer profile in every community. */
  eraseIdNumbers(userId: string): Promise<number>;
}

/**
 * The person gave their ID number after the app showed the `id_number` consent beside the field and
 * they ticked it: the save is that consent, recorded (current version, now) before the number is kept.
 */
export async function recordIdNumberConsent(store: ConsentStore, userId: string, now: string): Promise<void> {
  await acceptConsent(store, userId, { kind: 'id_number', version: CURRENT_CONSENT_VERSIONS.id_number }, now);
}
