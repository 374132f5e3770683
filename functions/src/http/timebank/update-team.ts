import { screenStrictly } from '../../domain/office/content-screening';
import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { updateTeam } from '../../domain/timebank/teams';
import { gateways, stores } from '../../wiring';
import { httpRoute, ok } from '../route';

/** PATCH /v1/communities/{cid}/teams/{tid} — staff: rename, describe, name the leaders. */
export const handler = httpRoute(contracts.updateTeam, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  // Text others will read: WeChat's content check (risky → 422 content.rejected); staff are the reviewers themselves.
  await screenStrictly(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.name, body.description],
    officeAuthor: true,
  });
  return ok(
    await updateTeam(
      { communityId: params.cid, teamId: params.tid, actorId: userId, patch: body },
      { teams: stores.teams(), communities: stores.communities() },
    ),
  );
});
