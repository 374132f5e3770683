import { contracts } from '@linli/shared';
import { publicCheck } from '../../domain/timebank/service-certificates';
import { notFound } from '../../lib/errors';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/**
 * GET /v1/service-certificates/{serialNumber} — public: the check a school or employer makes from
 * the certificate's QR code. Valid or revoked, the masked name, hours, issuer and date; nothing more.
 */
export const handler = httpRoute(
  contracts.checkServiceCertificate,
  { rateLimit: 'certificateCheck' },
  async ({ params }) => {
    const certificate = await stores.serviceRecords().getCertificate(params.serialNumber);
    if (!certificate) throw notFound('service_certificate');
    return ok(publicCheck(certificate));
  },
);
