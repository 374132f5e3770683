import { contracts, OFFICE_ROLES } from '@linli/shared';
import { renderServiceCertificate } from '../../documents/service-certificate';
import { certificateForReader } from '../../domain/timebank/service-certificates';
import { env } from '../../lib/env';
import { logger } from '../../lib/logger';
import { stores } from '../../wiring';
import { file, httpRoute } from '../route';

/** Where a certificate's QR code leads: the H5 app's public check page for its serial number. */
export const checkPageUrl = (serialNumber: string) =>
  `${env.publicAppUrl()}/#/pages/certificate-check/index?serial=${encodeURIComponent(serialNumber)}`;

/**
 * GET /v1/service-certificates/{serialNumber}/pdf — the 志愿服务记录证明 as a printable A4 PDF, for
 * its holder or staff of the issuing community (anyone else: 404, as if there were none). Drawn
 * from the contents fixed at issue, with the office's seal as it is now.
 */
export const handler = httpRoute(contracts.getServiceCertificatePdf, async ({ params, userId }) => {
  const store = stores.serviceRecords();
  const certificate = await certificateForReader(
    {
      serialNumber: params.serialNumber,
      userId,
      isStaff: async (communityId) => {
        const member = await stores.communities().getMember(communityId, userId);
        return Boolean(member?.roles.some((role) => OFFICE_ROLES.includes(role)));
      },
    },
    store,
  );
  const seal = await store.getSeal(certificate.communityId);
  const document = {
    serialNumber: certificate.serialNumber,
    holderName: certificate.holderName,
    maskedIdNumber: certificate.idNumberMasked ?? null,
    volunteerNumber: certificate.memberId,
    period: { from: certificate.from, to: certificate.to },
    totalMinutes: certificate.totalMinutes,
    services: certificate.services,
    issuer: certificate.issuer,
    responsiblePerson: certificate.responsiblePerson,
    handler: certificate.handler,
    issuedAt: certificate.issuedAt,
    checkUrl: checkPageUrl(certificate.serialNumber),
  };
  let pdf: Uint8Array;
  try {
    pdf = await renderServiceCertificate({ ...document, seal: seal ? Buffer.from(seal.base64, 'base64') : null });
  } catch (error) {
    if (!seal) throw error;
    // A seal the writer cannot read (uploads are checked; older ones were not) never costs the holder
    // their certificate: it is drawn without the seal, and the office is told in the log.
    logger.warn('certificate seal unreadable: drawn without it', { communityId: certificate.communityId });
    pdf = await renderServiceCertificate({ ...document, seal: null });
  }
  return file(
    pdf,
    'application/pdf',
    `linli-certificate-${certificate.serialNumber}.pdf`,
    `志愿服务记录证明-${certificate.serialNumber}.pdf`,
  );
});
