import { contracts, CURRENT_CONSENT_VERSIONS, PRIVACY_GUIDE_VERSION, hasCurrentConsent } from '@linli/shared';
import { errorOf, newUser, send } from '../support/api';

/**
 * Consents (issue 19 item 3, extended by issue 20): which version of the privacy guide each person
 * accepted, and when; withdrawable; only the current version can be accepted; each person sees only
 * their own. Over HTTP against the running API.
 */
const GUIDE = { kind: 'privacy_guide', version: PRIVACY_GUIDE_VERSION } as const;

describe('consents: the privacy guide accepted, listed and withdrawn', () => {
  it('records the acceptance with its time, and the same version again keeps the first', async () => {
    const person = await newUser('consent');
    const before = Date.now();

    const first = await send(contracts.acceptConsent, { token: person.token, body: GUIDE });
    const again = await send(contracts.acceptConsent, { token: person.token, body: GUIDE });
    const list = await send(contracts.listMyConsents, { token: person.token });

    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      kind: 'privacy_guide',
      version: PRIVACY_GUIDE_VERSION,
      acceptedAt: expect.any(String),
    });
    expect(Date.parse(first.body.acceptedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([first.body]);
    expect(list.body.current).toEqual({
      privacy_guide: PRIVACY_GUIDE_VERSION,
      id_number: CURRENT_CONSENT_VERSIONS.id_number,
      donor_name_public: CURRENT_CONSENT_VERSIONS.donor_name_public,
    });
    expect(hasCurrentConsent(list.body.items, 'privacy_guide')).toBe(true);
  });

  it('refuses a version that is not the current one, and an unknown kind, with 400', async () => {
    const person = await newUser('consent');

    const old = await send(contracts.acceptConsent, {
      token: person.token,
      body: { kind: 'privacy_guide', version: '2020-01-01' },
    });
    const kind = await send(contracts.acceptConsent, {
      token: person.token,
      invalidBody: { kind: 'marketing', version: PRIVACY_GUIDE_VERSION },
    });
    const list = await send(contracts.listMyConsents, { token: person.token });

    expect(old.status).toBe(400);
    expect(errorOf(old)?.code).toBe('consent.version_unknown');
    expect(kind.status).toBe(400);
    expect(errorOf(kind)?.code).toBe('request.validation_failed');
    expect(list.body.items).toEqual([]);
  });

  it('withdraws: the record keeps its acceptance and gains the time of withdrawal; accepting again restores it', async () => {
    const person = await newUser('consent');
    const accepted = await send(contracts.acceptConsent, { token: person.token, body: GUIDE });

    const withdrawn = await send(contracts.withdrawConsent, { token: person.token, params: { kind: 'privacy_guide' } });
    const twice = await send(contracts.withdrawConsent, { token: person.token, params: { kind: 'privacy_guide' } });
    const afterWithdrawal = await send(contracts.listMyConsents, { token: person.token });

    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.items).toEqual([{ ...accepted.body, withdrawnAt: expect.any(String) }]);
    expect(twice.status).toBe(200);
    expect(twice.body.items).toEqual(withdrawn.body.items);
    expect(afterWithdrawal.body.items).toEqual(withdrawn.body.items);
    expect(hasCurrentConsent(afterWithdrawal.body.items, 'privacy_guide')).toBe(false);

    const renewed = await send(contracts.acceptConsent, { token: person.token, body: GUIDE });
    const afterRenewal = await send(contracts.listMyConsents, { token: person.token });

    expect(renewed.status).toBe(201);
    expect(renewed.body.withdrawnAt).toBeUndefined();
    expect(afterRenewal.body.items).toEqual([renewed.body]);
    expect(hasCurrentConsent(afterRenewal.body.items, 'privacy_guide')).toBe(true);
  });

  it('answers 404 to withdrawing what was never given, and 400 to an unknown kind', async () => {
    const person = await newUser('consent');

    const never = await send(contracts.withdrawConsent, { token: person.token, params: { kind: 'privacy_guide' } });
    const unknown = await send(contracts.withdrawConsent, {
      token: person.token,
      // @ts-expect-error -- a kind the contract does not name
      params: { kind: 'marketing' },
    });

    expect(never.status).toBe(404);
    expect(errorOf(never)?.code).toBe('consent.not_found');
    expect(unknown.status).toBe(400);
  });

  it("shows each person only their own consents, and nobody's without a token", async () => {
    const [one, other] = await Promise.all([newUser('consent'), newUser('consent')]);
    await send(contracts.acceptConsent, { token: one.token, body: GUIDE });

    const otherList = await send(contracts.listMyConsents, { token: other.token });
    const otherWithdraw = await send(contracts.withdrawConsent, {
      token: other.token,
      params: { kind: 'privacy_guide' },
    });
    const oneList = await send(contracts.listMyConsents, { token: one.token });

    expect(otherList.body.items).toEqual([]);
    expect(otherWithdraw.status).toBe(404);
    expect(oneList.body.items).toHaveLength(1);
    expect(oneList.body.items[0]?.withdrawnAt).toBeUndefined();

    const anonymous = await Promise.all([
      send(contracts.listMyConsents),
      send(contracts.acceptConsent, { body: GUIDE }),
      send(contracts.withdrawConsent, { params: { kind: 'privacy_guide' } }),
    ]);
    expect(anonymous.map((reply) => reply.status)).toEqual([401, 401, 401]);
  });
});

describe('consents of issue 20: the ID number', () => {
  it('records the ID number’s own consent when one is saved, and deleting it everywhere on withdrawal', async () => {
    const { createMember } = await import('../support/factories');
    const { timebankCommunity } = await import('../support/timebank');
    const [first, second] = await Promise.all([timebankCommunity(), timebankCommunity()]);
    const person = await createMember(first.cid, ['resident'], 'idholder');
    await send(contracts.joinCommunity, { params: { cid: second.cid }, token: person.token });
    const profile = (cid: string) =>
      send(contracts.getVolunteerProfile, { params: { cid }, token: person.token }).then((reply) => reply.body.profile);

    // A profile without an ID number asks no consent.
    await send(contracts.putVolunteerProfile, {
      params: { cid: second.cid },
      token: person.token,
      body: { realName: '王芳' },
    });
    expect((await send(contracts.listMyConsents, { token: person.token })).body.items).toEqual([]);

    const saved = await send(contracts.putVolunteerProfile, {
      params: { cid: first.cid },
      token: person.token,
      body: { realName: '王芳', idNumber: '11010119900307002X' },
    });
    expect(saved.status).toBe(200);
    await send(contracts.putVolunteerProfile, {
      params: { cid: second.cid },
      token: person.token,
      body: { realName: '王芳', idNumber: '11010119900307002X' },
    });
    const consents = (await send(contracts.listMyConsents, { token: person.token })).body.items;
    expect(consents).toEqual([
      expect.objectContaining({ kind: 'id_number', version: CURRENT_CONSENT_VERSIONS.id_number }),
    ]);
    expect((await profile(first.cid))?.idNumberMasked).toBe('1101**********002X');

    const withdrawn = await send(contracts.withdrawConsent, { params: { kind: 'id_number' }, token: person.token });
    expect(withdrawn.status).toBe(200);
    expect((await profile(first.cid))?.idNumberMasked).toBeUndefined();
    expect((await profile(second.cid))?.idNumberMasked).toBeUndefined();
    // The rest of the profile stays.
    expect((await profile(first.cid))?.realName).toBe('王芳');
  });
});
