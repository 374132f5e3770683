import { contracts } from '@linli/shared';
import { withdrawConsent, type ConsentConsequences } from '../../domain/identity/consents';
import { stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** What a withdrawal stops, in the stores that hold it. */
const consequences = (now: string): ConsentConsequences => ({
  hideDonorNames: (userId) => stores.fund().hideDonorNames(userId),
  eraseIdNumbers: async (userId) => {
    const memberships = await stores.communities().listMembershipsOfUser(userId);
    const profiles = stores.volunteerProfiles();
    const erased = await Promise.all(
      memberships.map((member) => profiles.eraseIdNumber(member.communityId, userId, now)),
    );
    return erased.filter(Boolean).length;
  },
});

/**
 * POST /v1/me/consents/{kind}/withdraw — the caller withdraws that consent (every version standing) and
 * what it allowed stops (a donor's name leaves the public fund page; the ID number is deleted); 404 if never given.
 */
export const handler = httpRoute(contracts.withdrawConsent, async ({ params, userId }) => {
  const now = new Date().toISOString();
  return ok(await withdrawConsent(stores.consents(), userId, params.kind, now, consequences(now)));
});
