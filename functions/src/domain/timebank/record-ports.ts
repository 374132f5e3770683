import type { CertificateRegisterEntry, Page, RecordRequest, ServiceCertificate } from '@linli/shared';
import type { Effects } from '../effects';

/** Members' requests to the office about their service record: corrections and certificates. */
export interface RecordRequestStore {
  /**
   * Writes a new open request with `effects`, and counts it among the member's open ones in the same
   * transaction while fewer than `maxOpen` are: `too_many` otherwise, and nothing is written.
   */
  createRequest(request: RecordRequest, effects: Effects, maxOpen: number): Promise<'created' | 'too_many'>;
  getRequest(communityId: string, requestId: string): Promise<RecordRequest | null>;
  /** The queue in one status, oldest first. */
  listRequests(
    communityId: string,
    status: RecordRequest['status'],
    cursor: string | undefined,
  ): Promise<Page<RecordRequest>>;
  /** The member's requests, newest first (the last 100). */
  listMemberRequests(communityId: string, memberId: string): Promise<RecordRequest[]>;
  /** Saves the decided request while it is still open (and counts it off the open ones), with `effects`; false when it no longer was. */
  decideRequest(decided: RecordRequest, effects: Effects): Promise<boolean>;
}

/** The office's seal image, as uploaded. */
export interface SealImage {
  contentType: 'image/png' | 'image/jpeg';
  base64: string;
  updatedAt: string;
  updatedBy: string;
}

/** 志愿服务记录证明 as issued (contents fixed at issue), the register, and the office's seal. */
export interface ServiceCertificateStore {
  /**
   * Writes a new certificate numbered with the next of its community's yearly sequence (`serialFor`
   * makes the serial of a number), the number taken in the same transaction as the certificate, so the
   * register has no gaps; with `answers` (the member's request, decided) only while that request is
   * still open: `request_decided` otherwise, and nothing is written.
   */
  issueCertificate(
    draft: Omit<ServiceCertificate, 'serialNumber'>,
    serialFor: (sequence: number) => string,
    effectsFor: (certificate: ServiceCertificate) => Effects,
    answers?: (certificate: ServiceCertificate) => RecordRequest,
  ): Promise<ServiceCertificate | 'request_decided'>;
  getCertificate(serialNumber: string): Promise<ServiceCertificate | null>;
  /** The register, newest first. */
  listCertificates(communityId: string, cursor: string | undefined): Promise<Page<CertificateRegisterEntry>>;
  /** The member's certificates, newest first (the last 100). */
  listMemberCertificates(communityId: string, memberId: string): Promise<CertificateRegisterEntry[]>;
  /** Marks it revoked while it is not, with `effects`; null when it already was. */
  revokeCertificate(
    certificate: ServiceCertificate,
    revocation: { revokedAt: string; revokedBy: string; revocationReason: string },
    effects: Effects,
  ): Promise<ServiceCertificate | null>;
  putSeal(communityId: string, seal: SealImage, effects: Effects): Promise<void>;
  getSeal(communityId: string): Promise<SealImage | null>;
}
