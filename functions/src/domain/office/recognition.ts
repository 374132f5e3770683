import {
  notificationText,
  OFFICE_MESSAGES,
  type Community,
  type Recognition,
  type RecognitionPage,
  type RecognizeRequest,
} from '@linli/shared';
import { AppError } from '../../lib/errors';
import type { Effects } from '../effects';
import { refuseOwnInterest } from '../identity/conflicts';
import type { CommunityStore } from '../identity/ports';
import { rankTop } from '../market/ranking';
import type { TeamStore } from '../timebank/ports';
import { teamRecognitions, yearToMonth } from '../timebank/team-figures';
import type { OfficeStore } from './ports';

/** How many places the candidate list shows (more when a tie straddles the last place). */
export const CANDIDATE_PLACES = 20;

/**
 * The month's volunteers by minutes served (from the per-member month items), in standard
 * competition ranking (equal minutes share a rank; everyone ranked within the top 20 is listed,
 * so a tie at the last place is never split — `rankTop`), who was recognised, and the volunteer
 * teams with their minutes in the month and in its year up to it.
 */
export async function getRecognition(
  input: { communityId: string; month: string },
  dependencies: { office: OfficeStore; communities: CommunityStore; teams: TeamStore },
): Promise<RecognitionPage> {
  const [earners, recognized, teams, teamStats] = await Promise.all([
    dependencies.office.earners(input.communityId, input.month),
    dependencies.office.listRecognitions(input.communityId, input.month),
    dependencies.teams.listTeams(input.communityId),
    dependencies.teams.teamStats(input.communityId, yearToMonth(input.month)),
  ]);
  const top = rankTop(
    earners.filter((earner) => earner.volunteerMinutes > 0),
    {
      score: (earner) => earner.volunteerMinutes,
      limit: CANDIDATE_PLACES,
      tieOrder: (left, right) => right.earnedPoints - left.earnedPoints || left.memberId.localeCompare(right.memberId),
    },
  );
  const members = await Promise.all(
    top.map((earner) => dependencies.communities.getMember(input.communityId, earner.memberId)),
  );
  return {
    month: input.month,
    candidates: top.map((earner, index) => ({
      rank: earner.rank,
      memberId: earner.memberId,
      displayName: members[index]?.displayName ?? '—',
      volunteerMinutes: earner.volunteerMinutes,
      pointsEarned: earner.earnedPoints,
    })),
    recognized: recognized.sort((a, b) => b.volunteerMinutes - a.volunteerMinutes),
    teams: teamRecognitions(teams, teamStats, input.month),
  };
}

/**
 * Staff recognise the month's outstanding volunteers: each gets a notification; all audited.
 * Nobody puts themselves, or a child they added as guardian, on the honour roll (403
 * `auth.conflict_of_interest`).
 */
export async function recognize(
  input: { community: Community; actorId: string; request: RecognizeRequest; now?: Date },
  dependencies: { office: OfficeStore; communities: CommunityStore },
): Promise<{ items: Recognition[] }> {
  const { community, request } = input;
  const at = (input.now ?? new Date()).toISOString();
  const memberIds = [...new Set(request.memberIds)];
  refuseOwnInterest(input.actorId, memberIds, 'Another staff member must recognise you');
  const recognitions: Recognition[] = [];
  const effects: Effects[] = [];
  for (const memberId of memberIds) {
    const [member, earned] = await Promise.all([
      dependencies.communities.getMember(community.id, memberId),
      dependencies.office.getEarned(community.id, memberId, request.month),
    ]);
    refuseOwnInterest(input.actorId, [member?.guardianId], 'Another staff member must recognise your child');
    if (!member || !earned || earned.volunteerMinutes === 0) {
      throw new AppError(
        'recognition.not_a_volunteer',
        `${member?.displayName ?? memberId} did not volunteer that month`,
        {
          memberId,
        },
      );
    }
    const recognition: Recognition = {
      month: request.month,
      memberId,
      displayName: member.displayName,
      citation: request.citation,
      volunteerMinutes: earned.volunteerMinutes,
      recognizedBy: input.actorId,
      recognizedAt: at,
    };
    recognitions.push(recognition);
    effects.push({
      audit: {
        communityId: community.id,
        action: 'recognition.award',
        objectType: 'member',
        objectId: memberId,
        after: recognition,
      },
      notify: [
        {
          userId: memberId,
          communityId: community.id,
          kind: 'recognized',
          // The citation is the staff's own words: only the frame around it is translated.
          ...notificationText(OFFICE_MESSAGES, {
            key: 'recognition.awarded',
            values: { month: request.month, citation: request.citation },
          }),
          objectType: 'recognition',
          objectId: `${request.month}#${memberId}`,
        },
      ],
    });
  }
  await dependencies.office.putRecognitions(community.id, recognitions, effects);
  return { items: recognitions };
}
