import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { refuseOwnInterest } from '../../domain/identity/conflicts';
import { changeCertificateStatus } from '../../domain/timebank/certificates';
import { stores } from '../../wiring';
import { AppError } from '../../lib/errors';
import { httpRoute, ok } from '../route';

/** POST /v1/communities/{cid}/flags/{flagId}/resolve — staff dismiss or confirm (and may revoke); never their own. */
export const handler = httpRoute(contracts.resolveFlag, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  const open = await stores.merchants().getFlag(params.cid, params.flagId);
  refuseOwnInterest(userId, [open?.memberId], 'Another staff member must decide a flag about your own certificate');
  const flag = await stores.merchants().resolveFlag(
    params.cid,
    params.flagId,
    body.outcome,
    { by: userId, at: new Date().toISOString(), reason: body.note },
    {
      audit: {
        communityId: params.cid,
        action: `flag.${body.outcome === 'confirmed' ? 'confirm' : 'dismiss'}`,
        objectType: 'flag',
        objectId: params.flagId,
        after: { status: body.outcome, note: body.note },
      },
    },
  );
  if (!flag) throw new AppError('flag.already_resolved', 'No such open flag');
  if (body.outcome === 'confirmed' && body.revokeCertificate) {
    await changeCertificateStatus(
      {
        communityId: params.cid,
        memberId: flag.memberId,
        actorId: userId,
        to: 'revoked',
        reason: '使用他人证书 (proxy use)',
      },
      stores.certificates(),
    ).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
    });
  }
  return ok({ flag });
});
