import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { recordIdNumberConsent } from '../../domain/identity/consents';
import { saveVolunteerProfile } from '../../domain/timebank/volunteer-profile';
import { gateways, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PUT /v1/communities/{cid}/me/volunteer-profile — the caller's own; the ID number sealed at rest. */
export const handler = httpRoute(contracts.putVolunteerProfile, async ({ params, body, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  // The ID number has its own consent (ticked beside it in the app): recorded with the save.
  if (body.idNumber) await recordIdNumberConsent(stores.consents(), member.userId, new Date().toISOString());
  const profile = await saveVolunteerProfile(
    { communityId: params.cid, userId: member.userId, request: body },
    { profiles: stores.volunteerProfiles(), sealer: gateways.sealer() },
  );
  return ok({ profile });
});
