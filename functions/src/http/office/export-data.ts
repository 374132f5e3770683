import { contracts, type Claim } from '@linli/shared';
import { getCommunityOrThrow } from '../../domain/identity/communities';
import { recordEntries } from '../../domain/timebank/service-record';
import { exportDataset } from '../../domain/office/exports/exports';
import { requireStaff } from '../../domain/identity/authorization';
import { roster } from '../../domain/timebank/roster';
import { insuredPeople } from '../../domain/timebank/volunteer-profile';
import { gateways, stores } from '../../wiring';
import { file, httpRoute } from '../route';

/** The record entries of approved claims, with each volunteer's real name and ID number (full for an admin). */
async function serviceRecordRows(communityId: string, claims: Claim[], revealIdNumbers: boolean) {
  const community = await getCommunityOrThrow(stores.communities(), communityId);
  const entries = await recordEntries(community, claims, stores.serviceRecords());
  const people = await insuredPeople(
    {
      communityId,
      entries: [...new Set(claims.map((claim) => claim.memberId))].map((memberId) => ({ memberId })),
      revealIdNumbers,
    },
    {
      profileOf: (cid, memberId) => stores.volunteerProfiles().getProfile(cid, memberId),
      sealer: gateways.sealer(),
      claimMinutes: async () => undefined,
    },
  );
  return entries.map((entry, index) => {
    const claim = claims[index]!;
    const person = people.get(claim.memberId);
    return { entry, memberId: claim.memberId, displayName: claim.memberName, ...(person ? { person } : {}) };
  });
}

/**
 * GET /v1/communities/{cid}/exports/{dataset}?from&to&format — office staff: one dataset as CSV or
 * XLSX. The `signups` roster of an activity that needs insurance carries the insurer's fields (the ID
 * number in full only for an admin).
 */
export const handler = httpRoute(contracts.exportData, async (request) => {
  const { params, query, userId } = request;
  const caller = await requireStaff(stores.communities(), params.cid, userId);
  const rosterOf = async (communityId: string, activityId: string) => {
    const reply = await roster(
      { communityId, activityId },
      {
        activities: stores.activities(),
        signups: stores.signups(),
        attendances: stores.attendances(),
        membersById: (ids) => stores.communities().getMembers(communityId, ids),
      },
    );
    if (!reply.activity.requirements?.insurance) return reply;
    const insured = await insuredPeople(
      {
        communityId,
        // Only those going are insured: the cancelled and the waitlisted are not the insurer's business.
        entries: reply.items.filter((entry) => entry.status === 'confirmed' || entry.status === 'walk_in'),
        revealIdNumbers: caller.roles.includes('admin'),
      },
      {
        profileOf: (cid, memberId) => stores.volunteerProfiles().getProfile(cid, memberId),
        sealer: gateways.sealer(),
        claimMinutes: async (claimId) => (await stores.claims().getClaim(communityId, claimId))?.minutes,
      },
    );
    return { ...reply, insured };
  };
  const exported = await exportDataset(
    { communityId: params.cid, dataset: params.dataset, query },
    stores.exports(),
    rosterOf,
    (claims) => serviceRecordRows(params.cid, claims, caller.roles.includes('admin')),
  );
  return file(exported.body, exported.contentType, exported.fileName, exported.displayName);
});
