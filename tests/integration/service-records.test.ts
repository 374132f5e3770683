import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { contracts, dayOf, type Claim } from '@linli/shared';
import { DynamoClaimStore } from '../../functions/src/store/timebank/timebank-store';
import { documentClient, errorOf, send, urlOf } from '../support/api';
import { createMember, tableName } from '../support/factories';
import { pdfQrCodes, pdfText } from '../support/pdf';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * Issue 18: the volunteer service record (志愿服务记录) and its certificate (志愿服务记录证明) as the
 * 志愿服务记录与证明出具办法（试行） asks — entries of approved, unreversed claims with their fields,
 * the 10-working-day recording deadline on the mainland calendar, correction and certificate
 * requests, issue / register / public check / revoke, the seal, and the national-shape export.
 */
type Person = { token: string; userId: string };

const ID = '11010119900307002X';
const MASKED = '1101**********002X';
const OFFICE = { address: '青龙街 1 号', phone: '010-12345678', responsiblePerson: '张主任' };

async function setup() {
  const fixture = await timebankCommunity({ name: '青龙街社区', office: OFFICE });
  const { cid, staff, otherStaff } = fixture;
  const activity = await createActivityNow(cid, staff.token, {
    title: '陪老人聊天',
    description: '上门陪伴独居老人，聊天读报',
    location: '青龙街 12 号楼',
  });
  return { ...fixture, activity, approve: (claimId: string) => approve(cid, claimId, otherStaff) };
}

async function approve(cid: string, claimId: string, approver: Person) {
  const reply = await send(contracts.approveClaim, { params: { cid, claimId }, token: approver.token });
  if (reply.status !== 200) throw new Error(`approve → ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const record = async (cid: string, person: Person) => {
  const reply = await send(contracts.getMyServiceRecord, { params: { cid }, token: person.token });
  expect(reply.status).toBe(200);
  return reply.body;
};

const putProfile = (cid: string, person: Person, body: Record<string, unknown>) =>
  send(contracts.putVolunteerProfile, { params: { cid }, token: person.token, body: body as never });

const issue = (cid: string, staff: Person, body: Record<string, unknown>) =>
  send(contracts.issueServiceCertificate, { params: { cid }, token: staff.token, body: body as never });

/** The check page the certificate's QR code opens (the H5 app that `PUBLIC_APP_URL` names). */
const expectedCheckUrl = (serialNumber: string) =>
  `${process.env.PUBLIC_APP_URL}/#/pages/certificate-check/index?serial=${serialNumber}`;

async function fetchPdf(serialNumber: string, token: string) {
  const response = await fetch(urlOf(contracts.getServiceCertificatePdf, { params: { serialNumber } }), {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

const check = (serialNumber: string) => send(contracts.checkServiceCertificate, { params: { serialNumber } });

describe('the service record', () => {
  it('lists approved, unreversed claims with the fields the 办法 names; a reversal takes the entry off', async () => {
    const { cid, staff, admin, resident, activity, approve: approveClaim } = await setup();
    const first = await officeClaim(cid, activity.id, staff.token, resident.userId, 90);
    await approveClaim(first.id);
    const second = await createActivityNow(cid, staff.token, { title: '扫雪', category: 'snow' });
    const kept = await officeClaim(cid, second.id, staff.token, resident.userId, 60);
    await approveClaim(kept.id);
    const pending = await createActivityNow(cid, staff.token, { title: '未审核' });
    await officeClaim(cid, pending.id, staff.token, resident.userId, 30);

    let mine = await record(cid, resident);
    expect(mine.totalMinutes).toBe(150);
    expect(mine.items.map((entry) => entry.activityTitle).sort()).toEqual(['扫雪', '陪老人聊天']);
    const entry = mine.items.find((item) => item.claimId === first.id)!;
    expect(entry).toMatchObject({
      activityTitle: '陪老人聊天',
      content: '上门陪伴独居老人，聊天读报',
      place: '青龙街 12 号楼',
      minutes: 90,
      date: dayOf(activity.startsAt),
      organiser: '青龙街社区',
      source: 'office',
    });
    expect(entry.personInCharge).toMatch(/^staff-/);
    expect(entry.recordedBy).toMatch(/^staff2-/);
    expect(Date.parse(entry.recordedAt)).toBeGreaterThan(0);
    // Without a description or a place: the category's label and the office's address.
    expect(mine.items.find((item) => item.claimId === kept.id)).toMatchObject({ place: OFFICE.address });

    const reversal = await send(contracts.reverseTransfer, {
      params: { cid, transferId: `claim:${first.id}` },
      token: admin.token,
      body: { reason: '重复登记' },
    });
    expect(reversal.status).toBe(201);
    mine = await record(cid, resident);
    expect(mine.items.map((item) => item.claimId)).toEqual([kept.id]);
    expect(mine.totalMinutes).toBe(60);

    // Staff see the same record of a member; a resident may not read another's.
    const asStaff = await send(contracts.getMemberServiceRecord, {
      params: { cid, memberId: resident.userId },
      token: staff.token,
    });
    expect(asStaff.body.totalMinutes).toBe(60);
    const other = await createMember(cid, ['resident'], 'nosy');
    const refused = await send(contracts.getMemberServiceRecord, {
      params: { cid, memberId: resident.userId },
      token: other.token,
    });
    expect(refused.status).toBe(403);
  });
});

describe('the recording deadline', () => {
  it('is ten working days after the activity, across the National Day week, and flags overdue claims', async () => {
    const { cid, staff, resident, activity } = await setup();
    // A claim left pending since an activity that ended 2026-09-30 22:00 China time.
    const stale: Claim = {
      id: `stale-${Date.now()}`,
      communityId: cid,
      memberId: resident.userId,
      memberName: 'resident',
      activityId: activity.id,
      activityTitle: '国庆前的活动',
      minutes: 60,
      points: 1,
      status: 'pending',
      source: 'office',
      flagged: false,
      createdBy: staff.userId,
      createdAt: '2026-09-30T14:30:00.000Z',
      activityEndsAt: '2026-09-30T14:00:00.000Z',
    };
    await new DynamoClaimStore(documentClient(), tableName()).putClaim(stale);
    const fresh = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);

    const queue = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'pending' },
      token: staff.token,
    });
    const old = queue.body.items.find((claim) => claim.id === stale.id)!;
    expect(old).toMatchObject({ recordingDeadline: '2026-10-20', overdue: true });
    expect(old.deadlineEstimated).toBeUndefined();
    const recent = queue.body.items.find((claim) => claim.id === fresh.id)!;
    expect(recent.overdue).toBe(false);
    expect(recent.recordingDeadline! > dayOf(new Date())).toBe(true);

    const stats = await send(contracts.getStats, { params: { cid }, token: staff.token });
    expect(stats.body.current).toMatchObject({ pendingClaims: 2, overdueClaims: 1 });
  });
});

describe('corrections', () => {
  it('a member asks, staff answer once, the member is told, and it is all audited', async () => {
    const { cid, staff, otherStaff, admin, resident, activity, approve: approveClaim } = await setup();
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);
    await approveClaim(claim.id);
    const asked = await send(contracts.requestRecordCorrection, {
      params: { cid },
      token: resident.token,
      body: { claimId: claim.id, description: '我服务了两个小时，记成了一个小时' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', kind: 'correction', activityTitle: '陪老人聊天' });
    const missing = await send(contracts.requestRecordCorrection, {
      params: { cid },
      token: resident.token,
      body: { description: '11 月 3 日的扫雪没有记录' },
    });
    expect(missing.status).toBe(201);

    // Someone else's claim is no business of theirs.
    const other = await createMember(cid, ['resident'], 'other');
    const foreign = await send(contracts.requestRecordCorrection, {
      params: { cid },
      token: other.token,
      body: { claimId: claim.id, description: '这是我的' },
    });
    expect(errorOf(foreign)?.code).toBe('record_request.claim_unknown');

    const queue = await send(contracts.listRecordRequests, { params: { cid }, query: {}, token: staff.token });
    expect(queue.body.items.map((request) => request.id)).toEqual(
      expect.arrayContaining([asked.body.id, missing.body.id]),
    );
    const residentQueue = await send(contracts.listRecordRequests, {
      params: { cid },
      query: {},
      token: resident.token,
    });
    expect(residentQueue.status).toBe(403);

    const decide = (token: string, decision: 'accepted' | 'rejected', reason: string) =>
      send(contracts.decideRecordRequest, {
        params: { cid, rid: asked.body.id },
        token,
        body: { decision, reason },
      });
    const [one, two] = await Promise.all([
      decide(staff.token, 'accepted', '已补录 60 分钟，待另一位社工审核'),
      decide(otherStaff.token, 'rejected', '签到记录只有一小时'),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const winner = one.status === 200 ? one.body : two.body;

    const notifications = await send(contracts.listMyNotifications, { token: resident.token });
    expect(
      notifications.body.items.some((item) => item.kind === 'service_record' && item.body.includes(winner.reason!)),
    ).toBe(true);
    const mine = await send(contracts.listMyRecordRequests, { params: { cid }, token: resident.token });
    expect(mine.body.requests.find((request) => request.id === asked.body.id)?.status).toBe(winner.status);
    const audit = await send(contracts.listAudit, {
      params: { cid },
      query: { objectType: 'record_request', objectId: asked.body.id },
      token: admin.token,
    });
    expect(audit.body.items.map((item) => item.action).sort()).toEqual([
      'record_request.create',
      'record_request.decide',
    ]);
  });

  it('staff cannot answer their own request, and a member has at most five open', async () => {
    const { cid, staff, otherStaff } = await setup();
    const own = await send(contracts.requestRecordCorrection, {
      params: { cid },
      token: staff.token,
      body: { description: '我自己的记录少了一次' },
    });
    const self = await send(contracts.decideRecordRequest, {
      params: { cid, rid: own.body.id },
      token: staff.token,
      body: { decision: 'accepted', reason: '自己批' },
    });
    expect(errorOf(self)?.code).toBe('auth.conflict_of_interest');
    for (let index = 0; index < 4; index += 1) {
      const more = await send(contracts.requestServiceCertificate, { params: { cid }, token: staff.token, body: {} });
      expect(more.status).toBe(201);
    }
    const sixth = await send(contracts.requestServiceCertificate, { params: { cid }, token: staff.token, body: {} });
    expect(errorOf(sixth)?.code).toBe('record_request.too_many');
    const decided = await send(contracts.decideRecordRequest, {
      params: { cid, rid: own.body.id },
      token: otherStaff.token,
      body: { decision: 'rejected', reason: '没有找到签到' },
    });
    expect(decided.status).toBe(200);
  });
});

describe('the 志愿服务记录证明', () => {
  it('is issued from the record, answers the request, is in the register, checks public and revokes', async () => {
    const { cid, staff, otherStaff, admin, resident, activity, approve: approveClaim } = await setup();
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 90);
    await approveClaim(claim.id);
    const noProfile = await issue(cid, staff, { memberId: resident.userId });
    expect(errorOf(noProfile)?.code).toBe('service_certificate.profile_missing');
    expect((await putProfile(cid, resident, { realName: '王小明', idNumber: ID })).status).toBe(200);

    const asked = await send(contracts.requestServiceCertificate, { params: { cid }, token: resident.token, body: {} });
    expect(asked.status).toBe(201);
    const issued = await issue(cid, staff, { memberId: resident.userId, requestId: asked.body.id });
    expect(issued.status).toBe(201);
    const { serialNumber } = issued.body;
    expect(serialNumber).toMatch(new RegExp(`^${cid.toUpperCase()}-\\d{4}-000001-[0-9A-Z]{4}$`));
    expect(issued.body.totalMinutes).toBe(90);
    // The same request cannot be answered twice.
    const again = await issue(cid, otherStaff, { memberId: resident.userId, requestId: asked.body.id });
    expect(errorOf(again)?.code).toBe('record_request.already_decided');
    // A certificate request is accepted by issuing it, not by a bare "accepted".
    const another = await send(contracts.requestServiceCertificate, {
      params: { cid },
      token: resident.token,
      body: {},
    });
    const bare = await send(contracts.decideRecordRequest, {
      params: { cid, rid: another.body.id },
      token: staff.token,
      body: { decision: 'accepted', reason: '好的' },
    });
    expect(errorOf(bare)?.code).toBe('record_request.issue_to_accept');

    const mine = await send(contracts.listMyRecordRequests, { params: { cid }, token: resident.token });
    expect(mine.body.requests.find((request) => request.id === asked.body.id)).toMatchObject({
      status: 'accepted',
      serialNumber,
    });
    expect(mine.body.certificates.map((certificate) => certificate.serialNumber)).toEqual([serialNumber]);
    expect(mine.body.requests.find((request) => request.id === another.body.id)?.status).toBe('open');

    // Stored with the masked ID number only.
    const stored = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: { PK: `SERVICE_CERT#${serialNumber}`, SK: 'SERVICE_CERT' } }),
    );
    expect(JSON.stringify(stored.Item)).not.toContain(ID);
    expect(stored.Item).toMatchObject({ idNumberMasked: MASKED, holderName: '王小明', responsiblePerson: '张主任' });

    // The PDF: for the holder and the office; the text is real, the ID masked, the QR leads to the check page.
    const pdf = await fetchPdf(serialNumber, resident.token);
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf.bytes)).replace(/\s+/g, '');
    for (const expected of ['志愿服务记录证明', '王小明', MASKED, serialNumber, '1.5', '张主任', '青龙街社区'])
      expect(text).toContain(expected.replace(/\s+/g, ''));
    expect(text).not.toContain(ID);
    expect(await pdfQrCodes(pdf.bytes, { first: 1, last: 1 })).toEqual([expectedCheckUrl(serialNumber)]);
    expect((await fetchPdf(serialNumber, staff.token)).status).toBe(200);
    const neighbour = await createMember(cid, ['resident'], 'neighbour');
    expect((await fetchPdf(serialNumber, neighbour.token)).status).toBe(403);
    const elsewhere = await timebankCommunity();
    expect((await fetchPdf(serialNumber, elsewhere.staff.token)).status).toBe(403);

    const register = await send(contracts.listServiceCertificates, { params: { cid }, query: {}, token: staff.token });
    expect(register.body.items[0]).toMatchObject({ serialNumber, memberId: resident.userId, handlerId: staff.userId });
    expect(register.body.items[0]).not.toHaveProperty('services');

    const valid = await check(serialNumber);
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({
      serialNumber,
      valid: true,
      holderName: '王*明',
      totalMinutes: 90,
      issuer: '青龙街社区',
      issuedAt: issued.body.issuedAt,
    });
    expect((await check(`${serialNumber.slice(0, -4)}ZZZZ`)).status).toBe(404);

    const revoke = (token: string) =>
      send(contracts.revokeServiceCertificate, {
        params: { cid, serialNumber },
        token,
        body: { reason: '时长登记有误，已重新出具' },
      });
    expect((await revoke(resident.token)).status).toBe(403);
    expect((await revoke(admin.token)).status).toBe(200);
    expect(errorOf(await revoke(staff.token))?.code).toBe('service_certificate.revoked');
    const revoked = await check(serialNumber);
    expect(revoked.body).toMatchObject({ valid: false, revoked: { reason: '时长登记有误，已重新出具' } });
    expect(revoked.body).not.toHaveProperty('idNumberMasked');
  });

  it('is refused for one’s own, for a period without service, and without the office’s responsible person', async () => {
    const { cid, staff, otherStaff, resident, activity, approve: approveClaim } = await setup();
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 60);
    await approveClaim(claim.id);
    await putProfile(cid, resident, { realName: '李雷' });
    await putProfile(cid, staff, { realName: '韩梅梅' });
    expect(errorOf(await issue(cid, staff, { memberId: staff.userId }))?.code).toBe('auth.conflict_of_interest');
    const empty = await issue(cid, staff, { memberId: resident.userId, from: '2025-01-01', to: '2025-12-31' });
    expect(errorOf(empty)?.code).toBe('service_certificate.no_service');
    const backwards = await issue(cid, staff, { memberId: resident.userId, from: '2026-02-01', to: '2026-01-01' });
    expect(errorOf(backwards)?.code).toBe('service_certificate.period_invalid');
    expect((await issue(cid, otherStaff, { memberId: resident.userId })).status).toBe(201);

    const bare = await timebankCommunity();
    const bareActivity = await createActivityNow(bare.cid, bare.staff.token);
    const bareClaim = await officeClaim(bare.cid, bareActivity.id, bare.staff.token, bare.resident.userId, 60);
    await approve(bare.cid, bareClaim.id, bare.otherStaff);
    await putProfile(bare.cid, bare.resident, { realName: '赵六' });
    const incomplete = await issue(bare.cid, bare.staff, { memberId: bare.resident.userId });
    expect(errorOf(incomplete)?.code).toBe('service_certificate.office_incomplete');
    // Staff of another community cannot revoke it.
    const register = await send(contracts.listServiceCertificates, { params: { cid }, query: {}, token: staff.token });
    const foreign = await send(contracts.revokeServiceCertificate, {
      params: { cid: bare.cid, serialNumber: register.body.items[0]!.serialNumber },
      token: bare.staff.token,
      body: { reason: '不是我们的' },
    });
    expect(foreign.status).toBe(404);
  });
});

describe('the seal and the national-shape export', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );

  it('takes a PNG seal from an admin only and refuses bytes that are not one', async () => {
    const { cid, staff, admin } = await setup();
    const put = (token: string, base64: string) =>
      send(contracts.putCertificateSeal, {
        params: { cid },
        token,
        body: { contentType: 'image/png', base64 },
      });
    expect((await put(staff.token, PNG.toString('base64'))).status).toBe(403);
    expect(errorOf(await put(admin.token, Buffer.from('not a png').toString('base64')))?.code).toBe(
      'service_certificate.seal_invalid',
    );
    expect((await put(admin.token, PNG.toString('base64'))).status).toBe(200);
    const seal = await send(contracts.getCertificateSeal, { params: { cid }, token: staff.token });
    expect(seal.body.seal).toMatchObject({ contentType: 'image/png', base64: PNG.toString('base64') });
  });

  it('exports one row per record entry with the 办法’s fields; the full ID number only for an admin', async () => {
    const { cid, staff, admin, resident, activity, approve: approveClaim } = await setup();
    const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 90);
    await approveClaim(claim.id);
    await putProfile(cid, resident, { realName: '王小明', idNumber: ID });
    const today = dayOf(new Date());
    const download = async (token: string) => {
      const response = await fetch(
        urlOf(contracts.exportData, {
          params: { cid, dataset: 'service-records' },
          query: { from: today, to: today, format: 'csv' },
        }),
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(response.status).toBe(200);
      return (await response.text()).replace(/^\uFEFF/, '');
    };
    const asStaff = await download(staff.token);
    const [header, row] = asStaff.split(/\r?\n/);
    expect(header).toContain(
      '志愿者姓名,证件类型,证件号码,志愿者编号,活动名称,服务内容,服务日期,服务地点,服务时长（小时）',
    );
    expect(row).toContain('王小明,居民身份证,' + MASKED);
    expect(row).toContain('1.50,90,青龙街社区');
    expect(asStaff).not.toContain(ID);
    expect(await download(admin.token)).toContain(ID);
  });
});
