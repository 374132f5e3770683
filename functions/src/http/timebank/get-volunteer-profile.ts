import { contracts } from '@linli/shared';
import { requireMember } from '../../domain/identity/authorization';
import { toVolunteerProfile } from '../../domain/timebank/volunteer-profile';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/me/volunteer-profile — the caller's own, the ID number masked. */
export const handler = httpRoute(contracts.getVolunteerProfile, async ({ params, userId }) => {
  const member = await requireMember(stores.communities(), params.cid, userId);
  const record = await stores.volunteerProfiles().getProfile(params.cid, member.userId);
  return ok({ profile: record ? toVolunteerProfile(record) : null });
});
