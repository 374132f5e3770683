import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { contracts, dayOf, type Activity } from '@linli/shared';
import { documentClient, errorOf, login, send, urlOf } from '../support/api';
import { createMember, tableName } from '../support/factories';
import { checkinCode, createActivityNow, minutesFromNow, timebankCommunity } from '../support/timebank';

/**
 * An outsider's attack on the volunteer profile (志愿者资料, the ID number sealed and masked), an
 * activity's requirements (age, skills, insurance), the insurance roster export, and walk-ins
 * taking sign-up places. The faults it found are fixed and their tests kept: the idempotency record's
 * plain body hash (the ID number could be guessed back), a racing save dropping the ID number, a
 * walk-in skipping requirements, full ID numbers of people not going, a waitlisted scan told "busy",
 * and a cancellation racing a check-in.
 */
type Person = { token: string; userId: string };

/** A valid resident ID number (GB 11643 check character X) and its masked form. */
const ID = '11010119900307002X';
const MASKED = '1101**********002X';
/** A second valid one (check character 6). */
const ID2 = '110105200001010016';

const tomorrow = (overrides: Record<string, unknown> = {}) => ({
  startsAt: minutesFromNow(24 * 60),
  endsAt: minutesFromNow(26 * 60),
  ...overrides,
});

/** Sign-up still open (starts in 20 minutes) while check-in already is (its window opens an hour early). */
const soonWithCheckin = (overrides: Record<string, unknown> = {}) => ({
  startsAt: minutesFromNow(20),
  endsAt: minutesFromNow(140),
  graceMinutes: 60,
  ...overrides,
});

async function people(cid: string, count: number, prefix = 'ap'): Promise<Person[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => createMember(cid, ['resident'], `${prefix}${index}`)));
}

const signUp = (cid: string, aid: string, person: Person) =>
  send(contracts.signUp, { params: { cid, aid }, token: person.token, body: {} });

const cancel = (cid: string, aid: string, person: Person) =>
  send(contracts.cancelSignup, { params: { cid, aid }, token: person.token });

const putProfile = (cid: string, person: Person, body: Record<string, unknown>, headers?: Record<string, string>) =>
  send(contracts.putVolunteerProfile, {
    params: { cid },
    token: person.token,
    body: body as never,
    ...(headers ? { headers } : {}),
  });

const getProfile = async (cid: string, person: Person) =>
  (await send(contracts.getVolunteerProfile, { params: { cid }, token: person.token })).body.profile;

const checkIn = (cid: string, aid: string, person: Person, code: string) =>
  send(contracts.checkin, { params: { cid }, token: person.token, body: { activityId: aid, code, direction: 'in' } });

async function activityNow(cid: string, aid: string, token: string): Promise<Activity> {
  return (await send(contracts.getActivity, { params: { cid, aid }, token })).body;
}

async function rosterOf(cid: string, aid: string, token: string) {
  const reply = await send(contracts.listSignups, { params: { cid, aid }, token });
  if (reply.status !== 200) throw new Error(`roster → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.items;
}

/**
 * The counters equal the roster: a walk-in holds a sign-up place (counted as confirmed) — so
 * confirmed = confirmed + walk-in lines; nobody past capacity; nobody waits while a place is free.
 */
async function expectCountersMatchRoster(cid: string, aid: string, staff: Person, capacity: number) {
  const [activity, items] = await Promise.all([activityNow(cid, aid, staff.token), rosterOf(cid, aid, staff.token)]);
  const holding = items.filter((entry) => entry.status === 'confirmed' || entry.status === 'walk_in').length;
  const waitlisted = items.filter((entry) => entry.status === 'waitlisted').length;
  expect(activity.signups).toEqual({ confirmed: holding, waitlisted });
  expect(holding).toBeLessThanOrEqual(capacity);
  if (waitlisted > 0) expect(holding).toBe(capacity);
  return { activity, items };
}

const rawProfileItem = async (cid: string, userId: string) =>
  (
    await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { PK: `COMMUNITY#${cid}`, SK: `VOLUNTEER#${userId}` } }),
    )
  ).Item;

/** The signups export of one activity as rows of cells keyed by header (CSV or XLSX). */
async function exportRows(cid: string, activity: Activity, token: string, format: 'csv' | 'xlsx' = 'csv') {
  const day = dayOf(activity.startsAt);
  const reply = await fetch(
    urlOf(contracts.exportData, {
      params: { cid, dataset: 'signups' },
      query: { from: day, to: day, activityId: activity.id, format },
    }),
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (reply.status !== 200)
    return { status: reply.status, rows: [] as Record<string, string>[], raw: await reply.text() };
  let table: string[][];
  let raw: string;
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reply.arrayBuffer()) as ExcelJS.Buffer);
    table = [];
    workbook.worksheets[0]!.eachRow((row) =>
      table.push(Array.from((row.values as unknown[]).slice(1), (cell) => String(cell ?? ''))),
    );
    raw = JSON.stringify(table);
  } else {
    raw = (await reply.text()).replace(/^\uFEFF/, '');
    table = raw
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
  }
  const [header, ...rest] = table;
  const rows = rest.map((cells) => Object.fromEntries(header!.map((name, index) => [name, cells[index] ?? ''])));
  return { status: 200, rows, raw };
}

// ------------------------------------------------------------------------------------------------

describe('attack: the volunteer profile (志愿者资料)', () => {
  let cid: string;
  let staff: Person;
  let admin: Person;

  beforeAll(async () => {
    ({ cid, staff, admin } = await timebankCommunity());
  });

  it('another member, a stranger and another community cannot read or overwrite it; hostile bodies are 4xx JSON', async () => {
    const [victim, attacker] = await people(cid, 2, 'own');
    const other = await timebankCommunity();
    const stranger = await login(`stranger-${randomUUID().slice(0, 8)}`);
    const saved = await putProfile(cid, victim!, { realName: '王芳', idNumber: ID, birthDate: '1990-03-07' });
    expect(saved.status).toBe(200);

    const hostile: unknown[] = [
      { realName: '李四', userId: victim!.userId },
      { realName: '李四', memberId: victim!.userId },
      { realName: '李四', communityId: other.cid },
      { realName: '李四', idNumberSealed: { ciphertext: 'x' } },
      { realName: '李四', idNumberMasked: MASKED },
      {},
      { realName: '' },
      { realName: 'x'.repeat(21) },
      { realName: 42 },
      { realName: null },
      { realName: '李四', idNumber: '11010119900307002' },
      { realName: '李四', idNumber: '11010119900307002XX' },
      { realName: '李四', idNumber: '110101199003070021' },
      { realName: '李四', idNumber: '１１０１０１１９９００３０７００２Ｘ' },
      { realName: '李四', idNumber: ' 11010119900307002X' },
      { realName: '李四', idNumber: 11010119900307002 },
      { realName: '李四', idNumber: null },
      { realName: '李四', idNumber: '' },
      { realName: '李四', idNumber: ['11010119900307002X'] },
      { realName: '李四', idNumber: { $ne: null } },
      { realName: '李四', birthDate: '2001-02-29' },
      { realName: '李四', birthDate: '1990-13-01' },
      { realName: '李四', birthDate: '1899-12-31' },
      { realName: '李四', birthDate: '99999-01-01' },
      { realName: '李四', birthDate: '1990-03-07T00:00:00Z' },
      { realName: '李四', birthDate: 19900307 },
      { realName: '李四', gender: 'other' },
      { realName: '李四', phone: '<script>' },
      { realName: '李四', skills: Array.from({ length: 11 }, (_, index) => `s${index}`) },
      { realName: '李四', skills: [''] },
      { realName: '李四', skills: [{}] },
      { realName: '李四', skills: 'a,b' },
      { realName: '李四', serviceTypes: [null] },
      [{ realName: '李四' }],
      '李四',
      null,
    ];
    const replies = await Promise.all(
      hostile.map((invalidBody) =>
        send(contracts.putVolunteerProfile, { params: { cid }, token: attacker!.token, invalidBody }),
      ),
    );
    for (const [index, reply] of replies.entries()) {
      expect([index, reply.status]).toEqual([index, 400]);
      expect(errorOf(reply)?.code).toEqual(expect.any(String));
      expect(JSON.stringify(reply.body)).not.toContain(ID);
    }
    const malformed = await send(contracts.putVolunteerProfile, {
      params: { cid },
      token: attacker!.token,
      rawBody: '{"realName":"李四","idNumber":',
    });
    const tooBig = await send(contracts.putVolunteerProfile, {
      params: { cid },
      token: attacker!.token,
      rawBody: JSON.stringify({ realName: '李四', idNumber: '1'.repeat(200_000) }),
    });
    const byStranger = await putProfile(cid, stranger, { realName: '李四' });
    const readByStranger = await send(contracts.getVolunteerProfile, { params: { cid }, token: stranger.token });
    const anonymous = await send(contracts.getVolunteerProfile, { params: { cid } });
    // A member of another community, through their own community's path: their own (empty) profile.
    const otherCommunity = await send(contracts.getVolunteerProfile, {
      params: { cid: other.cid },
      token: other.resident.token,
    });
    const victimsCommunityByOutsider = await send(contracts.getVolunteerProfile, {
      params: { cid },
      token: other.resident.token,
    });
    // The attacker's own save writes the attacker's profile only.
    const own = await putProfile(cid, attacker!, { realName: '李四', idNumber: ID2 });

    expect([malformed.status, tooBig.status]).toEqual([400, 413]);
    expect([byStranger.status, readByStranger.status, anonymous.status]).toEqual([403, 403, 401]);
    expect(otherCommunity.body.profile).toBeNull();
    expect(victimsCommunityByOutsider.status).toBe(403);
    expect(own.status).toBe(200);
    expect(await getProfile(cid, victim!)).toEqual(saved.body.profile);
    expect((await getProfile(cid, attacker!))?.idNumberMasked).toBe('1101**********0016');
  });

  it('the ID number is never shown in full: reply, item, audit log, roster, staff exports (CSV, XLSX) all masked', async () => {
    const [volunteer] = await people(cid, 1, 'mask');
    const activity = await createActivityNow(cid, staff.token, tomorrow({ requirements: { insurance: true } }));
    const saved = await putProfile(cid, volunteer!, { realName: '王芳', idNumber: ID.toLowerCase() });
    expect(saved.body.profile.idNumberMasked).toBe(MASKED);
    expect((await signUp(cid, activity.id, volunteer!)).status).toBe(201);

    const item = await rawProfileItem(cid, volunteer!.userId);
    const audit = await send(contracts.listAudit, { params: { cid }, token: admin.token, query: {} });
    const roster = await send(contracts.listSignups, { params: { cid, aid: activity.id }, token: staff.token });
    const mine = await send(contracts.getMySignup, { params: { cid, aid: activity.id }, token: volunteer!.token });
    const mySignups = await send(contracts.listMySignups, { params: { cid }, token: volunteer!.token });
    const csv = await exportRows(cid, activity, staff.token, 'csv');
    const xlsx = await exportRows(cid, activity, staff.token, 'xlsx');
    const adminCsv = await exportRows(cid, activity, admin.token, 'csv');
    const byResident = await exportRows(cid, activity, volunteer!.token, 'csv');

    expect(item).toBeDefined();
    for (const text of [
      JSON.stringify(item),
      JSON.stringify(audit.body),
      JSON.stringify(roster.body),
      JSON.stringify(mine.body),
      JSON.stringify(mySignups.body),
      csv.raw,
      xlsx.raw,
    ]) {
      expect(text).not.toContain(ID);
      expect(text.toLowerCase()).not.toContain(ID.toLowerCase());
    }
    expect(csv.rows.find((row) => row['成员编号'] === volunteer!.userId)?.['身份证号（保险）']).toBe(MASKED);
    expect(xlsx.rows.find((row) => row['成员编号'] === volunteer!.userId)?.['身份证号（保险）']).toBe(MASKED);
    expect(adminCsv.rows.find((row) => row['成员编号'] === volunteer!.userId)?.['身份证号（保险）']).toBe(ID);
    expect(byResident.status).toBe(403);
  });

  it('the idempotency record of a profile save keeps only a keyed digest of the body: the ID number cannot be guessed back from it', async () => {
    const [volunteer] = await people(cid, 1, 'hash');
    const body = { realName: '王芳', birthDate: '1990-03-07', idNumber: ID };
    const key = `profile-${randomUUID()}`;
    const saved = await putProfile(cid, volunteer!, body, { 'idempotency-key': key });
    expect(saved.status).toBe(200);

    // What someone who can read the table sees: the profile item (name, birth date, masked number)…
    const item = (await rawProfileItem(cid, volunteer!.userId))!;
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    // …and the idempotency record (its key is derived from who called what, with which key).
    const scope = `${volunteer!.userId} PUT /v1/communities/${cid}/me/volunteer-profile`;
    const record = (
      await documentClient().send(
        new GetCommand({
          TableName: tableName(),
          Key: { PK: `IDEMPOTENCY#${sha256(`${scope}\n${key}`)}`, SK: 'RECORD' },
        }),
      )
    ).Item;
    expect(record).toBeDefined();
    // The masked number gives 8 characters, the birth date 8 more: 100 candidates for the 2 left.
    const masked = String(item.idNumberMasked);
    const born = String(item.birthDate).replaceAll('-', '');
    let recovered: string | undefined;
    for (let district = 0; district < 100 && !recovered; district += 1) {
      const guess = `${masked.slice(0, 4)}${String(district).padStart(2, '0')}${born}${masked.slice(-4)}`;
      const candidate = JSON.stringify({ realName: item.realName, birthDate: item.birthDate, idNumber: guess });
      if (sha256(candidate) === record!.requestHash) recovered = guess;
    }
    // The stored items must not let anyone with table access learn the plain number.
    expect(recovered).toBeUndefined();
  });

  it('a save with the ID number and a save without it at the same moment never lose the ID number', async () => {
    const volunteers = await people(cid, 12, 'race');
    const replies = await Promise.all(
      volunteers.map((volunteer) =>
        Promise.all([
          putProfile(cid, volunteer, { realName: '王芳', idNumber: ID }),
          putProfile(cid, volunteer, { realName: '王芳', skills: ['急救'] }),
        ]),
      ),
    );
    for (const pair of replies) for (const reply of pair) expect(reply.status).toBe(200);
    const profiles = await Promise.all(volunteers.map((volunteer) => getProfile(cid, volunteer)));
    // Either order keeps the ID number (a save without it keeps the old one): only a lost update drops it.
    const lost = profiles.filter((profile) => profile?.idNumberMasked !== MASKED).length;
    expect(lost).toBe(0);
  });

  it('the same Idempotency-Key: a burst and a later replay give one reply; a replay after a newer save changes nothing; another body is refused', async () => {
    const [volunteer] = await people(cid, 1, 'idem');
    const key = `profile-${randomUUID()}`;
    const first = { realName: '王芳', idNumber: ID, skills: ['急救'] };
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => putProfile(cid, volunteer!, first, { 'idempotency-key': key })),
    );
    const done = burst.filter((reply) => reply.status === 200);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const reply of burst.filter((one) => one.status !== 200)) {
      expect([reply.status, errorOf(reply)?.code]).toEqual([409, 'idempotency.in_progress']);
    }
    const newer = await putProfile(cid, volunteer!, { realName: '王芳芳', idNumber: ID2 });
    const replay = await putProfile(cid, volunteer!, first, { 'idempotency-key': key });
    const otherBody = await putProfile(cid, volunteer!, { realName: '张三' }, { 'idempotency-key': key });

    expect(newer.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(done[0]!.body);
    expect(otherBody.status).toBeGreaterThanOrEqual(400);
    expect(otherBody.status).toBeLessThan(500);
    expect(await getProfile(cid, volunteer!)).toEqual(newer.body.profile);
  });
});

// ------------------------------------------------------------------------------------------------

describe('attack: an activity’s requirements (minimum age, skills, insurance)', () => {
  let cid: string;
  let staff: Person;

  beforeAll(async () => {
    ({ cid, staff } = await timebankCommunity());
  });

  const unmetFor = async (aid: string, person: Person) => {
    const reply = await send(contracts.getMySignup, { params: { cid, aid }, token: person.token });
    expect(reply.status).toBe(200);
    return reply.body.unmet;
  };

  it('age is taken on the activity’s day in China time: a birthday that day counts, the day before does not; leap-day birthdays', async () => {
    const [birthday, leap] = await people(cid, 2, 'age');
    await putProfile(cid, birthday!, { realName: '生日', birthDate: '2009-03-01' });
    await putProfile(cid, leap!, { realName: '闰日', birthDate: '2008-02-29' });
    const at = async (chinaTime: string, minAge: number) =>
      createActivityNow(cid, staff.token, {
        startsAt: new Date(Date.parse(`${chinaTime}+08:00`)).toISOString(),
        endsAt: new Date(Date.parse(`${chinaTime}+08:00`) + 2 * 3600_000).toISOString(),
        requirements: { minAge },
      });
    // 00:30 China time on 1 March 2027 is still 28 February in UTC.
    const marchFirstEarly = await at('2027-03-01T00:30:00', 18);
    const febLate = await at('2027-02-28T23:30:00', 18);
    const leapOld = await at('2027-03-01T00:30:00', 19);
    const leapYoung = await at('2027-02-27T10:00:00', 19);

    expect(await unmetFor(marchFirstEarly.id, birthday!)).toEqual([]);
    expect(await unmetFor(febLate.id, birthday!)).toEqual([{ requirement: 'minAge', need: 18 }]);
    expect(await unmetFor(leapOld.id, leap!)).toEqual([]);
    expect(await unmetFor(leapYoung.id, leap!)).toEqual([{ requirement: 'minAge', need: 19 }]);
    const refused = await signUp(cid, febLate.id, birthday!);
    expect([refused.status, errorOf(refused)?.code, errorOf(refused)?.details]).toEqual([
      409,
      'signup.requirements_unmet',
      { unmet: [{ requirement: 'minAge', need: 18 }] },
    ]);
    expect((await signUp(cid, marchFirstEarly.id, birthday!)).status).toBe(201);
  });

  it('hostile requirements are refused 400 on create and on PATCH; nothing is changed', async () => {
    const activity = await createActivityNow(cid, staff.token, tomorrow({ requirements: { minAge: 18 } }));
    const bad: unknown[] = [
      { minAge: 0 },
      { minAge: 101 },
      { minAge: 17.5 },
      { minAge: '18' },
      { minAge: -1 },
      { skills: Array.from({ length: 6 }, (_, index) => `s${index}`) },
      { skills: [''] },
      { skills: [1] },
      { insurance: 'yes' },
      { idNumber: true },
      null,
      [],
      'insurance',
    ];
    const creates = await Promise.all(
      bad.map((requirements) =>
        send(contracts.createActivity, {
          params: { cid },
          token: staff.token,
          invalidBody: { title: '测试', category: 'care', ...tomorrow(), requirements },
        }),
      ),
    );
    const patches = await Promise.all(
      bad.map((requirements) =>
        send(contracts.updateActivity, {
          params: { cid, aid: activity.id },
          token: staff.token,
          invalidBody: { requirements },
        }),
      ),
    );
    for (const reply of [...creates, ...patches]) {
      expect(reply.status).toBe(400);
      expect(errorOf(reply)?.code).toEqual(expect.any(String));
    }
    expect((await activityNow(cid, activity.id, staff.token)).requirements).toEqual({ minAge: 18 });
  });

  it('PATCHing requirements after sign-up and changing the profile after sign-up: the sign-up stands, the member is told what they miss; newcomers are refused', async () => {
    const [early, late] = await people(cid, 2, 'later');
    const activity = await createActivityNow(cid, staff.token, tomorrow({ capacity: 5 }));
    await putProfile(cid, early!, { realName: '早', skills: ['急救'] });
    expect((await signUp(cid, activity.id, early!)).status).toBe(201);
    const patched = await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: { requirements: { skills: ['急救'], insurance: true } },
    });
    expect(patched.status).toBe(200);
    // The early one drops the skill from their profile after signing up.
    await putProfile(cid, early!, { realName: '早' });
    const lateTry = await signUp(cid, activity.id, late!);

    const mine = await send(contracts.getMySignup, { params: { cid, aid: activity.id }, token: early!.token });
    expect(mine.body.signup?.status).toBe('confirmed');
    expect(mine.body.unmet).toEqual([{ requirement: 'skill', need: '急救' }, { requirement: 'idNumber' }]);
    expect([lateTry.status, errorOf(lateTry)?.code]).toEqual([409, 'signup.requirements_unmet']);
    // A stranger to the community learns nothing of the activity's requirements or anyone's unmet list.
    const stranger = await login(`stranger-${randomUUID().slice(0, 8)}`);
    const strangers = await send(contracts.getMySignup, { params: { cid, aid: activity.id }, token: stranger.token });
    expect(strangers.status).toBe(403);
    await expectCountersMatchRoster(cid, activity.id, staff, 5);
  });

  it('a walk-in cannot take a place of an activity with requirements (checked at sign-up)', async () => {
    const [child] = await people(cid, 1, 'kid');
    // Fifteen this year or fourteen: old enough to register themself (a child under 14 is added by a guardian), under 18.
    await putProfile(cid, child!, { realName: '小明', birthDate: `${new Date().getFullYear() - 15}-05-01` });
    const activity = await createActivityNow(
      cid,
      staff.token,
      soonWithCheckin({ capacity: 3, requirements: { minAge: 18, insurance: true } }),
    );
    const code = (await checkinCode(cid, activity.id, staff.token)).code;
    const viaSignup = await signUp(cid, activity.id, child!);
    const walkIn = await checkIn(cid, activity.id, child!, code);

    expect([viaSignup.status, errorOf(viaSignup)?.code]).toEqual([409, 'signup.requirements_unmet']);
    // The check-in must not hand out the place the sign-up refused.
    expect(walkIn.status).toBe(409);
    expect((await activityNow(cid, activity.id, staff.token)).signups).toEqual({ confirmed: 0, waitlisted: 0 });
  });
});

// ------------------------------------------------------------------------------------------------

describe('attack: the insurance roster export', () => {
  it('an admin’s insurance export gives full ID numbers only of those going, not of the cancelled or waitlisted', async () => {
    const { cid, staff, admin } = await timebankCommunity();
    const [going, cancelled, waiting] = await people(cid, 3, 'ins');
    const ids = [ID, ID2, '320102198512310125'];
    for (const [index, person] of [going, cancelled, waiting].entries()) {
      await putProfile(cid, person!, { realName: `志愿者${index}`, idNumber: ids[index]! });
    }
    const activity = await createActivityNow(
      cid,
      staff.token,
      tomorrow({ capacity: 1, requirements: { insurance: true } }),
    );
    expect((await signUp(cid, activity.id, cancelled!)).body.signup.status).toBe('confirmed');
    expect((await cancel(cid, activity.id, cancelled!)).status).toBe(200);
    expect((await signUp(cid, activity.id, going!)).body.signup.status).toBe('confirmed');
    expect((await signUp(cid, activity.id, waiting!)).body.signup.status).toBe('waitlisted');

    const { rows } = await exportRows(cid, activity, admin.token);
    const idOf = (person: Person) => rows.find((row) => row['成员编号'] === person.userId)?.['身份证号（保险）'];
    expect(idOf(going!)).toBe(ID);
    // Only the people to be insured: never the full number of someone who will not come.
    expect(idOf(cancelled!)).not.toBe(ID2);
    expect(idOf(waiting!)).not.toBe(ids[2]);
  });

  it('staff who are not admin, team leaders and residents never get a full ID number: exports, other datasets, rosters, audit', async () => {
    const { cid, staff, admin, resident } = await timebankCommunity();
    const [volunteer, leader] = await people(cid, 2, 'leak');
    await putProfile(cid, volunteer!, {
      realName: '王芳',
      idNumber: ID,
      birthDate: '1990-03-07',
      phone: '13800000000',
    });
    const team = await send(contracts.createTeam, {
      params: { cid },
      token: staff.token,
      body: { name: `队-${randomUUID().slice(0, 6)}`, leaderIds: [leader!.userId] },
    });
    expect(team.status).toBe(201);
    const activity = await createActivityNow(
      cid,
      staff.token,
      tomorrow({ teamId: team.body.id, requirements: { insurance: true } }),
    );
    expect((await signUp(cid, activity.id, volunteer!)).status).toBe(201);
    const day = dayOf(activity.startsAt);
    const datasets = ['members', 'hours', 'ledger', 'signups', 'service-records'] as const;
    const files = await Promise.all(
      datasets.map(async (dataset) => {
        const reply = await fetch(
          urlOf(contracts.exportData, { params: { cid, dataset: dataset as never }, query: { from: day, to: day } }),
          { headers: { authorization: `Bearer ${staff.token}` } },
        );
        return { dataset, status: reply.status, text: await reply.text() };
      }),
    );
    const leaderRoster = await send(contracts.listSignups, { params: { cid, aid: activity.id }, token: leader!.token });
    const leaderExport = await exportRows(cid, activity, leader!.token);
    const residentExport = await exportRows(cid, activity, resident.token);
    const staffAudit = await send(contracts.listAudit, { params: { cid }, token: staff.token, query: {} });
    const adminAudit = await send(contracts.listAudit, { params: { cid }, token: admin.token, query: {} });
    // A hostile activityId / dataset does not echo anything personal in its error.
    const hostile = await fetch(
      urlOf(contracts.exportData, {
        params: { cid, dataset: 'signups' },
        query: { from: day, to: day, activityId: `${activity.id}' OR 1=1` },
      }),
      { headers: { authorization: `Bearer ${staff.token}` } },
    );

    for (const file of files) {
      expect([file.dataset, file.status < 500]).toEqual([file.dataset, true]);
      expect([file.dataset, file.text.includes(ID)]).toEqual([file.dataset, false]);
    }
    expect(leaderRoster.status).toBe(200);
    expect(JSON.stringify(leaderRoster.body)).not.toContain(ID);
    expect([leaderExport.status, residentExport.status]).toEqual([403, 403]);
    expect(staffAudit.status).toBe(403);
    expect(JSON.stringify(adminAudit.body)).not.toContain(ID);
    expect(hostile.status).toBeGreaterThanOrEqual(400);
    expect(hostile.status).toBeLessThan(500);
    expect(await hostile.text()).not.toContain(ID);
  });
});

// ------------------------------------------------------------------------------------------------

describe('attack: walk-ins and places', () => {
  let cid: string;
  let staff: Person;

  beforeAll(async () => {
    ({ cid, staff } = await timebankCommunity());
  });

  it('positions with a capacity are refused 400 on create and on PATCH', async () => {
    const created = await send(contracts.createActivity, {
      params: { cid },
      token: staff.token,
      body: { title: '岗位', category: 'care', ...tomorrow(), capacity: 3, positions: [{ name: '厨师', capacity: 2 }] },
    });
    const withPositions = await createActivityNow(
      cid,
      staff.token,
      tomorrow({ positions: [{ name: '司机', capacity: 2 }] }),
    );
    const patched = await send(contracts.updateActivity, {
      params: { cid, aid: withPositions.id },
      token: staff.token,
      body: { capacity: 10 },
    });
    expect([created.status, errorOf(created)?.code]).toEqual([400, 'activity.capacity_with_positions']);
    expect([patched.status, errorOf(patched)?.code]).toEqual([400, 'activity.capacity_with_positions']);
    expect((await activityNow(cid, withPositions.id, staff.token)).capacity).toBeUndefined();
  });

  it('a walk-in takes a free place; a checked-in member (walk-in or signed up) cannot cancel; a retried check-in changes nothing', async () => {
    const [signed, walker] = await people(cid, 2, 'walk');
    const activity = await createActivityNow(cid, staff.token, soonWithCheckin({ capacity: 2 }));
    expect((await signUp(cid, activity.id, signed!)).status).toBe(201);
    const code = (await checkinCode(cid, activity.id, staff.token)).code;
    const key = `checkin-${randomUUID()}`;
    const walkIns = await Promise.all(
      Array.from({ length: 4 }, () =>
        send(contracts.checkin, {
          params: { cid },
          token: walker!.token,
          body: { activityId: activity.id, code, direction: 'in' },
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    const signedIn = await checkIn(cid, activity.id, signed!, code);
    for (const reply of walkIns) expect([200, 409]).toContain(reply.status);
    expect(walkIns.some((reply) => reply.status === 200)).toBe(true);
    expect(signedIn.status).toBe(200);
    const cancels = await Promise.all([cancel(cid, activity.id, walker!), cancel(cid, activity.id, signed!)]);
    for (const reply of cancels) expect([reply.status, errorOf(reply)?.code]).toEqual([409, 'signup.checked_in']);
    const { items } = await expectCountersMatchRoster(cid, activity.id, staff, 2);
    expect(
      items.map(({ memberId, status }) => ({ memberId, status })).sort((a, b) => a.status.localeCompare(b.status)),
    ).toEqual([
      { memberId: signed!.userId, status: 'confirmed' },
      { memberId: walker!.userId, status: 'walk_in' },
    ]);
  });

  it('a waitlisted member who scans in is told the activity is full (409 checkin.capacity_full)', async () => {
    const [holder, waiting] = await people(cid, 2, 'wl');
    const activity = await createActivityNow(cid, staff.token, soonWithCheckin({ capacity: 1 }));
    expect((await signUp(cid, activity.id, holder!)).body.signup.status).toBe('confirmed');
    expect((await signUp(cid, activity.id, waiting!)).body.signup.status).toBe('waitlisted');
    const code = (await checkinCode(cid, activity.id, staff.token)).code;
    const scan = await checkIn(cid, activity.id, waiting!, code);
    expect(scan.status).toBe(409);
    // Scanning again can never help: the place is the confirmed member's.
    expect(errorOf(scan)?.code).toBe('checkin.capacity_full');
    await expectCountersMatchRoster(cid, activity.id, staff, 1);
  });

  it('a check-in racing the member’s own cancellation never leaves them checked in with a cancelled sign-up', async () => {
    const crowd = await people(cid, 14, 'cxr');
    const activity = await createActivityNow(cid, staff.token, soonWithCheckin({ capacity: 20 }));
    for (const person of crowd) expect((await signUp(cid, activity.id, person)).status).toBe(201);
    const code = (await checkinCode(cid, activity.id, staff.token)).code;
    const replies = await Promise.all(
      crowd.map((person) => Promise.all([cancel(cid, activity.id, person), checkIn(cid, activity.id, person, code)])),
    );
    for (const pair of replies) for (const reply of pair) expect(reply.status).toBeLessThan(500);
    const { items } = await expectCountersMatchRoster(cid, activity.id, staff, 20);
    // A member who is checked in cannot have cancelled (409 signup.checked_in once they are in).
    const checkedInButCancelled = items.filter((entry) => entry.status === 'cancelled' && entry.attendance !== 'none');
    expect(checkedInButCancelled).toEqual([]);
  });

  it('walk-ins racing sign-ups and cancellations: never past capacity, the counters always equal the roster', async () => {
    const crowd = await people(cid, 16, 'mix');
    const activity = await createActivityNow(cid, staff.token, soonWithCheckin({ capacity: 5 }));
    for (const person of crowd.slice(0, 3)) expect((await signUp(cid, activity.id, person)).status).toBe(201);
    const code = (await checkinCode(cid, activity.id, staff.token)).code;
    const replies = await Promise.all([
      ...crowd.slice(0, 2).map((person) => cancel(cid, activity.id, person)),
      ...crowd.slice(3, 9).map((person) => signUp(cid, activity.id, person)),
      ...crowd.slice(9, 16).map((person) => checkIn(cid, activity.id, person, code)),
      checkIn(cid, activity.id, crowd[2]!, code),
    ]);
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    const { items } = await expectCountersMatchRoster(cid, activity.id, staff, 5);
    // The confirmed member who scanned is in whatever happened around them.
    expect(replies.at(-1)!.status).toBe(200);
    // Every walk-in told 200 is on the roster holding a place; every one refused is not.
    crowd.slice(9, 16).forEach((person, index) => {
      const reply = replies[2 + 6 + index]!;
      const line = items.find((entry) => entry.memberId === person.userId);
      if (reply.status === 200) expect(line?.status).toBe('walk_in');
      else expect(line).toBeUndefined();
    });
    // A confirmed member is never refused at the door, even at capacity.
    const later = await Promise.all(
      items
        .filter((entry) => entry.status === 'confirmed')
        .map((entry) => {
          const person = crowd.find((one) => one.userId === entry.memberId)!;
          return checkIn(cid, activity.id, person, code);
        }),
    );
    for (const reply of later) expect(reply.status).toBe(200);
    await expectCountersMatchRoster(cid, activity.id, staff, 5);
  });
});
