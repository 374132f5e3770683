import { randomUUID } from 'node:crypto';
import { addDays, contracts, dayOf, weekdayOfDay, type Activity } from '@linli/shared';
import { errorOf, login, send, urlOf } from '../support/api';
import { createMember } from '../support/factories';
import { checkinCode, createActivityNow, minutesFromNow, timebankCommunity } from '../support/timebank';

/**
 * An outsider's attack on the new volunteering features (issue 17): sign-up (报名) with positions
 * and waitlists, weekly series, volunteer teams, and the district dashboard. Each test is what a
 * real user would expect; a test named `FAULT:` fails on the product as built and shows the fault.
 */
type Person = { token: string; userId: string };

const tomorrow = (overrides: Record<string, unknown> = {}) => ({
  startsAt: minutesFromNow(24 * 60),
  endsAt: minutesFromNow(26 * 60),
  ...overrides,
});

async function people(cid: string, count: number, prefix = 'atk'): Promise<Person[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => createMember(cid, ['resident'], `${prefix}${index}`)));
}

const signUp = (cid: string, aid: string, person: Person, positionId?: string, headers?: Record<string, string>) =>
  send(contracts.signUp, {
    params: { cid, aid },
    token: person.token,
    body: positionId ? { positionId } : {},
    ...(headers ? { headers } : {}),
  });

const cancel = (cid: string, aid: string, person: Person, headers?: Record<string, string>) =>
  send(contracts.cancelSignup, { params: { cid, aid }, token: person.token, ...(headers ? { headers } : {}) });

async function activityNow(cid: string, aid: string, token: string): Promise<Activity> {
  return (await send(contracts.getActivity, { params: { cid, aid }, token })).body;
}

async function rosterOf(cid: string, aid: string, token: string) {
  const reply = await send(contracts.listSignups, { params: { cid, aid }, token });
  if (reply.status !== 200) throw new Error(`roster → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.items;
}

/** The activity's counters agree with its sign-up items, and nobody is confirmed past capacity. */
async function expectConsistent(cid: string, aid: string, staff: Person, capacity: number) {
  const [activity, items] = await Promise.all([activityNow(cid, aid, staff.token), rosterOf(cid, aid, staff.token)]);
  const confirmed = items.filter((entry) => entry.status === 'confirmed').length;
  const waitlisted = items.filter((entry) => entry.status === 'waitlisted').length;
  expect(activity.signups).toEqual({ confirmed, waitlisted });
  expect(confirmed).toBeLessThanOrEqual(capacity);
  // Nobody waits while a place is free.
  if (waitlisted > 0) expect(confirmed).toBe(capacity);
  // Each waitlisted member has their own place in the queue, 1 … n.
  const places = items
    .filter((entry) => entry.status === 'waitlisted')
    .map((entry) => entry.waitlistPosition)
    .sort((a, b) => a! - b!);
  expect(places).toEqual(Array.from({ length: waitlisted }, (_, index) => index + 1));
  return { confirmed, waitlisted, items };
}

const expectJsonError = (reply: { status: number; body: unknown }, status: number, code?: string) => {
  expect(reply.status).toBe(status);
  expect(errorOf(reply)).toEqual(expect.objectContaining({ code: code ?? expect.any(String) }));
};

async function makeTeam(cid: string, staff: Person, leaderIds: string[], name = `队-${randomUUID().slice(0, 6)}`) {
  const reply = await send(contracts.createTeam, { params: { cid }, token: staff.token, body: { name, leaderIds } });
  if (reply.status !== 201) throw new Error(`create team → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const slug = () => `t-${randomUUID().slice(0, 8)}`;

describe('attack: sign-up as a resident trying to get a place they should not', () => {
  let cid: string;
  let staff: Person;
  let resident: Person;

  beforeAll(async () => {
    ({ cid, staff, resident } = await timebankCommunity());
  });

  it('a stranger, a member of another community and hostile bodies are refused with 4xx JSON; nothing is counted', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 2 }));
    const other = await timebankCommunity();
    const stranger = await login(`stranger-${randomUUID().slice(0, 8)}`);
    const replies = await Promise.all([
      signUp(cid, activity.id, stranger),
      // A member of another community, through their own community's path: no such activity there.
      signUp(other.cid, activity.id, other.resident),
      send(contracts.signUp, {
        params: { cid, aid: activity.id },
        token: resident.token,
        invalidBody: { positionId: 7 },
      }),
      send(contracts.signUp, {
        params: { cid, aid: activity.id },
        token: resident.token,
        invalidBody: { status: 'confirmed' },
      }),
      send(contracts.signUp, {
        params: { cid, aid: activity.id },
        token: resident.token,
        invalidBody: { memberId: other.resident.userId },
      }),
      send(contracts.signUp, { params: { cid, aid: activity.id }, token: resident.token, rawBody: '{"positionId":' }),
      send(contracts.signUp, { params: { cid, aid: activity.id }, token: resident.token, invalidBody: [1, 2] }),
      send(contracts.signUp, {
        params: { cid, aid: activity.id },
        token: resident.token,
        body: { positionId: '../../p1' },
      }),
      send(contracts.signUp, { params: { cid, aid: 'no-such-activity' }, token: resident.token, body: {} }),
      send(contracts.signUp, { params: { cid, aid: activity.id }, body: {} }),
    ]);
    const statuses = replies.map((reply) => reply.status);
    expect(statuses).toEqual([403, 404, 400, 400, 400, 400, 400, 400, 404, 401]);
    for (const reply of replies) expect(errorOf(reply)?.code).toEqual(expect.any(String));
    expect((await activityNow(cid, activity.id, staff.token)).signups).toEqual({ confirmed: 0, waitlisted: 0 });
    expect(await rosterOf(cid, activity.id, staff.token)).toEqual([]);
  });

  it('a double tap (10 sign-ups at once from one member) takes one place; the rest are 409 signup.exists', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 3 }));
    const [eager] = await people(cid, 1, 'tap');
    const replies = await Promise.all(Array.from({ length: 10 }, () => signUp(cid, activity.id, eager!)));
    const created = replies.filter((reply) => reply.status === 201);
    expect(created).toHaveLength(1);
    for (const reply of replies.filter((one) => one.status !== 201)) {
      expect([reply.status, errorOf(reply)?.code]).toEqual([409, 'signup.exists']);
    }
    const { confirmed } = await expectConsistent(cid, activity.id, staff, 3);
    expect(confirmed).toBe(1);
  });

  it('the same Idempotency-Key sent 6 times at once and again later: one sign-up, the same reply, nothing more', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 1 }));
    const [first, second] = await people(cid, 2, 'idem');
    const key = `signup-${randomUUID()}`;
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => signUp(cid, activity.id, first!, undefined, { 'idempotency-key': key })),
    );
    const later = await signUp(cid, activity.id, first!, undefined, { 'idempotency-key': key });
    // Another member with the same key is a different request: their own sign-up, not a replay of the first.
    const othersKey = await signUp(cid, activity.id, second!, undefined, { 'idempotency-key': key });

    for (const reply of burst) expect([201, 409]).toContain(reply.status);
    const done = burst.filter((reply) => reply.status === 201);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const reply of burst.filter((one) => one.status === 409)) {
      expect(['idempotency.in_progress', 'signup.exists']).toContain(errorOf(reply)?.code);
    }
    expect(later.status).toBe(201);
    expect(later.body.signup).toEqual(done[0]!.body.signup);
    expect(othersKey.status).toBe(201);
    expect(othersKey.body.signup.memberId).toBe(second!.userId);
    expect(othersKey.body.signup.status).toBe('waitlisted');
    expect(await expectConsistent(cid, activity.id, staff, 1)).toMatchObject({ confirmed: 1, waitlisted: 1 });
  });

  it('a holder cancelling 6 times at once gives up one place: exactly one promoted from the waitlist, once told', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 1 }));
    const [holder, next, after] = await people(cid, 3, 'cx6');
    for (const person of [holder, next, after]) await signUp(cid, activity.id, person!);
    const replies = await Promise.all(Array.from({ length: 6 }, () => cancel(cid, activity.id, holder!)));

    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    for (const reply of replies.filter((one) => one.status !== 200)) {
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    }
    const { items } = await expectConsistent(cid, activity.id, staff, 1);
    expect(items.find((entry) => entry.status === 'confirmed')?.memberId).toBe(next!.userId);
    expect(items.find((entry) => entry.memberId === after!.userId)).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    const inbox = await send(contracts.listMyNotifications, { token: next!.token });
    expect(
      inbox.body.items.filter((item) => item.kind === 'signup_promoted' && item.objectId === activity.id),
    ).toHaveLength(1);
  });

  it('churn: 12 people signing up, cancelling and signing up again while staff add places — counters equal the items', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 3 }));
    const crowd = await people(cid, 12, 'churn');
    await Promise.all(crowd.slice(0, 8).map((person) => signUp(cid, activity.id, person)));
    const replies = await Promise.all([
      ...crowd.slice(0, 4).map((person) => cancel(cid, activity.id, person)),
      ...crowd.slice(8).map((person) => signUp(cid, activity.id, person)),
      send(contracts.updateActivity, { params: { cid, aid: activity.id }, token: staff.token, body: { capacity: 5 } }),
      ...crowd.slice(0, 2).map((person) => signUp(cid, activity.id, person)),
    ]);
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    await expectConsistent(cid, activity.id, staff, 5);
  });

  it('an ended activity refuses both sign-up and cancellation with 409 activity.ended', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 2 }));
    const [member] = await people(cid, 1, 'end');
    await signUp(cid, activity.id, member!);
    await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-180), endsAt: minutesFromNow(-120) },
    });
    const [late, giveUp] = await Promise.all([signUp(cid, activity.id, resident), cancel(cid, activity.id, member!)]);
    expectJsonError(late, 409, 'activity.ended');
    expectJsonError(giveUp, 409, 'activity.ended');
    expect((await activityNow(cid, activity.id, staff.token)).signups).toEqual({ confirmed: 1, waitlisted: 0 });
  });

  it('sign-ups racing the activity’s cancellation: afterwards nobody holds a place and each holder was told once', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 2 }));
    const crowd = await people(cid, 8, 'race-cx');
    await signUp(cid, activity.id, crowd[0]!);
    const replies = await Promise.all([
      send(contracts.cancelActivity, { params: { cid, aid: activity.id }, token: staff.token }),
      ...crowd.slice(1).map((person) => signUp(cid, activity.id, person)),
    ]);
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    const items = await rosterOf(cid, activity.id, staff.token);
    expect(items.filter((entry) => entry.status !== 'cancelled')).toEqual([]);
    const again = await signUp(cid, activity.id, resident);
    expectJsonError(again, 409, 'activity.cancelled');
    for (const entry of items) {
      const person = crowd.find((one) => one.userId === entry.memberId)!;
      const inbox = await send(contracts.listMyNotifications, { token: person.token });
      expect(
        inbox.body.items.filter((item) => item.kind === 'activity_cancelled' && item.objectId === activity.id),
      ).toHaveLength(1);
    }
  });

  it('a walk-in never takes the place a confirmed member signed up for (fixed: it takes a free sign-up place)', async () => {
    // Capacity 1 and no positions: the capacity is the sign-up places. The one confirmed member holds it.
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 1 }));
    const [holder, walkIn] = await people(cid, 2, 'door');
    expect((await signUp(cid, activity.id, holder!)).body.signup.status).toBe('confirmed');
    await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-30), endsAt: minutesFromNow(90) },
    });
    const { code } = await checkinCode(cid, activity.id, staff.token);
    const checkIn = (person: Person) =>
      send(contracts.checkin, {
        params: { cid },
        token: person.token,
        body: { activityId: activity.id, code, direction: 'in' },
      });
    // Someone who never signed up arrives first (sign-up not required: walk-ins are allowed).
    const walkInReply = await checkIn(walkIn!);
    const holderReply = await checkIn(holder!);
    // The member who was confirmed for the place must get in; the walk-in may take only a free place.
    expect(holderReply.status).toBe(200);
    expect(walkInReply.status).not.toBe(200);
  });

  it('positions beside an overall capacity are refused, so no confirmed member is turned away at check-in', async () => {
    // Two positions of one place each, and a capacity of 1: accepted, so two members are confirmed…
    const created = await send(contracts.createActivity, {
      params: { cid },
      token: staff.token,
      body: {
        title: '岗位多于名额',
        category: 'care',
        capacity: 1,
        signupRequired: true,
        positions: [
          { name: '厨师', capacity: 1 },
          { name: '司机', capacity: 1 },
        ],
        ...tomorrow(),
      },
    });
    if (created.status !== 201) {
      // Refusing the contradiction up front is also right.
      expectJsonError(created, 400);
      return;
    }
    const activity = created.body;
    const [cook, driver] = await people(cid, 2, 'posdoor');
    expect((await signUp(cid, activity.id, cook!, 'p1')).body.signup.status).toBe('confirmed');
    expect((await signUp(cid, activity.id, driver!, 'p2')).body.signup.status).toBe('confirmed');
    await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-30), endsAt: minutesFromNow(90) },
    });
    const { code } = await checkinCode(cid, activity.id, staff.token);
    const replies = [];
    for (const person of [cook!, driver!]) {
      replies.push(
        await send(contracts.checkin, {
          params: { cid },
          token: person.token,
          body: { activityId: activity.id, code, direction: 'in' },
        }),
      );
    }
    // …and each confirmed member, the only people allowed in, must be able to check in.
    expect(replies.map((reply) => [reply.status, errorOf(reply)?.code])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('sign-up required: a member who cancelled cannot check in (409 checkin.not_signed_up)', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 2, signupRequired: true }));
    const [quitter] = await people(cid, 1, 'quit');
    await signUp(cid, activity.id, quitter!);
    expect((await cancel(cid, activity.id, quitter!)).status).toBe(200);
    await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-30), endsAt: minutesFromNow(90) },
    });
    const { code } = await checkinCode(cid, activity.id, staff.token);
    const reply = await send(contracts.checkin, {
      params: { cid },
      token: quitter!.token,
      body: { activityId: activity.id, code, direction: 'in' },
    });
    expectJsonError(reply, 409, 'checkin.not_signed_up');
  });

  it('我的报名 refuses a made-up scope and a stranger with 4xx JSON', async () => {
    const stranger = await login(`stranger-${randomUUID().slice(0, 8)}`);
    const [badScope, byStranger, mineOfUnknown] = await Promise.all([
      send(contracts.listMySignups, { params: { cid }, token: resident.token, invalidQuery: { scope: 'everyone' } }),
      send(contracts.listMySignups, { params: { cid }, token: stranger.token }),
      send(contracts.getMySignup, { params: { cid, aid: 'no-such-activity' }, token: resident.token }),
    ]);
    expectJsonError(badScope, 400);
    expectJsonError(byStranger, 403);
    expectJsonError(mineOfUnknown, 404);
  });
});

describe('attack: staff and team leaders reaching past their place', () => {
  it('a leader sees only their team’s rosters, without no-show counts, and creates activities only for their team', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const [leader, otherLeader, volunteer] = await people(cid, 3, 'lead');
    const team = await makeTeam(cid, staff, [leader!.userId]);
    const otherTeam = await makeTeam(cid, staff, [otherLeader!.userId]);
    const teamActivity = await createActivityNow(cid, leader!.token, tomorrow({ teamId: team.id, capacity: 3 }));
    const officeActivity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 3 }));
    await signUp(cid, teamActivity.id, volunteer!);

    const [forOtherTeam, withoutTeam, ownRoster, otherLeaderRoster, officeRoster, residentRoster, patch, code] =
      await Promise.all([
        send(contracts.createActivity, {
          params: { cid },
          token: leader!.token,
          body: { title: '抢别的队', category: 'care', teamId: otherTeam.id, ...tomorrow() },
        }),
        send(contracts.createActivity, {
          params: { cid },
          token: leader!.token,
          body: { title: '不带队', category: 'care', ...tomorrow() },
        }),
        send(contracts.listSignups, { params: { cid, aid: teamActivity.id }, token: leader!.token }),
        send(contracts.listSignups, { params: { cid, aid: teamActivity.id }, token: otherLeader!.token }),
        send(contracts.listSignups, { params: { cid, aid: officeActivity.id }, token: leader!.token }),
        send(contracts.listSignups, { params: { cid, aid: teamActivity.id }, token: resident.token }),
        send(contracts.updateActivity, {
          params: { cid, aid: teamActivity.id },
          token: leader!.token,
          body: { capacity: 100 },
        }),
        send(contracts.getCheckinCode, { params: { cid, aid: officeActivity.id }, token: leader!.token }),
      ]);
    expectJsonError(forOtherTeam, 403);
    expectJsonError(withoutTeam, 403);
    expect(ownRoster.status).toBe(200);
    expect(ownRoster.body.items.map((entry) => entry.memberId)).toEqual([volunteer!.userId]);
    expect(ownRoster.body.items.every((entry) => entry.noShows === undefined)).toBe(true);
    expectJsonError(otherLeaderRoster, 403);
    expectJsonError(officeRoster, 403);
    expectJsonError(residentRoster, 403);
    expectJsonError(patch, 403);
    expectJsonError(code, 403);
    // The staff roster of the same activity carries the counts.
    expect((await rosterOf(cid, teamActivity.id, staff.token)).every((entry) => entry.noShows === 0)).toBe(true);
  });

  it('a leader cannot add a non-member of the community, a member twice, or remove another leader', async () => {
    const { cid, staff } = await timebankCommunity();
    const other = await timebankCommunity();
    const [leader, coLeader, volunteer] = await people(cid, 3, 'tm');
    const team = await makeTeam(cid, staff, [leader!.userId, coLeader!.userId]);
    const add = (memberId: string) =>
      send(contracts.addTeamMember, { params: { cid, tid: team.id }, token: leader!.token, body: { memberId } });
    const outsider = await add(other.resident.userId);
    const twice = await Promise.all([add(volunteer!.userId), add(volunteer!.userId), add(volunteer!.userId)]);
    const removeCoLeader = await send(contracts.removeTeamMember, {
      params: { cid, tid: team.id, memberId: coLeader!.userId },
      token: leader!.token,
    });
    expectJsonError(outsider, 404);
    expect(twice.filter((reply) => reply.status === 201)).toHaveLength(1);
    for (const reply of twice.filter((one) => one.status !== 201)) expectJsonError(reply, 409, 'team.already_member');
    expectJsonError(removeCoLeader, 403, 'team.leader_only_by_staff');
    const page = await send(contracts.getTeam, { params: { cid, tid: team.id }, token: staff.token });
    expect(page.body.team.memberCount).toBe(page.body.members.length);
    expect(page.body.team.memberCount).toBe(3);
  });

  it('many join requests, approvals and leavings at once: the member count equals the members', async () => {
    const { cid, staff } = await timebankCommunity();
    const [leader, ...crowd] = await people(cid, 9, 'jr');
    const team = await makeTeam(cid, staff, [leader!.userId]);
    await Promise.all(
      crowd.map((person) => send(contracts.requestToJoinTeam, { params: { cid, tid: team.id }, token: person.token })),
    );
    const replies = await Promise.all([
      ...crowd.map((person) =>
        send(contracts.approveTeamJoinRequest, {
          params: { cid, tid: team.id, memberId: person.userId },
          token: leader!.token,
        }),
      ),
      ...crowd.slice(0, 4).map((person) =>
        send(contracts.approveTeamJoinRequest, {
          params: { cid, tid: team.id, memberId: person.userId },
          token: staff.token,
        }),
      ),
    ]);
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    await Promise.all(
      crowd.slice(0, 3).map((person) =>
        send(contracts.removeTeamMember, {
          params: { cid, tid: team.id, memberId: person.userId },
          token: person.token,
        }),
      ),
    );
    const page = await send(contracts.getTeam, { params: { cid, tid: team.id }, token: staff.token });
    expect(page.body.members).toHaveLength(1 + crowd.length - 3);
    expect(page.body.team.memberCount).toBe(page.body.members.length);
  });

  it('a weekly series refuses a team id the community does not have (404, nothing written)', async () => {
    const { cid, staff } = await timebankCommunity();
    const first = addDays(dayOf(new Date()), 1);
    const startsAt = new Date(`${first}T09:00:00+08:00`).toISOString();
    const endsAt = new Date(`${first}T11:00:00+08:00`).toISOString();
    // The single-activity route refuses an unknown team (404 team.not_found): the series must too.
    const single = await send(contracts.createActivity, {
      params: { cid },
      token: staff.token,
      body: { title: '没有的队', category: 'care', startsAt, endsAt, teamId: 'no-such-team' },
    });
    expectJsonError(single, 404);
    const series = await send(contracts.createActivitySeries, {
      params: { cid },
      token: staff.token,
      body: {
        activity: { title: '没有的队', category: 'care', startsAt, endsAt, teamId: 'no-such-team' },
        weekdays: [weekdayOfDay(first)],
        until: addDays(first, 14),
      },
    });
    if (series.status === 201) {
      // What it leads to: staff asking for the roster of their own activity get 404.
      const roster = await send(contracts.listSignups, {
        params: { cid, aid: series.body.activities[0]!.id },
        token: staff.token,
      });
      expect(roster.status).toBe(200);
    }
    expectJsonError(series, 404, 'team.not_found');
  });

  it('a weekly series: a resident cannot create, edit or cancel one; hostile bodies are 400 and write nothing', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const first = addDays(dayOf(new Date()), 1);
    const startsAt = new Date(`${first}T09:00:00+08:00`).toISOString();
    const endsAt = new Date(`${first}T11:00:00+08:00`).toISOString();
    const body = {
      activity: { title: '每周助老', category: 'care', startsAt, endsAt, capacity: 2 },
      weekdays: [weekdayOfDay(first)],
      until: addDays(first, 14),
    };
    const before = (await send(contracts.listActivities, { params: { cid }, token: staff.token })).body.items.length;
    const refused = await Promise.all([
      send(contracts.createActivitySeries, { params: { cid }, token: resident.token, body }),
      send(contracts.createActivitySeries, {
        params: { cid },
        token: staff.token,
        invalidBody: { ...body, weekdays: [0] },
      }),
      send(contracts.createActivitySeries, {
        params: { cid },
        token: staff.token,
        invalidBody: { ...body, weekdays: [] },
      }),
      send(contracts.createActivitySeries, {
        params: { cid },
        token: staff.token,
        invalidBody: { ...body, until: '2026-02-30' },
      }),
      send(contracts.createActivitySeries, {
        params: { cid },
        token: staff.token,
        body: { ...body, until: '2099-12-31' },
      }),
      send(contracts.createActivitySeries, {
        params: { cid },
        token: staff.token,
        invalidBody: { ...body, weekdays: [1, 2, 3, 4, 5, 6, 7, 1] },
      }),
    ]);
    expect(refused.map((reply) => reply.status)).toEqual([403, 400, 400, 400, 400, 400]);
    for (const reply of refused) expect(errorOf(reply)?.code).toEqual(expect.any(String));
    const after = (await send(contracts.listActivities, { params: { cid }, token: staff.token })).body.items.length;
    expect(after).toBe(before);

    const created = await send(contracts.createActivitySeries, { params: { cid }, token: staff.token, body });
    expect(created.status).toBe(201);
    const sid = created.body.series.id;
    const from = created.body.activities[0]!.id;
    const [edit, cancelByResident, cancelUnknown, editUnknown] = await Promise.all([
      send(contracts.updateActivitySeries, {
        params: { cid, sid },
        token: resident.token,
        body: { from, patch: { capacity: 100 } },
      }),
      send(contracts.cancelActivitySeries, { params: { cid, sid }, token: resident.token, body: { from } }),
      send(contracts.cancelActivitySeries, {
        params: { cid, sid },
        token: staff.token,
        body: { from: 'not-an-occurrence' },
      }),
      send(contracts.updateActivitySeries, {
        params: { cid, sid: 'no-such-series' },
        token: staff.token,
        body: { from, patch: { capacity: 3 } },
      }),
    ]);
    expectJsonError(edit, 403);
    expectJsonError(cancelByResident, 403);
    expectJsonError(cancelUnknown, 404);
    expectJsonError(editUnknown, 404);
  });

  it('cancelling the rest of a series twice at once ends each occurrence’s sign-ups once, each member told once', async () => {
    const { cid, staff } = await timebankCommunity();
    const [member] = await people(cid, 1, 'ser');
    const first = addDays(dayOf(new Date()), 2);
    const startsAt = new Date(`${first}T09:00:00+08:00`).toISOString();
    const endsAt = new Date(`${first}T11:00:00+08:00`).toISOString();
    const created = await send(contracts.createActivitySeries, {
      params: { cid },
      token: staff.token,
      body: {
        activity: { title: '每周巡逻', category: 'care', startsAt, endsAt, capacity: 1 },
        weekdays: [weekdayOfDay(first)],
        until: addDays(first, 14),
      },
    });
    const [one, two, three] = created.body.activities;
    for (const activity of [one, two, three]) await signUp(cid, activity!.id, member!);
    const replies = await Promise.all(
      [0, 1].map(() =>
        send(contracts.cancelActivitySeries, {
          params: { cid, sid: created.body.series.id },
          token: staff.token,
          body: { from: two!.id },
        }),
      ),
    );
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    const inbox = await send(contracts.listMyNotifications, { token: member!.token });
    const told = inbox.body.items.filter((item) => item.kind === 'activity_cancelled');
    expect(told.map((item) => item.objectId).sort()).toEqual([two!.id, three!.id].sort());
    const mine = await send(contracts.listMySignups, { params: { cid }, token: member!.token });
    expect(mine.body.items.map((item) => item.activityId)).toEqual([one!.id]);
  });

  it('the signups export: staff only, a bad range is 400, another community’s activity gives none of its people', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const other = await timebankCommunity();
    const foreign = await createActivityNow(other.cid, other.staff.token, tomorrow());
    await signUp(other.cid, foreign.id, other.resident);
    const day = dayOf(new Date());
    const exportOf = (token: string, query: Record<string, string>) =>
      fetch(urlOf(contracts.exportData, { params: { cid, dataset: 'signups' }, query: query as never }), {
        headers: { authorization: `Bearer ${token}` },
      });
    const [byResident, backwards, notADay, huge, foreignRows] = await Promise.all([
      exportOf(resident.token, { from: day, to: day }),
      exportOf(staff.token, { from: addDays(day, 5), to: day, format: 'csv' }),
      exportOf(staff.token, { from: '2026-13-01', to: day, format: 'csv' }),
      exportOf(staff.token, { from: '1900-01-01', to: '2999-12-31', format: 'csv' }),
      exportOf(staff.token, { from: day, to: addDays(day, 2), format: 'csv', activityId: foreign.id }),
    ]);
    expect(byResident.status).toBe(403);
    expect(backwards.status).toBe(400);
    expect(notADay.status).toBe(400);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const text = await foreignRows.text();
    expect(foreignRows.status).toBeLessThan(500);
    expect(text).not.toContain(other.resident.userId);
  });
});

describe('attack: district officers acting inside communities, and the district figures', () => {
  const operator = () => login('demo-platform', '平台运营');

  async function district(communityCount: number) {
    const { token } = await operator();
    const did = slug();
    expect((await send(contracts.createDistrict, { token, body: { id: did, name: `街道${did}` } })).status).toBe(201);
    const cids: string[] = [];
    for (let index = 0; index < communityCount; index += 1) {
      const id = slug();
      await send(contracts.createCommunity, {
        token,
        body: { id, name: `社区${id}`, currencyName: '币', districtId: did },
      });
      cids.push(id);
    }
    const officerOpenid = `officer-${randomUUID().slice(0, 8)}`;
    await send(contracts.setDistrictOfficer, { token, params: { did }, body: { openid: officerOpenid } });
    const officer = await login(officerOpenid, '街道干部');
    return { did, cids, officer, operatorToken: token };
  }

  it('an officer sees only their district, acts in none of its communities, and the export carries no person', async () => {
    const mine = await district(1);
    const theirs = await district(1);
    const cid = mine.cids[0]!;
    // A community admin with a named member: their name and id must not reach the district's file.
    const adminOpenid = `admin-${randomUUID().slice(0, 8)}`;
    await send(contracts.setCommunityAdmin, {
      token: mine.operatorToken,
      params: { cid },
      body: { openid: adminOpenid },
    });
    const admin = await login(adminOpenid, '王小明管理员');
    const activity = await createActivityNow(cid, admin.token, tomorrow({ capacity: 2 }));
    const volunteer = await createMember(cid, ['resident'], 'distvol');
    await signUp(cid, activity.id, volunteer);

    const officer = mine.officer;
    const [other, ownStats, roster, stats, exportFile, createAct, signupAsOfficer, team] = await Promise.all([
      send(contracts.getDistrictStats, { params: { did: theirs.did }, token: officer.token }),
      send(contracts.getDistrictStats, { params: { did: mine.did }, token: officer.token }),
      send(contracts.listSignups, { params: { cid, aid: activity.id }, token: officer.token }),
      send(contracts.getStats, { params: { cid }, token: officer.token }),
      fetch(
        urlOf(contracts.exportData, {
          params: { cid, dataset: 'signups' },
          query: { from: dayOf(new Date()), to: addDays(dayOf(new Date()), 2) },
        }),
        {
          headers: { authorization: `Bearer ${officer.token}` },
        },
      ),
      send(contracts.createActivity, {
        params: { cid },
        token: officer.token,
        body: { title: '街道来的', category: 'care', ...tomorrow() },
      }),
      signUp(cid, activity.id, officer),
      send(contracts.createTeam, { params: { cid }, token: officer.token, body: { name: '街道队' } }),
    ]);
    expectJsonError(other, 403);
    expect(ownStats.status).toBe(200);
    expect([
      roster.status,
      stats.status,
      exportFile.status,
      createAct.status,
      signupAsOfficer.status,
      team.status,
    ]).toEqual([403, 403, 403, 403, 403, 403]);

    for (const format of ['csv', 'xlsx'] as const) {
      const file = await fetch(urlOf(contracts.exportDistrictStats, { params: { did: mine.did }, query: { format } }), {
        headers: { authorization: `Bearer ${officer.token}` },
      });
      expect(file.status).toBe(200);
      const bytes = Buffer.from(await file.arrayBuffer()).toString('latin1');
      const text = format === 'csv' ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes;
      for (const secret of [admin.userId, volunteer.userId, adminOpenid, '王小明管理员']) {
        expect(text).not.toContain(secret);
      }
    }
    const json = JSON.stringify(ownStats.body);
    for (const secret of [admin.userId, volunteer.userId, adminOpenid, '王小明管理员'])
      expect(json).not.toContain(secret);
  });

  it('malformed month ranges are 400 with a JSON error, for the dashboard and the export', async () => {
    const { did, officer } = await district(1);
    const replies = await Promise.all([
      send(contracts.getDistrictStats, {
        params: { did },
        token: officer.token,
        query: { from: '2026-12', to: '2026-01' },
      }),
      send(contracts.getDistrictStats, { params: { did }, token: officer.token, invalidQuery: { from: '2026-13' } }),
      send(contracts.getDistrictStats, { params: { did }, token: officer.token, invalidQuery: { from: '2026-1' } }),
      send(contracts.getDistrictStats, {
        params: { did },
        token: officer.token,
        query: { from: '2000-01', to: '2099-12' },
      }),
      send(contracts.getDistrictStats, { params: { did }, token: officer.token, invalidQuery: { cid: 'x' } }),
      send(contracts.exportDistrictStats, { params: { did }, token: officer.token, invalidQuery: { format: 'pdf' } }),
      send(contracts.exportDistrictStats, {
        params: { did },
        token: officer.token,
        query: { from: '2026-12', to: '2026-01', format: 'csv' },
      }),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    for (const reply of replies) expect(errorOf(reply)?.code).toEqual(expect.any(String));
  });

  it('a district without communities refuses a backwards or too long month range (400)', async () => {
    const { did, officer } = await district(0);
    const backwards = await send(contracts.getDistrictStats, {
      params: { did },
      token: officer.token,
      query: { from: '2026-12', to: '2026-01' },
    });
    const tooLong = await send(contracts.getDistrictStats, {
      params: { did },
      token: officer.token,
      query: { from: '2000-01', to: '2099-12' },
    });
    expectJsonError(backwards, 400, 'stats.range_invalid');
    expectJsonError(tooLong, 400, 'stats.range_invalid');
  });
});
