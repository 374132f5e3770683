import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { issueServiceCertificate } from '../../domain/timebank/service-certificates';
import { notFound } from '../../lib/errors';
import { stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/service-certificates — staff issue a 志愿服务记录证明 (201 with its serial number). */
export const handler = httpRoute(contracts.issueServiceCertificate, async ({ params, body, userId }) => {
  const issuer = await requireStaff(stores.communities(), params.cid, userId);
  const [community, holder] = await Promise.all([
    getCommunityOrThrow(stores.communities(), params.cid),
    stores.communities().getMember(params.cid, body.memberId),
  ]);
  if (!holder) throw notFound('member');
  const store = stores.serviceRecords();
  const certificate = await issueServiceCertificate(
    { community, holder, issuer, body, now: new Date() },
    { lookups: store, certificates: store, requests: store, profiles: stores.volunteerProfiles() },
  );
  return created({
    serialNumber: certificate.serialNumber,
    totalMinutes: certificate.totalMinutes,
    issuedAt: certificate.issuedAt,
  });
});
