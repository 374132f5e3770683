import * as z from 'zod/mini';
import { CommunityId, EntityId, humanText } from './common';
import { Day } from './office';

/**
 * Volunteer service records and their certificates, as the Ministry of Civil Affairs'
 * 志愿服务记录与证明出具办法（试行） (民政部令第67号, 2020) asks: what an entry holds, the
 * volunteer's right to query and correct it, and the 志愿服务记录证明 — free, numbered, checkable.
 */

/** One entry of a volunteer's service record: an approved, unreversed claim and what it was. */
export interface ServiceRecordEntry {
  claimId: string;
  activityId: string;
  activityTitle: string;
  /** The activity's description (服务内容), or its category's label when it has none. */
  content: string;
  /** China-time day the activity took place (its start). */
  date: string;
  place: string;
  minutes: number;
  /** The organising unit: the volunteer team, or the community office. */
  organiser: string;
  /** Who was in charge: the team's leader, or the member who published the activity. */
  personInCharge: string;
  /** Who put it on the record (approved it), and when. */
  recordedBy: string;
  recordedAt: string;
  source: 'checkin' | 'office';
}

/** `GET …/me/service-record` (and staff's view of a member's): every entry, newest first. */
export interface ServiceRecord {
  memberId: string;
  totalMinutes: number;
  items: ServiceRecordEntry[];
}

// ---------------------------------------------------------------- requests to the office

export const RECORD_REQUEST_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type RecordRequestStatus = (typeof RECORD_REQUEST_STATUSES)[number];

/** A real calendar day `2026-02-28` (2026-02-30 matches the pattern but is no day); never throws. */
const RealDay = Day.check(
  z.refine((day) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'must be a real calendar day'),
);

/** `POST …/me/service-record/corrections`: an entry that is wrong (`claimId`) or one that is missing. */
export const CorrectionRequest = z.strictObject({
  claimId: z.optional(EntityId),
  description: humanText(300),
});
export type CorrectionRequest = z.infer<typeof CorrectionRequest>;

/** `POST …/me/service-certificates/requests`: a member asks the office for a certificate (free). */
export const CertificateRequestBody = z.strictObject({ from: z.optional(RealDay), to: z.optional(RealDay) });
export type CertificateRequestBody = z.infer<typeof CertificateRequestBody>;

/** A member's request to the office: a correction of the record, or a certificate. */
export interface RecordRequest {
  id: string;
  communityId: string;
  kind: 'correction' | 'certificate';
  memberId: string;
  memberName: string;
  /** correction: the entry concerned (none: a service missing from the record). */
  claimId?: string;
  activityTitle?: string;
  description?: string;
  /** certificate: the period asked for. */
  from?: string;
  to?: string;
  status: RecordRequestStatus;
  createdAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** Why it was rejected, or what the office did. */
  reason?: string;
  /** certificate: the one issued for it. */
  serialNumber?: string;
}

export const RecordRequestsQuery = z.strictObject({
  status: z.optional(z.enum(RECORD_REQUEST_STATUSES)),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
export type RecordRequestsQuery = z.infer<typeof RecordRequestsQuery>;

export const RecordRequestPath = z.strictObject({ cid: CommunityId, rid: EntityId });

/** Staff decide a request: accepted (what the office did or will do) or rejected (why). */
export const DecideRecordRequestBody = z.strictObject({
  decision: z.enum(['accepted', 'rejected']),
  reason: humanText(200),
});
export type DecideRecordRequestBody = z.infer<typeof DecideRecordRequestBody>;

// ---------------------------------------------------------------- certificates (志愿服务记录证明)

/** `LLSC-2026-000012-K7Q3`: year, the community's sequence, and a random check suffix (no guessing). */
export const SerialNumber = z.string().check(z.regex(/^[A-Z0-9-]{8,64}$/, 'must be a certificate serial number'));

export const IssueCertificateRequest = z.strictObject({
  memberId: EntityId,
  from: z.optional(RealDay),
  to: z.optional(RealDay),
  /** The member's request this answers, if any (it is then marked accepted). */
  requestId: z.optional(EntityId),
});
export type IssueCertificateRequest = z.infer<typeof IssueCertificateRequest>;

export const RevokeCertificateBody = z.strictObject({ reason: humanText(200) });

export const ServiceCertificatePath = z.strictObject({ serialNumber: SerialNumber });
export const CommunityCertificatePath = z.strictObject({ cid: CommunityId, serialNumber: SerialNumber });

/** A 志愿服务记录证明 as issued: its contents are fixed at issue and never change. */
export interface ServiceCertificate {
  serialNumber: string;
  communityId: string;
  memberId: string;
  holderName: string;
  /** `1101**********002X`, or absent when the holder gave none. */
  idNumberMasked?: string;
  from: string;
  to: string;
  totalMinutes: number;
  services: ServiceRecordEntry[];
  issuer: string;
  responsiblePerson: string;
  handler: string;
  handlerId: string;
  issuedAt: string;
  revokedAt?: string;
  revokedBy?: string;
  revocationReason?: string;
}

/** The register: a certificate without its list of services. */
export type CertificateRegisterEntry = Omit<ServiceCertificate, 'services'>;

/** `GET /v1/service-certificates/{serial}` — public: what a school or employer may check, nothing more. */
export interface CertificateCheck {
  serialNumber: string;
  valid: boolean;
  /** `王*明`: the first and last characters. */
  holderName: string;
  totalMinutes: number;
  issuer: string;
  issuedAt: string;
  revoked?: { at: string; reason: string };
}

/** The office's seal (公章) image stamped on certificates: PNG or JPEG, base64, at most 200 KB. */
export const SealUpload = z.strictObject({
  contentType: z.enum(['image/png', 'image/jpeg']),
  base64: z
    .string()
    .check(
      z.maxLength(280_000, 'the seal image must be at most 200 KB'),
      z.regex(/^[A-Za-z0-9+/]+=*$/, 'must be base64'),
    ),
});
export type SealUpload = z.infer<typeof SealUpload>;

/** `王小明` → `王*明`, `李雷` → `李*`: the first character and, for three or more, the last. */
export function maskPersonName(name: string): string {
  const characters = [...name];
  if (characters.length <= 1) return '*';
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters.at(-1)}`;
}
