import { randomInt } from 'node:crypto';
import {
  dayOf,
  maskPersonName,
  notificationText,
  TIMEBANK_MESSAGES,
  type CertificateCheck,
  type CertificateRegisterEntry,
  type Community,
  type IssueCertificateRequest,
  type RecordRequest,
  type SealUpload,
  type ServiceCertificate,
} from '@linli/shared';
import { AppError, notFound } from '../../lib/errors';
import { isWellFormedImage } from '../../lib/image-check';
import type { MemberRecord } from '../identity/ports';
import type { RecordRequestStore, ServiceCertificateStore } from './record-ports';
import { getServiceRecord, type ServiceRecordDependencies } from './service-record';
import type { VolunteerProfileStore } from './volunteer-profile';

/**
 * 志愿服务记录证明 (志愿服务记录与证明出具办法（试行）, 民政部令第67号, 2020): issued free by the
 * office that kept the record, from the record; it names the holder (name, masked ID number,
 * volunteer number), the hours and the services of the period, the issuing unit, its responsible
 * person and the handler, the date and a serial number; anyone holding it can check it online.
 * Its contents are fixed when issued (a later reversal does not rewrite a certificate: the office
 * revokes it, with a reason, and issues a new one).
 */

const CHECK_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `DEMO-2026-000012-K7Q3`: the community id, the year, the community's sequence of that year
 * (the register's number) and four random characters, so that the public check cannot be walked
 * through by counting.
 */
export function serialNumberOf(communityId: string, year: string, sequence: number): string {
  const check = Array.from({ length: 4 }, () => CHECK_ALPHABET[randomInt(CHECK_ALPHABET.length)]).join('');
  return `${communityId.toUpperCase()}-${year}-${String(sequence).padStart(6, '0')}-${check}`;
}

export interface IssueDependencies extends ServiceRecordDependencies {
  certificates: ServiceCertificateStore;
  requests: RecordRequestStore;
  profiles: Pick<VolunteerProfileStore, 'getProfile'>;
}

function assertIssuable(input: { community: Community; holder: MemberRecord; issuer: MemberRecord }) {
  if (input.holder.userId === input.issuer.userId)
    throw new AppError('auth.conflict_of_interest', 'Another staff member must issue your own certificate');
  if (!input.community.office?.responsiblePerson)
    throw new AppError(
      'service_certificate.office_incomplete',
      "Name the office's responsible person (负责人) in the community settings first: a certificate names them",
    );
}

/** The member's open certificate request this answers (404/409 when it is not one). */
async function answeredRequest(
  requests: RecordRequestStore,
  input: { communityId: string; requestId?: string; memberId: string },
): Promise<RecordRequest | undefined> {
  if (!input.requestId) return undefined;
  const request = await requests.getRequest(input.communityId, input.requestId);
  if (!request || request.kind !== 'certificate' || request.memberId !== input.memberId)
    throw notFound('record_request');
  if (request.status !== 'open')
    throw new AppError('record_request.already_decided', 'This request has already been answered');
  return request;
}

/**
 * Staff issue a certificate for a member and a period (`from`..`to`, China days, inclusive; the whole
 * record by default). 409 `service_certificate.profile_missing` without the holder's real name
 * (志愿者资料), `service_certificate.no_service` when the period holds no service,
 * `service_certificate.office_incomplete` without the office's responsible person; 403
 * `auth.conflict_of_interest` for one's own. With `requestId`, the member's request is accepted in
 * the same write.
 */
export async function issueServiceCertificate(
  input: { community: Community; holder: MemberRecord; issuer: MemberRecord; body: IssueCertificateRequest; now: Date },
  dependencies: IssueDependencies,
): Promise<ServiceCertificate> {
  const { community, holder, issuer, body, now } = input;
  assertIssuable(input);
  const today = dayOf(now);
  const from = body.from ?? '2000-01-01';
  // A certificate speaks of service done: a period reaching past today ends today.
  const to = body.to && body.to < today ? body.to : today;
  if (from > to)
    throw new AppError('service_certificate.period_invalid', '`from` must not be after `to` nor after today');
  const request = await answeredRequest(dependencies.requests, {
    communityId: community.id,
    requestId: body.requestId,
    memberId: holder.userId,
  });
  const profile = await dependencies.profiles.getProfile(community.id, holder.userId);
  if (!profile?.realName)
    throw new AppError(
      'service_certificate.profile_missing',
      'The volunteer has not given their real name (志愿者资料): a certificate must name its holder',
    );
  const record = await getServiceRecord({ community, memberId: holder.userId, from, to }, dependencies);
  if (record.items.length === 0)
    throw new AppError('service_certificate.no_service', 'There is no recorded service in this period');
  const year = today.slice(0, 4);
  const draft: Omit<ServiceCertificate, 'serialNumber'> = {
    communityId: community.id,
    memberId: holder.userId,
    holderName: profile.realName,
    ...(profile.idNumberMasked ? { idNumberMasked: profile.idNumberMasked } : {}),
    // Without a `from`, the period starts at the first service on the record.
    from: body.from ?? record.items.at(-1)!.date,
    to,
    totalMinutes: record.totalMinutes,
    services: record.items,
    issuer: community.name,
    responsiblePerson: community.office!.responsiblePerson!,
    handler: issuer.displayName,
    handlerId: issuer.userId,
    issuedAt: now.toISOString(),
  };
  const answers =
    request &&
    ((certificate: ServiceCertificate): RecordRequest => ({
      ...request,
      status: 'accepted',
      reason: `已出具证明 ${certificate.serialNumber}`,
      serialNumber: certificate.serialNumber,
      decidedBy: issuer.userId,
      decidedAt: certificate.issuedAt,
    }));
  const issued = await dependencies.certificates.issueCertificate(
    draft,
    (sequence) => serialNumberOf(community.id, year, sequence),
    (certificate) => issuedEffects(certificate, request?.id),
    answers,
  );
  if (issued === 'request_decided')
    throw new AppError('record_request.already_decided', 'This request has already been answered');
  return issued;
}

function issuedEffects(certificate: ServiceCertificate, requestId: string | undefined) {
  const notice = {
    userId: certificate.memberId,
    communityId: certificate.communityId,
    kind: 'service_record' as const,
    ...notificationText(TIMEBANK_MESSAGES, {
      key: 'service_certificate.issued',
      values: { serialNumber: certificate.serialNumber, hours: certificate.totalMinutes / 60 },
    }),
    objectType: 'service_certificate',
    objectId: certificate.serialNumber,
  };
  return {
    audit: {
      communityId: certificate.communityId,
      action: 'service_certificate.issue' as const,
      objectType: 'service_certificate',
      objectId: certificate.serialNumber,
      after: {
        memberId: certificate.memberId,
        from: certificate.from,
        to: certificate.to,
        totalMinutes: certificate.totalMinutes,
        ...(requestId ? { requestId } : {}),
      },
    },
    // An answered request is settled by this write: the certificate's entry and notice say so.
    notify: [notice],
  };
}

/** The register's view: the certificate without its list of services. */
export function registerEntry(certificate: ServiceCertificate): CertificateRegisterEntry {
  const { services: _services, ...entry } = certificate;
  return entry;
}

/** What the public check page may show: valid or not, masked name, hours, issuer, date — nothing more. */
export function publicCheck(certificate: ServiceCertificate): CertificateCheck {
  return {
    serialNumber: certificate.serialNumber,
    valid: !certificate.revokedAt,
    holderName: maskPersonName(certificate.holderName),
    totalMinutes: certificate.totalMinutes,
    issuer: certificate.issuer,
    issuedAt: certificate.issuedAt,
    ...(certificate.revokedAt
      ? { revoked: { at: certificate.revokedAt, reason: certificate.revocationReason ?? '' } }
      : {}),
  };
}

/**
 * Staff of the issuing community revoke a certificate with a reason; the check page then says it
 * is not valid. 404 (another community's serial too), 409 `service_certificate.revoked`.
 */
export async function revokeServiceCertificate(
  input: { communityId: string; serialNumber: string; reason: string; actorId: string; now: Date },
  certificates: ServiceCertificateStore,
): Promise<ServiceCertificate> {
  const certificate = await certificates.getCertificate(input.serialNumber);
  if (!certificate || certificate.communityId !== input.communityId) throw notFound('service_certificate');
  if (certificate.revokedAt) throw revokedAlready();
  const revocation = { revokedAt: input.now.toISOString(), revokedBy: input.actorId, revocationReason: input.reason };
  const revoked = await certificates.revokeCertificate(certificate, revocation, {
    audit: {
      communityId: certificate.communityId,
      action: 'service_certificate.revoke',
      objectType: 'service_certificate',
      objectId: certificate.serialNumber,
      before: { valid: true },
      after: { valid: false, reason: input.reason },
    },
    notify: [
      {
        userId: certificate.memberId,
        communityId: certificate.communityId,
        kind: 'service_record',
        ...notificationText(TIMEBANK_MESSAGES, {
          key: 'service_certificate.revoked',
          values: { serialNumber: certificate.serialNumber, reason: input.reason },
        }),
        objectType: 'service_certificate',
        objectId: certificate.serialNumber,
      },
    ],
  });
  if (!revoked) throw revokedAlready();
  return revoked;
}

const revokedAlready = () => new AppError('service_certificate.revoked', 'This certificate has already been revoked');

/**
 * Who may fetch a certificate's PDF: its holder, or staff of the issuing community (`isStaff`
 * answers for that community). Anyone else: 403 (that a serial exists is public; its contents are not).
 */
export async function certificateForReader(
  input: { serialNumber: string; userId: string; isStaff: (communityId: string) => Promise<boolean> },
  certificates: Pick<ServiceCertificateStore, 'getCertificate'>,
): Promise<ServiceCertificate> {
  const certificate = await certificates.getCertificate(input.serialNumber);
  if (!certificate) throw notFound('service_certificate');
  if (certificate.memberId === input.userId || (await input.isStaff(certificate.communityId))) return certificate;
  throw new AppError('auth.forbidden', 'Only its holder and the office that issued it may open this certificate');
}

/**
 * The seal image's bytes, checked to be a whole image of its content type (its structure, as the PDF
 * writer reads it, not only its first bytes): 400 `service_certificate.seal_invalid` otherwise.
 */
export function sealBytes(upload: SealUpload): Buffer {
  const bytes = Buffer.from(upload.base64, 'base64');
  if (bytes.length > 200 * 1024 || !isWellFormedImage(bytes, upload.contentType))
    throw new AppError(
      'service_certificate.seal_invalid',
      `The seal must be a whole ${upload.contentType} image of at most 200 KB`,
    );
  return bytes;
}
