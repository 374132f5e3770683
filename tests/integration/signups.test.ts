import ExcelJS from 'exceljs';
import { contracts, dayOf, type Activity } from '@linli/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, errorOf, send, urlOf } from '../support/api';
import { birthDateYearsAgo, idNumberBornOn } from '../support/clock';
import { createMember, tableName } from '../support/factories';
import { checkinCode, createActivityNow, minutesFromNow, timebankCommunity } from '../support/timebank';

/**
 * Issue 17: 报名 — sign-up with positions and waitlists, decided in the write (no overbooking under
 * concurrency), promotion from the waitlist on a cancellation, sign-up-required check-in, the
 * roster and no-shows. Over HTTP against the local stack.
 */
type Person = { token: string; userId: string };

const tomorrow = (overrides: Record<string, unknown> = {}) => ({
  startsAt: minutesFromNow(24 * 60),
  endsAt: minutesFromNow(26 * 60),
  ...overrides,
});

async function people(cid: string, count: number, prefix = 'vol'): Promise<Person[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => createMember(cid, ['resident'], `${prefix}${index}`)));
}

const signUp = (cid: string, aid: string, person: Person, positionId?: string) =>
  send(contracts.signUp, { params: { cid, aid }, token: person.token, body: positionId ? { positionId } : {} });

const cancel = (cid: string, aid: string, person: Person) =>
  send(contracts.cancelSignup, { params: { cid, aid }, token: person.token });

async function activityNow(cid: string, aid: string, token: string): Promise<Activity> {
  return (await send(contracts.getActivity, { params: { cid, aid }, token })).body;
}

async function mine(cid: string, aid: string, person: Person) {
  return (await send(contracts.getMySignup, { params: { cid, aid }, token: person.token })).body.signup;
}

describe('sign-up (报名)', () => {
  let cid: string;
  let staff: Person;
  let resident: Person;

  beforeAll(async () => {
    ({ cid, staff, resident } = await timebankCommunity());
  });

  it('20 people at once for 5 places: exactly 5 confirmed and 15 waitlisted, in the order served', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 5 }));
    const crowd = await people(cid, 20);
    const replies = await Promise.all(crowd.map((person) => signUp(cid, activity.id, person)));
    const again = await signUp(cid, activity.id, crowd[0]!);

    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(201));
    const statuses = replies.map((reply) => reply.body.signup.status);
    expect(statuses.filter((status) => status === 'confirmed')).toHaveLength(5);
    expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(15);
    expect((await activityNow(cid, activity.id, staff.token)).signups).toEqual({ confirmed: 5, waitlisted: 15 });
    expect(again.status).toBe(409);
    expect(errorOf(again)?.code).toBe('signup.exists');
    // Everyone waiting knows their place: 1 … 15, each once.
    const waiting = crowd.filter((_, index) => statuses[index] === 'waitlisted');
    const places = await Promise.all(
      waiting.map(async (person) => (await mine(cid, activity.id, person))?.waitlistPosition),
    );
    expect([...places].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
  });

  it('positions: each has its own places and waitlist; a cancellation promotes the first in line, who is told', async () => {
    const activity = await createActivityNow(
      cid,
      staff.token,
      tomorrow({
        positions: [
          { name: '厨师', capacity: 2 },
          { name: '司机', capacity: 1 },
        ],
      }),
    );
    const [cook, driver] = activity.positions!;
    const [a, b, c, d] = await people(cid, 4, 'pos');
    const noPosition = await signUp(cid, activity.id, a!);
    const unknown = await signUp(cid, activity.id, a!, 'p9');
    const first = await signUp(cid, activity.id, a!, driver!.id);
    const second = await signUp(cid, activity.id, b!, driver!.id);
    const third = await signUp(cid, activity.id, c!, driver!.id);
    const aCook = await signUp(cid, activity.id, d!, cook!.id);

    expect(noPosition.status).toBe(400);
    expect(errorOf(noPosition)?.code).toBe('signup.position_required');
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)?.code).toBe('signup.position_unknown');
    expect([first, second, third, aCook].map((reply) => reply.body.signup.status)).toEqual([
      'confirmed',
      'waitlisted',
      'waitlisted',
      'confirmed',
    ]);
    expect((await mine(cid, activity.id, c!))?.waitlistPosition).toBe(2);

    const cancelled = await cancel(cid, activity.id, a!);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.promoted).toEqual({ memberId: b!.userId });
    expect((await mine(cid, activity.id, b!))?.status).toBe('confirmed');
    expect((await mine(cid, activity.id, c!))?.waitlistPosition).toBe(1);
    const positions = (await activityNow(cid, activity.id, staff.token)).positions!;
    expect(positions.map(({ confirmed, waitlisted }) => ({ confirmed, waitlisted }))).toEqual([
      { confirmed: 1, waitlisted: 0 },
      { confirmed: 1, waitlisted: 1 },
    ]);
    const inbox = await send(contracts.listMyNotifications, { token: b!.token });
    expect(inbox.body.items.some((item) => item.kind === 'signup_promoted' && item.objectId === activity.id)).toBe(
      true,
    );
    // The one who cancelled may sign up again: at the back of the queue.
    const back = await signUp(cid, activity.id, a!, driver!.id);
    expect(back.body.signup.status).toBe('waitlisted');
    expect((await mine(cid, activity.id, a!))?.waitlistPosition).toBe(2);
  });

  it('a cancellation racing new sign-ups: the waitlist is served first and nobody is over capacity', async () => {
    for (let round = 0; round < 4; round += 1) {
      const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 1 }));
      const [holder, waiting, late1, late2] = await people(cid, 4, `race${round}`);
      expect((await signUp(cid, activity.id, holder!)).body.signup.status).toBe('confirmed');
      const queued = round % 2 === 0;
      if (queued) expect((await signUp(cid, activity.id, waiting!)).body.signup.status).toBe('waitlisted');
      const [cancelled, ...late] = await Promise.all([
        cancel(cid, activity.id, holder!),
        signUp(cid, activity.id, late1!),
        signUp(cid, activity.id, late2!),
      ]);
      expect(cancelled.status).toBe(200);
      const roster = await send(contracts.listSignups, { params: { cid, aid: activity.id }, token: staff.token });
      const confirmed = roster.body.items.filter((entry) => entry.status === 'confirmed');
      const waitlisted = roster.body.items.filter((entry) => entry.status === 'waitlisted');
      expect(confirmed).toHaveLength(1);
      // With a queue, its head took the place; the newcomers wait behind.
      if (queued) expect(confirmed[0]!.memberId).toBe(waiting!.userId);
      expect(waitlisted).toHaveLength(queued ? 2 : 1);
      expect(late.every((reply) => reply.status === 201)).toBe(true);
      expect((await activityNow(cid, activity.id, staff.token)).signups).toEqual({
        confirmed: 1,
        waitlisted: waitlisted.length,
      });
    }
  });

  it('more places from staff move the waitlist up, in order, each told', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 1 }));
    const [first, second, third] = await people(cid, 3, 'grow');
    for (const person of [first, second, third]) await signUp(cid, activity.id, person!);
    const grown = await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { capacity: 2 },
    });
    expect(grown.status).toBe(200);
    expect(grown.body.signups).toEqual({ confirmed: 2, waitlisted: 1 });
    expect((await mine(cid, activity.id, second!))?.status).toBe('confirmed');
    expect((await mine(cid, activity.id, third!))?.waitlistPosition).toBe(1);
    const inbox = await send(contracts.listMyNotifications, { token: second!.token });
    expect(inbox.body.items.some((item) => item.kind === 'signup_promoted')).toBe(true);
  });

  it('closes at the start or the staff’s cut-off; cancelled and ended activities refuse it', async () => {
    const started = await createActivityNow(cid, staff.token);
    const cutOff = await createActivityNow(cid, staff.token, tomorrow({ signupClosesAt: minutesFromNow(-1) }));
    const lateCutOff = await send(contracts.createActivity, {
      params: { cid },
      token: staff.token,
      body: { title: '截止晚于开始', category: 'care', ...tomorrow({ signupClosesAt: minutesFromNow(25 * 60) }) },
    });
    const toCancel = await createActivityNow(cid, staff.token, tomorrow());
    await signUp(cid, toCancel.id, resident);
    await send(contracts.cancelActivity, { params: { cid, aid: toCancel.id }, token: staff.token });

    const replies = await Promise.all([
      signUp(cid, started.id, resident),
      signUp(cid, cutOff.id, resident),
      signUp(cid, toCancel.id, (await people(cid, 1, 'cx'))[0]!),
    ]);
    expect(replies.map((reply) => [reply.status, errorOf(reply)?.code])).toEqual([
      [409, 'signup.closed'],
      [409, 'signup.closed'],
      [409, 'activity.cancelled'],
    ]);
    expect(lateCutOff.status).toBe(400);
    // Those signed up for the cancelled activity are told, once, and their sign-up ended.
    const inbox = await send(contracts.listMyNotifications, { token: resident.token });
    expect(
      inbox.body.items.filter((item) => item.kind === 'activity_cancelled' && item.objectId === toCancel.id),
    ).toHaveLength(1);
    expect(await mine(cid, toCancel.id, resident)).toMatchObject({ status: 'cancelled' });
    // Nothing to cancel without a sign-up.
    const nothing = await cancel(cid, started.id, staff);
    expect(nothing.status).toBe(404);
    expect(errorOf(nothing)?.code).toBe('signup.not_found');
  });
});

describe('sign-up required at check-in, the roster and no-shows', () => {
  it('refuses a stranger and the waitlisted; walk-ins show on a roster without the flag', async () => {
    const { cid, staff, resident } = await timebankCommunity();
    const [stranger, second] = await people(cid, 2, 'req');
    // Sign up while it is tomorrow, then staff move it to now (a sign-up needs time before the start).
    const required = await createActivityNow(cid, staff.token, tomorrow({ capacity: 1, signupRequired: true }));
    expect((await signUp(cid, required.id, resident)).body.signup.status).toBe('confirmed');
    expect((await signUp(cid, required.id, second!)).body.signup.status).toBe('waitlisted');
    const moved = await send(contracts.updateActivity, {
      params: { cid, aid: required.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-30), endsAt: minutesFromNow(90) },
    });
    expect(moved.status).toBe(200);
    const code = (await checkinCode(cid, required.id, staff.token)).code;
    const checkIn = (person: Person) =>
      send(contracts.checkin, {
        params: { cid },
        token: person.token,
        body: { activityId: required.id, code, direction: 'in' },
      });
    const [member, refused, waitlisted] = [await checkIn(resident), await checkIn(stranger!), await checkIn(second!)];

    expect(member.status).toBe(200);
    expect([refused.status, errorOf(refused)?.code]).toEqual([409, 'checkin.not_signed_up']);
    expect([waitlisted.status, errorOf(waitlisted)?.code]).toEqual([409, 'checkin.not_signed_up']);
    expect((await mine(cid, required.id, resident))?.checkedIn).toBe(true);

    const open = await createActivityNow(cid, staff.token);
    const openCode = (await checkinCode(cid, open.id, staff.token)).code;
    const walkIn = await send(contracts.checkin, {
      params: { cid },
      token: stranger!.token,
      body: { activityId: open.id, code: openCode, direction: 'in' },
    });
    expect(walkIn.status).toBe(200);
    const roster = await send(contracts.listSignups, { params: { cid, aid: open.id }, token: staff.token });
    expect(roster.body.items).toEqual([
      expect.objectContaining({ memberId: stranger!.userId, status: 'walk_in', attendance: 'checked_in' }),
    ]);
    const requiredRoster = await send(contracts.listSignups, { params: { cid, aid: required.id }, token: staff.token });
    expect(
      requiredRoster.body.items.map(({ memberId, status, attendance, waitlistPosition }) => ({
        memberId,
        status,
        attendance,
        waitlistPosition,
      })),
    ).toEqual([
      { memberId: resident.userId, status: 'confirmed', attendance: 'checked_in', waitlistPosition: undefined },
      { memberId: second!.userId, status: 'waitlisted', attendance: 'none', waitlistPosition: 1 },
    ]);
    const byResident = await send(contracts.listSignups, { params: { cid, aid: open.id }, token: resident.token });
    expect(byResident.status).toBe(403);

    // The roster as Excel (the `signups` dataset, one activity): the rows staff see.
    const day = dayOf(required.startsAt);
    const exportOf = (token: string, query: Record<string, string>) =>
      fetch(urlOf(contracts.exportData, { params: { cid, dataset: 'signups' }, query: query as never }), {
        headers: { authorization: `Bearer ${token}` },
      });
    const file = await exportOf(staff.token, { from: day, to: day, format: 'xlsx', activityId: required.id });
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file.arrayBuffer()) as ExcelJS.Buffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) =>
      rows.push(Array.from((row.values as unknown[]).slice(1), (cell) => String(cell ?? ''))),
    );
    const header = rows[0]!;
    const column = (name: string) => rows.slice(1).map((row) => row[header.indexOf(name)]);
    expect(column('成员编号')).toEqual([resident.userId, second!.userId]);
    expect(column('报名状态')).toEqual(['已报名', '候补']);
    expect(column('到场')).toEqual(['已签到', '']);
    const refusedExport = await exportOf(resident.token, { from: day, to: day, activityId: required.id });
    const wrongDataset = await fetch(
      urlOf(contracts.exportData, {
        params: { cid, dataset: 'hours' },
        query: { from: day, to: day, activityId: required.id },
      }),
      { headers: { authorization: `Bearer ${staff.token}` } },
    );
    expect(refusedExport.status).toBe(403);
    expect(wrongDataset.status).toBe(400);
  });

  it('counts a confirmed member who never came as a no-show once the activity is over, once', async () => {
    const { cid, staff } = await timebankCommunity();
    const [absent, present] = await people(cid, 2, 'ns');
    const activity = await createActivityNow(cid, staff.token, tomorrow());
    await signUp(cid, activity.id, absent!);
    await signUp(cid, activity.id, present!);
    await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { startsAt: minutesFromNow(-180), endsAt: minutesFromNow(-120), graceMinutes: 0 },
    });
    await send(contracts.recordOfficeAttendance, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { memberId: present!.userId, minutes: 60 },
    });
    const { handler } = await import('../../functions/src/jobs/close-open-attendances');
    await handler();
    await handler();

    const roster = await send(contracts.listSignups, { params: { cid, aid: activity.id }, token: staff.token });
    const byMember = new Map(roster.body.items.map((entry) => [entry.memberId, entry]));
    expect(byMember.get(absent!.userId)).toMatchObject({ attendance: 'no_show', noShows: 1 });
    expect(byMember.get(present!.userId)).toMatchObject({ attendance: 'checked_out', noShows: 0 });
  });

  it('reminds confirmed members a day before and an hour before, once each', async () => {
    const { cid, staff } = await timebankCommunity();
    const [member, waiting] = await people(cid, 2, 'rem');
    const activity = await createActivityNow(
      cid,
      staff.token,
      tomorrow({ startsAt: minutesFromNow(20 * 60), endsAt: minutesFromNow(21 * 60), capacity: 1 }),
    );
    await signUp(cid, activity.id, member!);
    await signUp(cid, activity.id, waiting!);
    const { handler } = await import('../../functions/src/jobs/send-activity-reminders');
    await handler();
    await handler();
    // Nineteen hours and a half later: within the hour.
    await handler({ now: minutesFromNow(19 * 60 + 30) });
    await handler({ now: minutesFromNow(19 * 60 + 35) });

    const reminders = async (person: Person) =>
      (await send(contracts.listMyNotifications, { token: person.token })).body.items.filter(
        (item) => item.kind === 'activity_reminder' && item.objectId === activity.id,
      );
    expect((await reminders(member!)).map((item) => item.title).sort()).toEqual(
      ['报名活动提醒', '活动一小时后开始'].sort(),
    );
    expect(await reminders(waiting!)).toEqual([]);
  });
});

describe('the volunteer profile and an activity’s requirements', () => {
  const ID = '11010119900307002X';

  it('keeps the ID number sealed at rest and shows it masked', async () => {
    const { cid } = await timebankCommunity();
    const [volunteer] = await people(cid, 1, 'prof');
    const params = { cid };
    const saved = await send(contracts.putVolunteerProfile, {
      params,
      token: volunteer!.token,
      body: { realName: '王芳', idNumber: ID.toLowerCase(), birthDate: '1990-03-07', skills: ['急救', '急救'] },
    });
    const badChecksum = await send(contracts.putVolunteerProfile, {
      params,
      token: volunteer!.token,
      body: { realName: '王芳', idNumber: '110101199003070021' },
    });
    const renamed = await send(contracts.putVolunteerProfile, {
      params,
      token: volunteer!.token,
      body: { realName: '王芳芳', skills: ['理发'] },
    });
    const read = await send(contracts.getVolunteerProfile, { params, token: volunteer!.token });
    const stored = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { PK: `COMMUNITY#${cid}`, SK: `VOLUNTEER#${volunteer!.userId}` } }),
    );

    expect(saved.status).toBe(200);
    expect(saved.body.profile).toMatchObject({ idNumberMasked: '1101**********002X', skills: ['急救'] });
    expect([badChecksum.status, errorOf(badChecksum)?.code]).toEqual([400, 'request.validation_failed']);
    // A save without the ID number keeps it (it is never sent back in full).
    expect(renamed.body.profile).toMatchObject({ realName: '王芳芳', idNumberMasked: '1101**********002X' });
    expect(read.body.profile).toEqual(renamed.body.profile);
    expect(JSON.stringify(read.body)).not.toContain(ID);
    expect(JSON.stringify(stored.Item)).not.toContain(ID);
    expect(JSON.stringify(stored.Item)).not.toContain('199003070');
  });

  it('tells a member which requirements they miss, refuses their sign-up, and takes it once met', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const [volunteer, young] = await people(cid, 2, 'req');
    const activity = await createActivityNow(
      cid,
      staff.token,
      tomorrow({ requirements: { minAge: 18, skills: ['急救'], insurance: true } }),
    );
    const before = await send(contracts.getMySignup, { params: { cid, aid: activity.id }, token: volunteer!.token });
    const refused = await signUp(cid, activity.id, volunteer!);
    await send(contracts.putVolunteerProfile, {
      params: { cid },
      token: volunteer!.token,
      body: { realName: '王芳', idNumber: ID, birthDate: '1990-03-07', skills: ['急救'] },
    });
    const taken = await signUp(cid, activity.id, volunteer!);
    await send(contracts.putVolunteerProfile, {
      params: { cid },
      token: young!.token,
      // Sixteen: old enough to register themself (under 14 a guardian adds them), too young for 18+.
      body: {
        realName: '小明',
        idNumber: idNumberBornOn(birthDateYearsAgo(16)),
        birthDate: birthDateYearsAgo(16),
        skills: ['急救'],
      },
    });
    const tooYoung = await signUp(cid, activity.id, young!);

    expect(before.body.unmet).toEqual([
      { requirement: 'birthDate', need: 18 },
      { requirement: 'skill', need: '急救' },
      { requirement: 'realName' },
      { requirement: 'idNumber' },
    ]);
    expect([refused.status, errorOf(refused)?.code]).toEqual([409, 'signup.requirements_unmet']);
    expect(taken.status).toBe(201);
    expect([tooYoung.status, errorOf(tooYoung)?.details]).toEqual([
      409,
      { unmet: [{ requirement: 'minAge', need: 18 }] },
    ]);

    // The roster export carries what the insurer needs: the ID number masked for staff, in full for an admin.
    const day = dayOf(activity.startsAt);
    const insuredRow = async (token: string) => {
      const reply = await fetch(
        urlOf(contracts.exportData, {
          params: { cid, dataset: 'signups' },
          query: { from: day, to: day, activityId: activity.id },
        }),
        { headers: { authorization: `Bearer ${token}` } },
      );
      const text = (await reply.text()).replace(/^\uFEFF/, '');
      const [header, ...rows] = text
        .trim()
        .split('\r\n')
        .map((line) => line.split(','));
      const row = rows.find((cells) => cells.includes(volunteer!.userId))!;
      return { name: row[header!.indexOf('真实姓名（保险）')], id: row[header!.indexOf('身份证号（保险）')] };
    };
    expect(await insuredRow(staff.token)).toEqual({ name: '王芳', id: '1101**********002X' });
    expect(await insuredRow(admin.token)).toEqual({ name: '王芳', id: ID });
  });
});
