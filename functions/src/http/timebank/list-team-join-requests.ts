import { contracts } from '@linli/shared';
import { requireTeamManager } from '../../domain/timebank/teams';
import { stores } from '../../wiring';
import { alongside, httpRoute, ok } from '../route';

/** GET /v1/communities/{cid}/teams/{tid}/join-requests — staff or the team's leader: requests waiting. */
export const handler = httpRoute(contracts.listTeamJoinRequests, async ({ params, userId }) => {
  const teams = stores.teams();
  const [, items] = await alongside(
    requireTeamManager(
      { teams, communities: stores.communities() },
      { communityId: params.cid, teamId: params.tid, userId },
    ),
    teams.listPendingRequests(params.cid, params.tid),
  );
  return ok({ items });
});
