import { contracts, dayOf } from '@linli/shared';
import { errorOf, send, urlOf } from '../support/api';
import { createMember } from '../support/factories';
import { callRoute, loadHandlers, routeTable } from '../support/routes';
import { pdfText } from '../support/pdf';
import { createActivityNow, officeClaim, timebankCommunity } from '../support/timebank';

/**
 * An outsider's attack on issue 18: the volunteer service record (志愿服务记录), requests to the
 * office, the 志愿服务记录证明 (issue, register, public check, PDF, revoke, seal) and the
 * national-shape export — as staff helping themselves or a friend, as a curious resident, and
 * across features (reversals, renames, edited activities). Each test states the correct
 * behaviour; those it found failing carry a comment saying what was wrong (each is fixed).
 */
type Person = { token: string; userId: string };

const ID = '11010119900307002X';
const MASKED = '1101**********002X';
const OFFICE = { address: '青龙街 1 号', phone: '010-12345678', responsiblePerson: '张主任' };
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A community with an office (responsible person named), an activity, and a resident with 90 approved minutes. */
async function office() {
  const fixture = await timebankCommunity({ name: '青龙街社区', office: OFFICE });
  const { cid, staff, otherStaff, resident } = fixture;
  const activity = await createActivityNow(cid, staff.token, {
    title: '陪老人聊天',
    description: '上门陪伴独居老人',
    location: '青龙街 12 号楼',
  });
  const claim = await officeClaim(cid, activity.id, staff.token, resident.userId, 90);
  await approve(cid, claim.id, otherStaff);
  expect((await putProfile(cid, resident, { realName: '王小明', idNumber: ID })).status).toBe(200);
  return { ...fixture, activity, claim };
}

async function approve(cid: string, claimId: string, approver: Person) {
  const reply = await send(contracts.approveClaim, { params: { cid, claimId }, token: approver.token });
  if (reply.status !== 200) throw new Error(`approve → ${reply.status} ${JSON.stringify(reply.body)}`);
}

const putProfile = (cid: string, person: Person, body: Record<string, unknown>) =>
  send(contracts.putVolunteerProfile, { params: { cid }, token: person.token, body: body as never });

const issue = (cid: string, staff: Person, body: Record<string, unknown>) =>
  send(contracts.issueServiceCertificate, { params: { cid }, token: staff.token, body: body as never });

const askCertificate = (cid: string, person: Person, body: Record<string, unknown> = {}) =>
  send(contracts.requestServiceCertificate, { params: { cid }, token: person.token, body: body as never });

const askCorrection = (cid: string, person: Person, body: Record<string, unknown>) =>
  send(contracts.requestRecordCorrection, { params: { cid }, token: person.token, body: body as never });

const check = (serialNumber: string) => send(contracts.checkServiceCertificate, { params: { serialNumber } });

const register = async (cid: string, staff: Person) => {
  const reply = await send(contracts.listServiceCertificates, { params: { cid }, query: {}, token: staff.token });
  expect(reply.status).toBe(200);
  return reply.body.items;
};

const myRecord = async (cid: string, person: Person) => {
  const reply = await send(contracts.getMyServiceRecord, { params: { cid }, token: person.token });
  expect(reply.status).toBe(200);
  return reply.body;
};

async function fetchPdf(serialNumber: string, token?: string) {
  const response = await fetch(urlOf(contracts.getServiceCertificatePdf, { params: { serialNumber } }), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type'), bytes };
}

const flat = (text: string) => text.replace(/\s+/g, '');

/** A refusal is a 4xx with a JSON `{error:{code}}`: never a 500, never a bare text. */
function expectClearRefusal(reply: { status: number; body: unknown }, code?: string) {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expect(typeof errorOf(reply)?.code).toBe('string');
  if (code) expect(errorOf(reply)?.code).toBe(code);
}

const sequenceOf = (serialNumber: string) => Number(serialNumber.split('-').at(-2));

describe('staff helping themselves or a friend', () => {
  it('cannot issue their own certificate, even by answering their own request', async () => {
    const { cid, staff, otherStaff, activity } = await office();
    const claim = await officeClaim(cid, activity.id, otherStaff.token, staff.userId, 60);
    await approve(cid, claim.id, await createMember(cid, ['staff'], 'approver'));
    await putProfile(cid, staff, { realName: '韩梅梅' });
    const asked = await askCertificate(cid, staff);
    expect(asked.status).toBe(201);
    const self = await issue(cid, staff, { memberId: staff.userId, requestId: asked.body.id });
    expectClearRefusal(self, 'auth.conflict_of_interest');
    // A colleague may issue it (the rule is "not one's own"), and that answers the request.
    const colleague = await issue(cid, otherStaff, { memberId: staff.userId, requestId: asked.body.id });
    expect(colleague.status).toBe(201);
    expect(colleague.body.totalMinutes).toBe(60);
  });

  it('cannot issue for, read the record of, or revoke across another community', async () => {
    const home = await office();
    const away = await timebankCommunity({ name: '白虎街社区', office: OFFICE });
    // A member of `home` through `away`'s office: not a member there.
    const foreignIssue = await issue(away.cid, away.staff, { memberId: home.resident.userId });
    expectClearRefusal(foreignIssue);
    expect(foreignIssue.status).toBe(404);
    expect(await register(away.cid, away.staff)).toEqual([]);
    // `away`'s staff through `home`'s path: not staff there.
    const throughHome = await issue(home.cid, away.staff, { memberId: home.resident.userId });
    expect(throughHome.status).toBe(403);
    const readAway = await send(contracts.getMemberServiceRecord, {
      params: { cid: away.cid, memberId: home.resident.userId },
      token: away.staff.token,
    });
    expect(readAway.status).toBe(404);
    const readHome = await send(contracts.getMemberServiceRecord, {
      params: { cid: home.cid, memberId: home.resident.userId },
      token: away.staff.token,
    });
    expect(readHome.status).toBe(403);

    const issued = await issue(home.cid, home.staff, { memberId: home.resident.userId });
    expect(issued.status).toBe(201);
    const revokeAway = await send(contracts.revokeServiceCertificate, {
      params: { cid: away.cid, serialNumber: issued.body.serialNumber },
      token: away.admin.token,
      body: { reason: '跨社区撤销' },
    });
    expectClearRefusal(revokeAway);
    expect((await check(issued.body.serialNumber)).body.valid).toBe(true);
    // Nor a request of `home` answered from `away`.
    const asked = await askCertificate(home.cid, home.resident);
    const decideAway = await send(contracts.decideRecordRequest, {
      params: { cid: away.cid, rid: asked.body.id },
      token: away.staff.token,
      body: { decision: 'rejected', reason: '不是我们的' },
    });
    expect(decideAway.status).toBe(404);
  });

  it('counts only approved, unreversed minutes: pending and rejected claims do not inflate a certificate', async () => {
    const { cid, staff, otherStaff, resident } = await office();
    const second = await createActivityNow(cid, staff.token, { title: '扫雪' });
    const pending = await officeClaim(cid, second.id, staff.token, resident.userId, 120);
    const third = await createActivityNow(cid, staff.token, { title: '发传单' });
    const rejected = await officeClaim(cid, third.id, staff.token, resident.userId, 180);
    const reject = await send(contracts.rejectClaim, {
      params: { cid, claimId: rejected.id },
      token: otherStaff.token,
      body: { reason: '没有到场' },
    });
    expect(reject.status).toBe(200);
    const issued = await issue(cid, otherStaff, { memberId: resident.userId });
    expect(issued.status).toBe(201);
    expect(issued.body.totalMinutes).toBe(90);
    expect(pending.status).toBe('pending');
    const pdf = await fetchPdf(issued.body.serialNumber, resident.token);
    const text = flat(await pdfText(pdf.bytes));
    expect(text).toContain('陪老人聊天');
    expect(text).not.toContain('扫雪');
    expect(text).not.toContain('发传单');
  });

  it('a period that has not ended yet is not certified: `to` after today is refused (or cut to today)', async () => {
    const { cid, staff, resident } = await office();
    const future = await issue(cid, staff, { memberId: resident.userId, to: '2099-12-31' });
    // Found by an outsider, now fixed: a certificate "for service up to 2099-12-31" is issued today (201, period to 2099-12-31):
    // it certifies a period that has not happened. `to` should be refused (400) or cut to the issue day.
    if (future.status === 201) {
      const entry = (await register(cid, staff)).find((item) => item.serialNumber === future.body.serialNumber);
      expect(entry?.to).toBe(dayOf(new Date()));
    } else expectClearRefusal(future);
  });
});

describe('races on requests and certificates', () => {
  it('issuing for one request at once from four desks gives one certificate and answers it once', async () => {
    const { cid, staff, otherStaff, thirdStaff, admin, resident } = await office();
    const asked = await askCertificate(cid, resident);
    const replies = await Promise.all(
      [staff, otherStaff, thirdStaff, admin].map((desk) =>
        issue(cid, desk, { memberId: resident.userId, requestId: asked.body.id }),
      ),
    );
    const winners = replies.filter((reply) => reply.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of replies.filter((reply) => reply.status !== 201)) {
      expectClearRefusal(loser.status === 503 ? { ...loser, status: 409 } : loser);
    }
    const certificates = (await register(cid, staff)).filter((item) => item.memberId === resident.userId);
    expect(certificates.map((item) => item.serialNumber)).toEqual([winners[0]!.body.serialNumber]);
    const mine = await send(contracts.listMyRecordRequests, { params: { cid }, token: resident.token });
    expect(mine.body.requests.find((request) => request.id === asked.body.id)).toMatchObject({
      status: 'accepted',
      serialNumber: winners[0]!.body.serialNumber,
    });
  });

  it('the register numbers stay contiguous after a lost race (no certificate number goes missing)', async () => {
    const { cid, staff, otherStaff, thirdStaff, admin, resident } = await office();
    const asked = await askCertificate(cid, resident);
    await Promise.all(
      [staff, otherStaff, thirdStaff, admin].map((desk) =>
        issue(cid, desk, { memberId: resident.userId, requestId: asked.body.id }),
      ),
    );
    const next = await issue(cid, staff, { memberId: resident.userId });
    expect(next.status).toBe(201);
    const sequences = (await register(cid, staff)).map((item) => sequenceOf(item.serialNumber)).sort((a, b) => a - b);
    // Found by an outsider, now fixed: every losing issuance consumed a number of the yearly sequence before its transaction
    // failed, so the register (登记簿) jumps, e.g. 000001 then 000004: a gap an auditor reads as a
    // certificate issued and then destroyed. The sequence should be taken in the issuing transaction.
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
  });

  it('a rejection racing an issuance for the same request: one wins, and no half is left', async () => {
    const { cid, staff, otherStaff, resident } = await office();
    const asked = await askCertificate(cid, resident);
    const [rejected, issued] = await Promise.all([
      send(contracts.decideRecordRequest, {
        params: { cid, rid: asked.body.id },
        token: staff.token,
        body: { decision: 'rejected', reason: '时长不足' },
      }),
      issue(cid, otherStaff, { memberId: resident.userId, requestId: asked.body.id }),
    ]);
    expect([rejected.status, issued.status].filter((status) => status === 200 || status === 201)).toHaveLength(1);
    const mine = await send(contracts.listMyRecordRequests, { params: { cid }, token: resident.token });
    const request = mine.body.requests.find((item) => item.id === asked.body.id)!;
    const certificates = await register(cid, staff);
    if (issued.status === 201) {
      expect(request).toMatchObject({ status: 'accepted', serialNumber: issued.body.serialNumber });
      expect(certificates).toHaveLength(1);
    } else {
      expectClearRefusal(issued, 'record_request.already_decided');
      expect(request.status).toBe('rejected');
      expect(certificates).toEqual([]);
    }
  });

  it('a burst of requests cannot get past the five-open limit', async () => {
    const { cid, resident } = await office();
    const replies = await Promise.all(Array.from({ length: 10 }, () => askCertificate(cid, resident)));
    const created = replies.filter((reply) => reply.status === 201).length;
    for (const refused of replies.filter((reply) => reply.status !== 201)) expectClearRefusal(refused);
    const mine = await send(contracts.listMyRecordRequests, { params: { cid }, token: resident.token });
    const open = mine.body.requests.filter((request) => request.status === 'open').length;
    // Found by an outsider, now fixed: the limit is read-then-write (count the open requests, then put one) with nothing
    // guarding the count: of ten requests at once 6 to 9 were created in my runs (open > 5), so the
    // office queue can be spammed past the limit. The count needs a conditional counter item in the write.
    expect(created).toBeLessThanOrEqual(5);
    expect(open).toBeLessThanOrEqual(5);
  });
});

describe('a curious resident', () => {
  it('reads nobody else’s record, requests, register, seal or PDF', async () => {
    const { cid, staff, resident } = await office();
    const nosy = await createMember(cid, ['resident'], 'nosy');
    const issued = await issue(cid, staff, { memberId: resident.userId });
    const serialNumber = issued.body.serialNumber;
    const replies = await Promise.all([
      send(contracts.getMemberServiceRecord, { params: { cid, memberId: resident.userId }, token: nosy.token }),
      send(contracts.listRecordRequests, { params: { cid }, query: {}, token: nosy.token }),
      send(contracts.listServiceCertificates, { params: { cid }, query: {}, token: nosy.token }),
      send(contracts.getCertificateSeal, { params: { cid }, token: nosy.token }),
      send(contracts.revokeServiceCertificate, {
        params: { cid, serialNumber },
        token: nosy.token,
        body: { reason: '看看' },
      }),
    ]);
    for (const reply of replies) expectClearRefusal(reply, 'auth.forbidden');
    const theirs = await send(contracts.listMyRecordRequests, { params: { cid }, token: nosy.token });
    expect(theirs.body).toEqual({ requests: [], certificates: [] });
    expect((await myRecord(cid, nosy)).items).toEqual([]);

    const anonymous = await fetchPdf(serialNumber);
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toMatch(/json/);
    const refused = await fetchPdf(serialNumber, nosy.token);
    expect(refused.status).toBe(403);
    expect(refused.contentType).toMatch(/json/);
    expect((await fetchPdf(`${serialNumber.slice(0, -4)}ZZZZ`, nosy.token)).status).toBe(404);
  });

  it('the public check shows only valid/revoked, masked name, hours, issuer and date', async () => {
    const { cid, staff, admin, resident } = await office();
    const issued = await issue(cid, staff, { memberId: resident.userId });
    const { serialNumber } = issued.body;
    const allowed = ['serialNumber', 'valid', 'holderName', 'totalMinutes', 'issuer', 'issuedAt', 'revoked'];
    const valid = await check(serialNumber);
    expect(Object.keys(valid.body).every((key) => allowed.includes(key))).toBe(true);
    const text = JSON.stringify(valid.body);
    for (const secret of [ID, MASKED, resident.userId, '王小明', '陪老人聊天', staff.userId]) {
      expect(text).not.toContain(secret);
    }
    expect(valid.body.holderName).toBe('王*明');
    await send(contracts.revokeServiceCertificate, {
      params: { cid, serialNumber },
      token: admin.token,
      body: { reason: '重新出具' },
    });
    const revoked = await check(serialNumber);
    expect(Object.keys(revoked.body).every((key) => allowed.includes(key))).toBe(true);
    expect(Object.keys(revoked.body.revoked!).sort()).toEqual(['at', 'reason']);
    expect(JSON.stringify(revoked.body)).not.toContain(admin.userId);
    // Malformed and unknown serials: clear 4xx JSON.
    expectClearRefusal(await check(serialNumber.toLowerCase()));
    expectClearRefusal(await check('X'.repeat(65)));
    const unknown = await check(`${cid.toUpperCase()}-2026-000001-0000`);
    expectClearRefusal(unknown, 'service_certificate.not_found');
  });

  it('cannot correct someone else’s claim, nor send huge, empty or control-character text', async () => {
    const { cid, resident, claim } = await office();
    const other = await timebankCommunity();
    const nosy = await createMember(cid, ['resident'], 'nosy');
    expectClearRefusal(await askCorrection(cid, nosy, { claimId: claim.id, description: '是我的' }));
    // The claim id through another community the asker belongs to.
    expectClearRefusal(await askCorrection(other.cid, other.resident, { claimId: claim.id, description: '是我的' }));
    const bad = ['字'.repeat(301), '   ', '第一行\u0000', '换行\u0007响铃'];
    for (const description of bad) {
      expectClearRefusal(await askCorrection(cid, resident, { description }), 'request.validation_failed');
    }
    expectClearRefusal(await askCorrection(cid, resident, { description: 'x', extra: 1 }));
    const unicode = await askCorrection(cid, resident, { description: '漏记了 🧹 扫雪 (é, ü, 𠀀)' });
    expect(unicode.status).toBe(201);
    expect(unicode.body.description).toBe('漏记了 🧹 扫雪 (é, ü, 𠀀)');
  });

  it('refuses dates that are no calendar day and periods that run backwards, for requests and issues', async () => {
    const { cid, staff, resident } = await office();
    expectClearRefusal(await askCertificate(cid, resident, { from: '2026-03-01', to: '2026-02-01' }));
    expectClearRefusal(await askCertificate(cid, resident, { from: '2026-13-01' }), 'request.validation_failed');
    const beforeIssue = await register(cid, staff);
    expectClearRefusal(await issue(cid, staff, { memberId: resident.userId, from: '2027-01-01', to: '2026-01-01' }));
    // A very long period is fine: it is the whole record.
    const long = await issue(cid, staff, { memberId: resident.userId, from: '2000-01-01' });
    expect(long.status).toBe(201);
    expect((await register(cid, staff)).length).toBe(beforeIssue.length + 1);
  });

  it('2026-02-30 is not a day: a certificate request or an issue for it is a 400', async () => {
    const { cid, staff, resident } = await office();
    const asked = await askCertificate(cid, resident, { from: '2026-02-30', to: '2026-02-31' });
    const issued = await issue(cid, staff, { memberId: resident.userId, from: '2026-02-30' });
    // Found by an outsider, now fixed: the `Day` schema is a pattern only (…-(0[1-9]|[12]\d|3[01])), so 2026-02-30 and
    // 2026-02-31 pass: the request is queued (201) with an impossible period, and a certificate is
    // issued (201) stating "2026-02-30 至 …" on a document with legal weight. The export route checks
    // real days (`export.range_invalid`); requests and certificates should too.
    expect(asked.status).toBe(400);
    expect(issued.status).toBe(400);
  });
});

describe('consistency between features', () => {
  it('a claim reversed after issue leaves the certificate as issued but takes the entry off the record', async () => {
    const { cid, staff, otherStaff, admin, resident, claim } = await office();
    const snow = await createActivityNow(cid, staff.token, { title: '扫雪' });
    const kept = await officeClaim(cid, snow.id, staff.token, resident.userId, 60);
    await approve(cid, kept.id, otherStaff);
    const issued = await issue(cid, staff, { memberId: resident.userId });
    expect(issued.body.totalMinutes).toBe(150);
    const reversal = await send(contracts.reverseTransfer, {
      params: { cid, transferId: `claim:${claim.id}` },
      token: admin.token,
      body: { reason: '重复登记' },
    });
    expect(reversal.status).toBe(201);
    const record = await myRecord(cid, resident);
    expect(record.items.map((entry) => entry.claimId)).toEqual([kept.id]);
    expect(record.totalMinutes).toBe(60);
    // The certificate: fixed contents — still 150 minutes, still listing the reversed service.
    expect((await check(issued.body.serialNumber)).body).toMatchObject({ valid: true, totalMinutes: 150 });
    const text = flat(await pdfText((await fetchPdf(issued.body.serialNumber, resident.token)).bytes));
    expect(text).toContain('陪老人聊天');
    expect(text).toContain('2.5');
    // A new one is issued from the record as it is now.
    const again = await issue(cid, otherStaff, { memberId: resident.userId });
    expect(again.body.totalMinutes).toBe(60);
  });

  it('a rename of the holder, the office or the community after issue does not rewrite the certificate', async () => {
    const { cid, staff, admin, resident } = await office();
    const issued = await issue(cid, staff, { memberId: resident.userId });
    expect((await putProfile(cid, resident, { realName: '王大明', idNumber: '110105200001010016' })).status).toBe(200);
    const renamed = await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { name: '朱雀街社区', office: { ...OFFICE, responsiblePerson: '李主任' } },
    });
    expect(renamed.status).toBe(200);
    expect((await check(issued.body.serialNumber)).body).toMatchObject({ holderName: '王*明', issuer: '青龙街社区' });
    const text = flat(await pdfText((await fetchPdf(issued.body.serialNumber, resident.token)).bytes));
    for (const expected of ['王小明', MASKED, '青龙街社区', '张主任']) expect(text).toContain(expected);
    for (const later of ['王大明', '朱雀街社区', '李主任', '1101**********0016']) expect(text).not.toContain(later);
  });

  it('an activity edited after approval does not rewrite the recorded service (date, place, content)', async () => {
    const { cid, staff, resident, activity } = await office();
    const before = (await myRecord(cid, resident)).items[0]!;
    const issued = await issue(cid, staff, { memberId: resident.userId });
    const edited = await send(contracts.updateActivity, {
      params: { cid, aid: activity.id },
      token: staff.token,
      body: {
        description: '改过的内容',
        location: '别的地方',
        // Times may only widen once people attended: the start moves a year earlier, the end stays.
        startsAt: '2025-01-06T01:00:00.000Z',
      },
    });
    expect(edited.status).toBe(200);
    const pdf = flat(await pdfText((await fetchPdf(issued.body.serialNumber, resident.token)).bytes));
    expect(pdf).toContain('上门陪伴独居老人');
    expect(pdf).not.toContain('改过的内容');
    const after = (await myRecord(cid, resident)).items[0]!;
    // Found by an outsider, now fixed: the record is "read from the claims, never copied" — but date, place and content are
    // read live from the activity, so staff editing an activity after its claims were approved
    // silently rewrites the volunteer's record: the service done today now reads as 2025-01-06 at
    // 别的地方 (a start may move earlier once people attended), and a certificate "for 2025" can be
    // issued for it. The record should keep what was recorded at approval (or the activity's day,
    // place and content should be locked once claims of it are approved).
    const for2025 = await issue(cid, staff, { memberId: resident.userId, from: '2025-01-01', to: '2025-12-31' });
    expect({ date: after.date, place: after.place, content: after.content, for2025: errorOf(for2025)?.code }).toEqual({
      date: before.date,
      place: before.place,
      content: before.content,
      for2025: 'service_certificate.no_service',
    });
  });

  it('an office without a responsible person issues nothing and consumes no register number', async () => {
    const { cid, staff, admin, resident } = await office();
    const first = await issue(cid, staff, { memberId: resident.userId });
    expect(sequenceOf(first.body.serialNumber)).toBe(1);
    const cleared = await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      body: { office: { address: OFFICE.address, phone: OFFICE.phone } },
    });
    expect(cleared.status).toBe(200);
    expectClearRefusal(await issue(cid, staff, { memberId: resident.userId }), 'service_certificate.office_incomplete');
    const blank = await send(contracts.updateCommunity, {
      params: { cid },
      token: admin.token,
      invalidBody: { office: { ...OFFICE, responsiblePerson: '   ' } },
    });
    expectClearRefusal(blank, 'request.validation_failed');
    expect(await register(cid, staff)).toHaveLength(1);
    await send(contracts.updateCommunity, { params: { cid }, token: admin.token, body: { office: OFFICE } });
    const second = await issue(cid, staff, { memberId: resident.userId });
    expect(sequenceOf(second.body.serialNumber)).toBe(2);
  });
});

describe('the seal', () => {
  const putSeal = (cid: string, admin: Person, contentType: string, base64: string) =>
    send(contracts.putCertificateSeal, { params: { cid }, token: admin.token, invalidBody: { contentType, base64 } });

  it('refuses wrong types, mismatched bytes, non-base64 and oversized uploads with a clear 4xx', async () => {
    const { cid, admin, staff } = await office();
    expectClearRefusal(await putSeal(cid, admin, 'image/gif', PNG_1PX.toString('base64')), 'request.validation_failed');
    expectClearRefusal(
      await putSeal(cid, admin, 'image/jpeg', PNG_1PX.toString('base64')),
      'service_certificate.seal_invalid',
    );
    expectClearRefusal(await putSeal(cid, admin, 'image/png', '!!!not base64!!!'), 'request.validation_failed');
    expectClearRefusal(await putSeal(cid, admin, 'image/png', ''));
    // 210 KB of PNG: under the body limit, over the image limit.
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(210 * 1024)]).toString('base64');
    expectClearRefusal(await putSeal(cid, admin, 'image/png', big));
    // 400 KB: over the body limit.
    const huge = Buffer.concat([PNG_1PX, Buffer.alloc(400 * 1024)]).toString('base64');
    expectClearRefusal(await putSeal(cid, admin, 'image/png', huge));
    const asText = await send(contracts.putCertificateSeal, {
      params: { cid },
      token: admin.token,
      rawBody: JSON.stringify({ contentType: 'image/png', base64: PNG_1PX.toString('base64') }),
      headers: { 'content-type': 'text/plain' },
    });
    expectClearRefusal(asText);
    expect((await send(contracts.getCertificateSeal, { params: { cid }, token: staff.token })).body.seal).toBeNull();
  });

  it('refuses bytes that only start like a PNG or a JPEG: a seal accepted must still draw', async () => {
    const { cid, admin, staff, resident } = await office();
    const issued = await issue(cid, staff, { memberId: resident.userId });
    const pngJunk = Buffer.concat([PNG_MAGIC, Buffer.from('this is not an image at all')]).toString('base64');
    const jpegJunk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('nope')]).toString('base64');
    const pngReply = await putSeal(cid, admin, 'image/png', pngJunk);
    const pdfAfterPng = await fetchPdf(issued.body.serialNumber, resident.token);
    const jpegReply = await putSeal(cid, admin, 'image/jpeg', jpegJunk);
    const pdfAfterJpeg = await fetchPdf(issued.body.serialNumber, resident.token);
    // Found by an outsider, now fixed: the seal check is the magic bytes only, so the 8-byte PNG signature (or FF D8 FF) followed
    // by junk is stored (200); pdfkit then throws ("Incomplete or corrupt PNG file") and every
    // certificate PDF of the community answers 500 internal.error until an admin uploads a new seal.
    // The upload should decode the image (or at least its header chunks) and refuse with 400 seal_invalid.
    expect(pdfAfterPng.status).toBe(200);
    expect(pdfAfterJpeg.status).toBe(200);
    expectClearRefusal(pngReply, 'service_certificate.seal_invalid');
    expectClearRefusal(jpegReply, 'service_certificate.seal_invalid');
  });
});

describe('the export, the claims queue and the dashboard', () => {
  const download = async (cid: string, token: string, query: Record<string, string>) => {
    const response = await fetch(
      urlOf(contracts.exportData, {
        params: { cid, dataset: 'service-records' },
        query: query as never,
      }),
      { headers: { authorization: `Bearer ${token}` } },
    );
    const text = await response.text();
    return { status: response.status, text: text.replace(/^\uFEFF/, ''), type: response.headers.get('content-type') };
  };

  it('masks ID numbers for staff, drops reversed entries, and answers bad or empty ranges without a 500', async () => {
    const { cid, staff, admin, resident, claim } = await office();
    const today = dayOf(new Date());
    const asStaff = await download(cid, staff.token, { from: today, to: today, format: 'csv' });
    expect(asStaff.text).toContain(MASKED);
    expect(asStaff.text).not.toContain(ID);
    expect((await download(cid, admin.token, { from: today, to: today })).text).toContain(ID);
    const empty = await download(cid, staff.token, { from: '2025-01-01', to: '2025-01-31' });
    expect(empty.status).toBe(200);
    expect(empty.text.split(/\r?\n/).filter(Boolean)).toHaveLength(1);
    const emptyXlsx = await download(cid, staff.token, { from: '2025-01-01', to: '2025-01-31', format: 'xlsx' });
    expect(emptyXlsx.status).toBe(200);
    for (const query of [
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-03-02', to: '2026-03-01' },
      { from: '2024-01-01', to: '2026-01-01' },
    ]) {
      const refused = await download(cid, staff.token, query);
      expect(refused.status).toBe(400);
      expect(refused.type).toMatch(/json/);
    }
    const resident403 = await download(cid, resident.token, { from: today, to: today });
    expect(resident403.status).toBe(403);
    await send(contracts.reverseTransfer, {
      params: { cid, transferId: `claim:${claim.id}` },
      token: admin.token,
      body: { reason: '重复登记' },
    });
    const afterReversal = await download(cid, staff.token, { from: today, to: today });
    expect(afterReversal.text).not.toContain(claim.id);
  });

  it('the queue’s deadline fields and the dashboard counts follow approvals and rejections', async () => {
    const { cid, staff, otherStaff, resident, activity } = await office();
    const stats = async () => (await send(contracts.getStats, { params: { cid }, token: staff.token })).body.current;
    expect(await stats()).toMatchObject({ pendingClaims: 0, overdueClaims: 0 });
    const neighbours = await Promise.all([1, 2, 3].map(() => createMember(cid, ['resident'], 'vol')));
    const claims = [];
    for (const person of neighbours) claims.push(await officeClaim(cid, activity.id, staff.token, person.userId, 30));
    expect(await stats()).toMatchObject({ pendingClaims: 3, overdueClaims: 0 });
    const queue = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'pending' },
      token: staff.token,
    });
    for (const item of queue.body.items) {
      expect(item.overdue).toBe(false);
      expect(item.recordingDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    await approve(cid, claims[0]!.id, otherStaff);
    await send(contracts.rejectClaim, {
      params: { cid, claimId: claims[1]!.id },
      token: otherStaff.token,
      body: { reason: '未到场' },
    });
    expect(await stats()).toMatchObject({ pendingClaims: 1, overdueClaims: 0 });
    const approved = await send(contracts.listClaims, {
      params: { cid },
      query: { status: 'approved' },
      token: staff.token,
    });
    for (const item of approved.body.items) expect(item).not.toHaveProperty('overdue');
    expect((await myRecord(cid, resident)).totalMinutes).toBe(90);
  });
});

describe('the invitation’s mini-program code', () => {
  it('is for the office of the invitation’s community only', async () => {
    const { cid, staff, admin, resident } = await office();
    const other = await timebankCommunity();
    const invitation = await send(contracts.createInvitation, {
      params: { cid },
      token: admin.token,
      body: { roles: ['resident'] },
    });
    expect(invitation.status).toBe(201);
    const code = invitation.body.code;
    const get = (token: string, communityId = cid, invitationCode = code) =>
      send(contracts.getInvitationWxacode, { params: { cid: communityId, code: invitationCode }, token });
    expectClearRefusal(await get(resident.token), 'auth.forbidden');
    expect((await get(other.staff.token, other.cid)).status).toBe(404);
    expect((await get(other.staff.token)).status).toBe(403);
    expect((await get(staff.token, cid, 'NOSUCHCODE123456')).status).toBe(404);
  });
});

describe('walking the public check', () => {
  // In-process from one made-up address: the budget is per IP, and every other test here calls the
  // check from 127.0.0.1 over HTTP (walking it there would spend their budget for the next minute).
  beforeAll(async () => {
    await loadHandlers(routeTable().entries.filter((entry) => entry.contract === 'checkServiceCertificate'));
  });

  it('is rate-limited per caller with a clear 429 JSON', async () => {
    const { cid } = await office();
    const sourceIp = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const replies = [];
    for (let batch = 0; batch < 7; batch += 1) {
      replies.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            callRoute('checkServiceCertificate', {
              params: {
                serialNumber: `${cid.toUpperCase()}-2026-${String(batch * 10 + index + 1).padStart(6, '0')}-AAAA`,
              },
              sourceIp,
            }),
          ),
        )),
      );
    }
    for (const reply of replies) expectClearRefusal({ status: reply.status, body: reply.json });
    expect(replies.some((reply) => reply.status === 429)).toBe(true);
  });
});
