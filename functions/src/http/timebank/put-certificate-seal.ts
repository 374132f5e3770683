import { contracts } from '@linli/shared';
import { requireAdmin } from '../../domain/identity/authorization';
import { sealBytes } from '../../domain/timebank/service-certificates';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/service-certificates/seal — admin: the office's seal (PNG/JPEG ≤ 200 KB). */
export const handler = httpRoute(
  contracts.putCertificateSeal,
  { maxBodyBytes: 300 * 1024 },
  async ({ params, body, userId }) => {
    const admin = await requireAdmin(stores.communities(), params.cid, userId);
    const bytes = sealBytes(body);
    const updatedAt = new Date().toISOString();
    await stores.serviceRecords().putSeal(
      params.cid,
      { contentType: body.contentType, base64: body.base64, updatedAt, updatedBy: admin.userId },
      {
        audit: {
          communityId: params.cid,
          action: 'service_certificate.seal',
          objectType: 'certificate_seal',
          objectId: params.cid,
          after: { contentType: body.contentType, bytes: bytes.length },
        },
      },
    );
    return ok({ contentType: body.contentType, bytes: bytes.length, updatedAt });
  },
);
