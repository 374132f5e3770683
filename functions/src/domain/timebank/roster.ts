import type { Attendance, RosterEntry, RosterResponse } from '@linli/shared';
import type { MemberRecord } from '../identity/ports';
import { getActivityOrThrow, toActivity } from './activity-view';
import type { ActivityStore, AttendanceStore, SignupRecord, SignupStore } from './ports';

const MINUTE = 60_000;

/** The waitlist of one position, first come first served (ties by member id). */
export function waitlistOf(signups: readonly SignupRecord[], positionId: string | undefined): SignupRecord[] {
  return signups
    .filter((signup) => signup.status === 'waitlisted' && signup.positionId === positionId)
    .sort((a, b) => a.signedUpAt.localeCompare(b.signedUpAt) || a.memberId.localeCompare(b.memberId));
}

/** Where an attendance leaves its member on the roster. */
function attendanceState(
  attendance: Attendance | undefined,
  status: RosterEntry['status'],
  ended: boolean,
): RosterEntry['attendance'] {
  if (attendance) return attendance.status === 'open' ? 'checked_in' : 'checked_out';
  return ended && status === 'confirmed' ? 'no_show' : 'none';
}

/** Each waitlisted member's place in their position's queue (1 = next). */
function waitlistPlaces(signups: readonly SignupRecord[]): Map<string, number> {
  const places = new Map<string, number>();
  for (const positionId of new Set(signups.map((signup) => signup.positionId))) {
    waitlistOf(signups, positionId).forEach((signup, index) => places.set(signup.memberId, index + 1));
  }
  return places;
}

/**
 * The roster (名单) of an activity: every sign-up (confirmed, waitlisted with their place in the
 * queue, cancelled) with whether they checked in, then the walk-ins (checked in without a
 * sign-up); `no_show` for a confirmed member who never came once the activity and its grace are
 * over. `noShows` of each member (every activity) is for staff; callers check who may see it.
 */
export async function roster(
  input: { communityId: string; activityId: string; now?: Date },
  dependencies: {
    activities: ActivityStore;
    signups: SignupStore;
    attendances: AttendanceStore;
    membersById: (ids: string[]) => Promise<Map<string, MemberRecord>>;
  },
): Promise<RosterResponse> {
  const now = input.now ?? new Date();
  const activity = await getActivityOrThrow(dependencies.activities, input.communityId, input.activityId);
  const [signups, attendances] = await Promise.all([
    dependencies.signups.listSignups(input.communityId, input.activityId),
    dependencies.attendances.listAttendances(input.communityId, input.activityId),
  ]);
  const ended = now.getTime() > Date.parse(activity.endsAt) + activity.graceMinutes * MINUTE;
  const attendanceOf = new Map(attendances.map((attendance) => [attendance.memberId, attendance]));
  const places = waitlistPlaces(signups);
  const signedUp = new Set(signups.map((signup) => signup.memberId));
  const walkIns = attendances.filter((attendance) => !signedUp.has(attendance.memberId));
  const members = await dependencies.membersById([...signedUp, ...walkIns.map((attendance) => attendance.memberId)]);
  const items: RosterEntry[] = [
    ...signups
      .sort((a, b) => a.signedUpAt.localeCompare(b.signedUpAt))
      .map((signup): RosterEntry => {
        const attendance = attendanceOf.get(signup.memberId);
        return {
          memberId: signup.memberId,
          displayName: members.get(signup.memberId)?.displayName ?? signup.displayName,
          ...(signup.positionId ? { positionId: signup.positionId } : {}),
          status: signup.walkIn && signup.status === 'confirmed' ? 'walk_in' : signup.status,
          ...(places.has(signup.memberId) ? { waitlistPosition: places.get(signup.memberId) } : {}),
          attendance: attendanceState(attendance, signup.status, ended),
          signedUpAt: signup.signedUpAt,
          ...(attendance ? { checkedInAt: attendance.checkedInAt } : {}),
          ...(attendance?.claimId ? { claimId: attendance.claimId } : {}),
          noShows: members.get(signup.memberId)?.noShows ?? 0,
        };
      }),
    ...walkIns.map((attendance): RosterEntry => ({
      memberId: attendance.memberId,
      displayName: members.get(attendance.memberId)?.displayName ?? attendance.memberId,
      status: 'walk_in',
      attendance: attendanceState(attendance, 'walk_in', ended),
      checkedInAt: attendance.checkedInAt,
      noShows: members.get(attendance.memberId)?.noShows ?? 0,
    })),
  ];
  return { activity: toActivity(activity), items };
}
