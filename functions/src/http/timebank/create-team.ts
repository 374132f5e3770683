import { screenStrictly } from '../../domain/office/content-screening';
import { contracts } from '@linli/shared';
import { requireStaff } from '../../domain/identity/authorization';
import { createTeam } from '../../domain/timebank/teams';
import { gateways, stores } from '../../wiring';
import { created, httpRoute } from '../route';

/** POST /v1/communities/{cid}/teams — staff: a volunteer team, its leaders its first members. */
export const handler = httpRoute(contracts.createTeam, async ({ params, body, userId }) => {
  await requireStaff(stores.communities(), params.cid, userId);
  // Text others will read: WeChat's content check (risky → 422 content.rejected); staff are the reviewers themselves.
  await screenStrictly(gateways.textChecker(), {
    userId,
    scene: 'forum',
    texts: [body.name, body.description],
    officeAuthor: true,
  });
  return created(
    await createTeam(
      { communityId: params.cid, actorId: userId, request: body },
      { teams: stores.teams(), communities: stores.communities() },
    ),
  );
});
