import { contracts, type Team } from '@linli/shared';
import { errorOf, login, send } from '../support/api';
import { createCommunity, createMember } from '../support/factories';
import { createActivityNow, minutesFromNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Issue 17, volunteer teams: staff create teams and name leaders; members join by request and a
 * leader's approval, or are added; a leader creates activities for their own team only and manages
 * its roster; the team's hours follow its claims' approvals and reversals in the same transaction.
 */

type Person = { token: string; userId: string };

async function newTeam(cid: string, staff: Person, body: { name: string; leaderIds?: string[] }): Promise<Team> {
  const reply = await send(contracts.createTeam, { params: { cid }, token: staff.token, body });
  if (reply.status !== 201) throw new Error(`create team → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const page = (cid: string, tid: string, person: Person) =>
  send(contracts.getTeam, { params: { cid, tid }, token: person.token });

const teamAudit = async (cid: string, admin: Person, tid: string) => {
  const reply = await send(contracts.listAudit, {
    params: { cid },
    query: { objectType: 'team', objectId: tid },
    token: admin.token,
  });
  return reply.body.items.map((entry) => entry.action).sort();
};

describe('creating teams', () => {
  it('is for staff: the leaders become the first members, the name is the community’s only one', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    const leader = await createMember(cid, ['resident'], 'leader');

    const created = await send(contracts.createTeam, {
      params: { cid },
      token: staff.token,
      body: { name: '助残扶老', description: '帮助行动不便的老人', leaderIds: [leader.userId] },
    });
    const byResident = await send(contracts.createTeam, {
      params: { cid },
      token: resident.token,
      body: { name: '文明劝导' },
    });
    const sameName = await send(contracts.createTeam, {
      params: { cid },
      token: staff.token,
      body: { name: ' 助残扶老 ' },
    });
    const listed = await send(contracts.listTeams, { params: { cid }, token: resident.token });
    const shown = await page(cid, created.body.id, leader);

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '助残扶老', leaderIds: [leader.userId], memberCount: 1 });
    expect(byResident.status).toBe(403);
    expect([sameName.status, errorOf(sameName)?.code]).toEqual([409, 'team.name_taken']);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, name: '助残扶老', memberCount: 1, leaderIds: [leader.userId] }),
    ]);
    expect(shown.body).toMatchObject({ myRole: 'leader', canManage: true, yearMinutes: 0 });
    expect(shown.body.members).toEqual([
      expect.objectContaining({
        memberId: leader.userId,
        role: 'leader',
        displayName: expect.stringMatching(/^leader-/),
      }),
    ]);
    expect(await teamAudit(cid, admin, created.body.id)).toEqual(['team.create']);
  });

  it('refuses bad input and leaders from outside the community, writing nothing', async () => {
    const { cid, staff } = await timebankCommunity();
    const stranger = await createMember((await createCommunity()).id, ['resident'], 'stranger');
    const leader = await createMember(cid, ['resident'], 'leader');

    const replies = await Promise.all([
      send(contracts.createTeam, { params: { cid }, token: staff.token, invalidBody: { name: '' } }),
      send(contracts.createTeam, { params: { cid }, token: staff.token, invalidBody: { name: '队', memberCount: 99 } }),
      send(contracts.createTeam, {
        params: { cid },
        token: staff.token,
        invalidBody: { name: '队', leaderIds: [leader.userId, leader.userId] },
      }),
      send(contracts.createTeam, { params: { cid }, token: staff.token, invalidBody: { name: 'x'.repeat(31) } }),
    ]);
    const outsider = await send(contracts.createTeam, {
      params: { cid },
      token: staff.token,
      body: { name: '社区平安', leaderIds: [leader.userId, stranger.userId] },
    });
    const listed = await send(contracts.listTeams, { params: { cid }, token: staff.token });

    expect(replies.map((reply) => reply.status)).toEqual([400, 400, 400, 400]);
    expect([outsider.status, errorOf(outsider)?.code]).toEqual([404, 'member.not_found']);
    expect(errorOf(outsider)?.details).toEqual({ memberId: stranger.userId });
    expect(listed.body.items).toEqual([]);
  });

  it('keeps each community’s teams to itself', async () => {
    const [here, there] = await Promise.all([timebankCommunity(), timebankCommunity()]);
    const leader = await createMember(here.cid, ['resident'], 'leader');
    const team = await newTeam(here.cid, here.staff, { name: '环保科普', leaderIds: [leader.userId] });

    const foreignList = await send(contracts.listTeams, { params: { cid: there.cid }, token: there.staff.token });
    const foreignPage = await page(there.cid, team.id, there.staff);
    const foreignAdd = await send(contracts.addTeamMember, {
      params: { cid: there.cid, tid: team.id },
      token: there.staff.token,
      body: { memberId: there.resident.userId },
    });
    const intoHere = await send(contracts.addTeamMember, {
      params: { cid: here.cid, tid: team.id },
      token: there.staff.token,
      body: { memberId: here.resident.userId },
    });
    const leaderThere = await send(contracts.createActivity, {
      params: { cid: there.cid },
      token: leader.token,
      body: {
        title: '捡垃圾',
        category: 'care',
        startsAt: minutesFromNow(60),
        endsAt: minutesFromNow(120),
        teamId: team.id,
      },
    });
    const staffThere = await send(contracts.createActivity, {
      params: { cid: there.cid },
      token: there.staff.token,
      body: {
        title: '捡垃圾',
        category: 'care',
        startsAt: minutesFromNow(60),
        endsAt: minutesFromNow(120),
        teamId: team.id,
      },
    });

    expect(foreignList.body.items).toEqual([]);
    expect(foreignPage.status).toBe(404);
    expect(foreignAdd.status).toBe(404);
    expect(intoHere.status).toBe(403);
    expect(leaderThere.status).toBe(403);
    expect([staffThere.status, errorOf(staffThere)?.code]).toEqual([404, 'team.not_found']);
    expect((await page(here.cid, team.id, leader)).body.team.memberCount).toBe(1);
  });
});

describe('the roster', () => {
  it('a leader or staff adds members; anyone else may not; twice is 409', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    const [leader, other] = await Promise.all([
      createMember(cid, ['resident'], 'leader'),
      createMember(cid, ['resident'], 'other'),
    ]);
    const team = await newTeam(cid, staff, { name: '文明劝导', leaderIds: [leader.userId] });
    const add = (by: Person, memberId: string) =>
      send(contracts.addTeamMember, { params: { cid, tid: team.id }, token: by.token, body: { memberId } });

    const byLeader = await add(leader, resident.userId);
    const again = await add(staff, resident.userId);
    const byMember = await add(resident, other.userId);
    const byOther = await add(other, other.userId);
    const unknown = await add(leader, 'no-such-member');
    const byStaff = await add(staff, other.userId);
    const shown = await page(cid, team.id, resident);

    expect(byLeader.status).toBe(201);
    expect(byLeader.body.member).toMatchObject({ memberId: resident.userId, role: 'member', addedBy: leader.userId });
    expect([again.status, errorOf(again)?.code]).toEqual([409, 'team.already_member']);
    expect([byMember.status, byOther.status]).toEqual([403, 403]);
    expect([unknown.status, errorOf(unknown)?.code]).toEqual([404, 'member.not_found']);
    expect(byStaff.status).toBe(201);
    expect(shown.body).toMatchObject({ myRole: 'member', canManage: false });
    expect(shown.body.team.memberCount).toBe(3);
    expect(shown.body.members.map((member) => member.memberId)).toEqual([leader.userId, resident.userId, other.userId]);
    expect(await teamAudit(cid, admin, team.id)).toEqual(['team.add_member', 'team.add_member', 'team.create']);
  });

  it('a member leaves; a leader removes ordinary members only; staff remove anyone', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const [leader, coLeader, other] = await Promise.all([
      createMember(cid, ['resident'], 'leader'),
      createMember(cid, ['resident'], 'coleader'),
      createMember(cid, ['resident'], 'other'),
    ]);
    const team = await newTeam(cid, staff, { name: '社区平安', leaderIds: [leader.userId, coLeader.userId] });
    for (const person of [resident, other]) {
      await send(contracts.addTeamMember, {
        params: { cid, tid: team.id },
        token: staff.token,
        body: { memberId: person.userId },
      });
    }
    const remove = (by: Person, memberId: string) =>
      send(contracts.removeTeamMember, { params: { cid, tid: team.id, memberId }, token: by.token });

    const byPeer = await remove(resident, other.userId);
    const leaves = await remove(resident, resident.userId);
    const leavesAgain = await remove(resident, resident.userId);
    const leaderOnLeader = await remove(leader, coLeader.userId);
    const leaderOnMember = await remove(leader, other.userId);
    const staffOnLeader = await remove(staff, coLeader.userId);
    const shown = await page(cid, team.id, leader);

    expect(byPeer.status).toBe(403);
    expect(leaves.status).toBe(200);
    expect([leavesAgain.status, errorOf(leavesAgain)?.code]).toEqual([404, 'team.not_a_member']);
    expect([leaderOnLeader.status, errorOf(leaderOnLeader)?.code]).toEqual([403, 'team.leader_only_by_staff']);
    expect(leaderOnMember.status).toBe(200);
    expect(staffOnLeader.status).toBe(200);
    expect(staffOnLeader.body.team).toMatchObject({ leaderIds: [leader.userId], memberCount: 1 });
    expect(shown.body.team).toMatchObject({ leaderIds: [leader.userId], memberCount: 1 });
    expect(shown.body.members.map((member) => member.memberId)).toEqual([leader.userId]);
  });

  it('staff name the leaders: a new one joins, a former one stays as a member and loses the power', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const [first, second] = await Promise.all([
      createMember(cid, ['resident'], 'first'),
      createMember(cid, ['resident'], 'second'),
    ]);
    const team = await newTeam(cid, staff, { name: '助老', leaderIds: [first.userId] });
    await newTeam(cid, staff, { name: '护绿' });

    const byLeader = await send(contracts.updateTeam, {
      params: { cid, tid: team.id },
      token: first.token,
      body: { leaderIds: [first.userId, resident.userId] },
    });
    const renamedToTaken = await send(contracts.updateTeam, {
      params: { cid, tid: team.id },
      token: staff.token,
      body: { name: '护绿' },
    });
    const changed = await send(contracts.updateTeam, {
      params: { cid, tid: team.id },
      token: staff.token,
      body: { name: '助残扶老', leaderIds: [second.userId] },
    });
    const addByFormer = await send(contracts.addTeamMember, {
      params: { cid, tid: team.id },
      token: first.token,
      body: { memberId: resident.userId },
    });
    const addByNew = await send(contracts.addTeamMember, {
      params: { cid, tid: team.id },
      token: second.token,
      body: { memberId: resident.userId },
    });
    const shown = await page(cid, team.id, staff);

    expect(byLeader.status).toBe(403);
    expect([renamedToTaken.status, errorOf(renamedToTaken)?.code]).toEqual([409, 'team.name_taken']);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '助残扶老', leaderIds: [second.userId], memberCount: 2 });
    expect(addByFormer.status).toBe(403);
    expect(addByNew.status).toBe(201);
    expect(shown.body.members.map((member) => [member.memberId, member.role])).toEqual([
      [second.userId, 'leader'],
      [first.userId, 'member'],
      [resident.userId, 'member'],
    ]);
    // The old name is free again.
    expect(
      (await send(contracts.createTeam, { params: { cid }, token: staff.token, body: { name: '助老' } })).status,
    ).toBe(201);
  });
});

describe('join requests', () => {
  it('a member asks, a leader approves — once; a member cannot ask twice or again', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    const [leader, other] = await Promise.all([
      createMember(cid, ['resident'], 'leader'),
      createMember(cid, ['resident'], 'other'),
    ]);
    const team = await newTeam(cid, staff, { name: '环保科普', leaderIds: [leader.userId] });
    const ask = () => send(contracts.requestToJoinTeam, { params: { cid, tid: team.id }, token: resident.token });
    const approve = (by: Person) =>
      send(contracts.approveTeamJoinRequest, {
        params: { cid, tid: team.id, memberId: resident.userId },
        token: by.token,
      });

    const asked = await ask();
    const askedAgain = await ask();
    const listedByOther = await send(contracts.listTeamJoinRequests, {
      params: { cid, tid: team.id },
      token: other.token,
    });
    const listed = await send(contracts.listTeamJoinRequests, { params: { cid, tid: team.id }, token: leader.token });
    const byOther = await approve(other);
    const pendingPage = await page(cid, team.id, resident);
    const [first, second] = await Promise.all([approve(leader), approve(staff)]);
    const askedAsMember = await ask();
    const shown = await page(cid, team.id, resident);
    const inbox = await send(contracts.listMyNotifications, { token: resident.token });

    expect(asked.status).toBe(201);
    expect(asked.body.request).toMatchObject({ status: 'pending', memberId: resident.userId });
    expect([askedAgain.status, errorOf(askedAgain)?.code]).toEqual([409, 'team.request_exists']);
    expect(listedByOther.status).toBe(403);
    expect(listed.body.items.map((request) => request.memberId)).toEqual([resident.userId]);
    expect(byOther.status).toBe(403);
    expect(pendingPage.body.myRequest).toMatchObject({ status: 'pending' });
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([askedAsMember.status, errorOf(askedAsMember)?.code]).toEqual([409, 'team.already_member']);
    expect(shown.body).toMatchObject({ myRole: 'member' });
    expect(shown.body.team.memberCount).toBe(2);
    expect(inbox.body.items).toContainEqual(expect.objectContaining({ kind: 'team_membership', objectId: team.id }));
    expect(await teamAudit(cid, admin, team.id)).toEqual(['team.approve_request', 'team.create', 'team.request_join']);
  });

  it('a leader turns a request down with a reason; the member may ask again', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const leader = await createMember(cid, ['resident'], 'leader');
    const team = await newTeam(cid, staff, { name: '文明劝导', leaderIds: [leader.userId] });
    await send(contracts.requestToJoinTeam, { params: { cid, tid: team.id }, token: resident.token });
    const reject = (body: { reason: string } | Record<string, never>) =>
      send(contracts.rejectTeamJoinRequest, {
        params: { cid, tid: team.id, memberId: resident.userId },
        token: leader.token,
        invalidBody: body,
      });

    const noReason = await reject({});
    const rejected = await reject({ reason: '本队暂时满员' });
    const rejectedAgain = await reject({ reason: '本队暂时满员' });
    const shown = await page(cid, team.id, resident);
    const unknown = await send(contracts.approveTeamJoinRequest, {
      params: { cid, tid: team.id, memberId: leader.userId },
      token: leader.token,
    });
    const askedAgain = await send(contracts.requestToJoinTeam, {
      params: { cid, tid: team.id },
      token: resident.token,
    });

    expect(noReason.status).toBe(400);
    expect(rejected.status).toBe(200);
    expect(rejected.body.request).toMatchObject({
      status: 'rejected',
      reason: '本队暂时满员',
      decidedBy: leader.userId,
    });
    expect([rejectedAgain.status, errorOf(rejectedAgain)?.code]).toEqual([409, 'team.request_decided']);
    expect(shown.body.myRole).toBeUndefined();
    expect(shown.body.myRequest).toMatchObject({ status: 'rejected', reason: '本队暂时满员' });
    expect([unknown.status, errorOf(unknown)?.code]).toEqual([404, 'team.request_not_found']);
    expect(askedAgain.status).toBe(201);
    expect(shown.body.team.memberCount).toBe(1);
  });
});

describe('a team’s activities and hours', () => {
  it('a leader creates activities for their own team only; approving hours stays with the office', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const leader = await createMember(cid, ['resident'], 'leader');
    const [team, otherTeam] = await Promise.all([
      newTeam(cid, staff, { name: '助残扶老', leaderIds: [leader.userId] }),
      newTeam(cid, staff, { name: '社区平安' }),
    ]);
    const create = (teamId?: string) =>
      send(contracts.createActivity, {
        params: { cid },
        token: leader.token,
        body: {
          title: '陪老人散步',
          category: 'care',
          startsAt: minutesFromNow(60),
          endsAt: minutesFromNow(180),
          ...(teamId ? { teamId } : {}),
        },
      });

    const own = await create(team.id);
    const none = await create();
    const other = await create(otherTeam.id);
    const unknown = await create('no-such-team');
    const byMember = await send(contracts.createActivity, {
      params: { cid },
      token: resident.token,
      body: {
        title: '陪老人散步',
        category: 'care',
        startsAt: minutesFromNow(60),
        endsAt: minutesFromNow(120),
        teamId: team.id,
      },
    });
    const shown = await page(cid, team.id, resident);
    const running = await createActivityNow(cid, leader.token, { teamId: team.id });
    const claim = await officeClaim(cid, running.id, staff.token, resident.userId, 60);
    const approvedByLeader = await send(contracts.approveClaim, {
      params: { cid, claimId: claim.id },
      token: leader.token,
    });

    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ teamId: team.id, createdBy: leader.userId });
    expect(none.status).toBe(403);
    expect(other.status).toBe(403);
    expect([unknown.status, errorOf(unknown)?.code]).toEqual([404, 'team.not_found']);
    expect(byMember.status).toBe(403);
    expect(shown.body.upcomingActivities.map((activity) => activity.id)).toEqual([own.body.id]);
    expect(claim.teamId).toBe(team.id);
    expect(approvedByLeader.status).toBe(403);
  });

  it('counts the approved minutes of its activities this year, and takes back a reversal', async () => {
    const { cid, staff, otherStaff, admin, resident } = await timebankCommunity();
    const leader = await createMember(cid, ['resident'], 'leader');
    const team = await newTeam(cid, staff, { name: '环保科普', leaderIds: [leader.userId] });
    const [teamActivity, plainActivity] = await Promise.all([
      createActivityNow(cid, leader.token, { teamId: team.id }),
      createActivityNow(cid, staff.token),
    ]);
    const teamClaim = await officeClaim(cid, teamActivity.id, staff.token, resident.userId, 90);
    const plainClaim = await officeClaim(cid, plainActivity.id, staff.token, resident.userId, 60);
    for (const claim of [teamClaim, plainClaim]) {
      await send(contracts.approveClaim, { params: { cid, claimId: claim.id }, token: otherStaff.token });
    }
    const figures = async () => {
      const [shown, listed, recognition, stats] = await Promise.all([
        page(cid, team.id, resident),
        send(contracts.listTeams, { params: { cid }, token: resident.token }),
        send(contracts.getRecognition, { params: { cid }, token: resident.token }),
        send(contracts.getStats, { params: { cid }, token: staff.token }),
      ]);
      return {
        page: [shown.body.yearMinutes, shown.body.monthMinutes],
        list: listed.body.items[0]?.yearMinutes,
        recognition: recognition.body.teams.map((entry) => [entry.id, entry.monthMinutes, entry.yearMinutes]),
        stats: stats.body.teams?.map((entry) => [entry.id, entry.volunteerMinutes, entry.volunteerVisits]),
      };
    };

    const approved = await figures();
    const reversal = await send(contracts.reverseTransfer, {
      params: { cid, transferId: `claim:${teamClaim.id}` },
      token: admin.token,
      body: { reason: '重复录入' },
    });
    const reversed = await figures();

    expect(approved).toEqual({
      page: [90, 90],
      list: 90,
      recognition: [[team.id, 90, 90]],
      stats: [[team.id, 90, 1]],
    });
    expect(reversal.status).toBe(201);
    expect(reversed).toEqual({ page: [0, 0], list: 0, recognition: [[team.id, 0, 0]], stats: [[team.id, 0, 0]] });
  });
});

describe('demo data', () => {
  it('gives 凤凰里 its four teams and demo one, each led by a resident', async () => {
    const [fenghuang, demo] = await Promise.all([login('demo-fenghuang-admin'), login('demo-staff')]);

    const [fenghuangTeams, demoTeams] = await Promise.all([
      send(contracts.listTeams, { params: { cid: 'fenghuangli' }, token: fenghuang.token }),
      send(contracts.listTeams, { params: { cid: 'demo' }, token: demo.token }),
    ]);

    const seeded = (items: Team[]) =>
      items.filter((team) => team.createdBy === 'system').map((team) => [team.name, team.leaderIds.length]);
    expect(seeded(fenghuangTeams.body.items).sort()).toEqual([
      ['助残扶老', 1],
      ['文明劝导', 1],
      ['环保科普', 1],
      ['社区平安', 1],
    ]);
    expect(seeded(demoTeams.body.items)).toEqual([['爱心助老队', 1]]);
  });
});
