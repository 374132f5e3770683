import { contracts, type Invitation } from '@linli/shared';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { INVITATION_PAGE } from '../../functions/src/domain/identity/invitations';
import { miniProgramCodes } from '../../functions/src/gateways/mini-program-code';
import { resetAccessTokenCache } from '../../functions/src/gateways/wechat-access-token';
import { DynamoInvitationStore } from '../../functions/src/store/identity/identity-store';
import { PNG_SIGNATURE } from '../../scripts/local/qr-png';
import { startWechatApi, type WechatApi } from '../../scripts/local/wechat-api';
import { documentClient, newUser, send, urlOf } from '../support/api';
import { createCommunity, createMember, tableName } from '../support/factories';
import { callRoute, loadHandlers, routeTable, type RouteReply } from '../support/routes';

/**
 * Issue 16, item 3 on weapp: an invitation is shown as a real mini-program code (小程序码) made by
 * WeChat's getUnlimitedQRCode — here the local stand-in (`scripts/local/wechat-api.ts`), which
 * answers a QR code PNG of `<page>?scene=<scene>`. Over HTTP against the local stack (its stand-in
 * started by the global setup), then in-process against a stand-in of this suite's own, to make
 * WeChat fail on purpose.
 */

/** The text of the QR code in a PNG (undefined when none is found). */
function decodeQr(bytes: Buffer): string | undefined {
  const image = PNG.sync.read(bytes);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

async function download(url: string, token?: string) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const jsonOf = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as { error: { code: string; message: string } };

async function office() {
  const community = await createCommunity();
  const [admin, staff, resident] = await Promise.all([
    createMember(community.id, ['resident', 'admin'], 'admin'),
    createMember(community.id, ['resident', 'staff'], 'staff'),
    createMember(community.id, ['resident'], 'resident'),
  ]);
  const invite = async (token: string, maxUses = 1) => {
    const reply = await send(contracts.createInvitation, {
      token,
      params: { cid: community.id },
      body: { roles: ['resident'], maxUses },
    });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  return { cid: community.id, admin, staff, resident, invite };
}

const codeUrl = (cid: string, code: string) => urlOf(contracts.getInvitationWxacode, { params: { cid, code } });

describe('an invitation as a mini-program code, over the local stack', () => {
  it('is a PNG of WeChat’s code for the invite page with the invitation’s code as its scene', async () => {
    const { cid, admin, staff, invite } = await office();
    const invitation: Invitation = await invite(staff.token, 3);

    const byStaff = await download(codeUrl(cid, invitation.code), staff.token);
    const byAdmin = await download(codeUrl(cid, invitation.code), admin.token);

    expect(byStaff.status).toBe(200);
    expect(byStaff.headers.get('content-type')).toBe('image/png');
    expect(byStaff.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(decodeQr(byStaff.bytes)).toBe(`${INVITATION_PAGE}?scene=${invitation.code}`);
    expect(invitation.link).toMatchObject({ page: INVITATION_PAGE, scene: invitation.code });
    expect(byAdmin.status).toBe(200);
    expect(decodeQr(byAdmin.bytes)).toBe(decodeQr(byStaff.bytes));
  });

  it('is for the community’s office only: 401 without a token, 403 for a resident, 404 elsewhere', async () => {
    const { cid, resident, staff, invite } = await office();
    const other = await office();
    const invitation = await invite(staff.token);
    const outsider = await newUser('outsider');

    const anonymous = await download(codeUrl(cid, invitation.code));
    const asResident = await download(codeUrl(cid, invitation.code), resident.token);
    const asOutsider = await download(codeUrl(cid, invitation.code), outsider.token);
    // Staff of another community naming this invitation under their own: it is not theirs.
    const underOther = await download(codeUrl(other.cid, invitation.code), other.staff.token);
    const unknown = await download(codeUrl(cid, 'NoSuchInvitation2345'), staff.token);
    const malformed = await send(contracts.getInvitationWxacode, {
      token: staff.token,
      params: { cid, code: 'not-a-code!' },
    });

    expect([anonymous.status, asResident.status, asOutsider.status]).toEqual([401, 403, 403]);
    expect([underOther.status, jsonOf(underOther.bytes).error.code]).toEqual([404, 'invitation.not_found']);
    expect([unknown.status, jsonOf(unknown.bytes).error.code]).toEqual([404, 'invitation.not_found']);
    expect(malformed.status).toBe(400);
  });

  it('is gone (410) once the invitation is used up or expired, as accepting it is', async () => {
    const { cid, staff, invite } = await office();
    const usedUp = await invite(staff.token, 1);
    const joiner = await newUser('joiner');
    expect(
      (await send(contracts.acceptInvitation, { token: joiner.token, params: { code: usedUp.code } })).status,
    ).toBe(200);
    const expiredCode = `Expired${Date.now()}`.slice(0, 20);
    await new DynamoInvitationStore(documentClient(), tableName()).createInvitation({
      code: expiredCode,
      communityId: cid,
      roles: ['resident'],
      maxUses: 5,
      uses: 0,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      createdBy: staff.userId,
      createdAt: new Date(Date.now() - 86_400_000).toISOString(),
    });

    const afterUse = await download(codeUrl(cid, usedUp.code), staff.token);
    const afterExpiry = await download(codeUrl(cid, expiredCode), staff.token);

    expect([afterUse.status, jsonOf(afterUse.bytes).error.code]).toEqual([410, 'invitation.expired']);
    expect([afterExpiry.status, jsonOf(afterExpiry.bytes).error.code]).toEqual([410, 'invitation.expired']);
  });
});

describe('an invitation as a mini-program code, when WeChat fails (in-process, a stand-in of its own)', () => {
  const SAVED = ['WECHAT_API_BASE', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET'] as const;
  const saved: Record<string, string | undefined> = {};
  let wechat: WechatApi;
  const configure = (secret: string) => {
    Object.assign(process.env, {
      WECHAT_API_BASE: wechat.url,
      WECHAT_APP_ID: 'wx-wxacode-test',
      WECHAT_APP_SECRET: secret,
    });
    resetAccessTokenCache();
  };
  const codeCall = (cid: string, code: string, token: string) =>
    callRoute('getInvitationWxacode', { token, params: { cid, code } });
  const errorCode = (reply: RouteReply) => (reply.json as { error?: { code?: string } } | undefined)?.error?.code;
  const codeCalls = () => wechat.calls.filter((call) => call.path === '/wxa/getwxacodeunlimit');

  beforeAll(async () => {
    await loadHandlers(routeTable().entries.filter((entry) => entry.contract === 'getInvitationWxacode'));
    wechat = await startWechatApi({ appId: 'wx-wxacode-test', appSecret: 'wxacode-secret' });
    for (const name of SAVED) saved[name] = process.env[name];
  });

  afterEach(() => configure('wxacode-secret'));

  afterAll(async () => {
    for (const name of SAVED) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetAccessTokenCache();
    await wechat.close();
  });

  it('sends WeChat the documented request, and reuses the token until WeChat refuses it, then refreshes it once', async () => {
    configure('wxacode-secret');
    const { cid, staff, invite } = await office();
    const invitation = await invite(staff.token, 5);

    const first = await codeCall(cid, invitation.code, staff.token);
    const second = await codeCall(cid, invitation.code, staff.token);
    wechat.revokeTokens(); // as a force refresh by another server would
    const afterRevoke = await codeCall(cid, invitation.code, staff.token);

    expect([first.status, second.status, afterRevoke.status]).toEqual([200, 200, 200]);
    expect(first.headers['content-type']).toBe('image/png');
    expect(decodeQr(Buffer.from(first.text, 'base64'))).toBe(`${INVITATION_PAGE}?scene=${invitation.code}`);
    const tokenCalls = wechat.calls.filter((call) => call.path === '/cgi-bin/stable_token');
    expect(tokenCalls.map((call) => call.body?.force_refresh)).toEqual([false, true]);
    expect(codeCalls().map((call) => call.errcode)).toEqual([0, 0, 40001, 0]);
    expect(codeCalls()[0]!.body).toEqual({
      scene: invitation.code,
      page: INVITATION_PAGE,
      check_path: false, // the dev stage: the page may not be published yet
      env_version: 'develop',
      width: 430,
    });
  });

  it('answers clear JSON errors, never a 500: bad credentials 502, WeChat busy 503, a refused code 502', async () => {
    const { cid, staff, invite } = await office();
    const invitation = await invite(staff.token, 5);

    configure('a-wrong-secret');
    const badSecret = await codeCall(cid, invitation.code, staff.token);
    configure('wxacode-secret');
    wechat.failNext('/wxa/getwxacodeunlimit', -1, 'system error');
    const busy = await codeCall(cid, invitation.code, staff.token);
    wechat.failNext('/wxa/getwxacodeunlimit', 45009, 'reach max api minute-quota limit');
    const quota = await codeCall(cid, invitation.code, staff.token);
    wechat.failNext('/wxa/getwxacodeunlimit', 41030, 'invalid page');
    const badPage = await codeCall(cid, invitation.code, staff.token);
    wechat.failNext('/wxa/getwxacodeunlimit', 40001, 'invalid credential', 2);
    const tokenNeverAccepted = await codeCall(cid, invitation.code, staff.token);
    process.env.WECHAT_API_BASE = 'http://127.0.0.1:9';
    const unreachable = await codeCall(cid, invitation.code, staff.token);

    const outcomes = [badSecret, busy, quota, badPage, tokenNeverAccepted, unreachable].map((reply) => [
      reply.status,
      errorCode(reply),
    ]);
    expect(outcomes).toEqual([
      [502, 'wechat.unavailable'],
      [503, 'wechat.busy'],
      [503, 'wechat.busy'],
      [502, 'wechat.code_refused'],
      [502, 'wechat.unavailable'],
      [502, 'wechat.unavailable'],
    ]);
    expect((badSecret.json as { error: { details: unknown } }).error.details).toMatchObject({ errcode: 40125 });
    expect((badPage.json as { error: { details: unknown } }).error.details).toMatchObject({ errcode: 41030 });
  });

  it('maps what the stand-in refuses as WeChat does (page, scene, token) to clear errors', async () => {
    configure('wxacode-secret');
    const refused = async (input: { scene: string; page: string }) =>
      miniProgramCodes.unlimited(input).then(
        () => undefined,
        (error: { code: string; details: { errcode: number } }) => [error.code, error.details.errcode],
      );

    expect(await refused({ scene: 'abc', page: `/${INVITATION_PAGE}` })).toEqual(['wechat.code_refused', 41030]);
    expect(await refused({ scene: 'abc', page: `${INVITATION_PAGE}?code=abc` })).toEqual([
      'wechat.code_refused',
      41030,
    ]);
    expect(await refused({ scene: 'x'.repeat(33), page: INVITATION_PAGE })).toEqual(['wechat.code_refused', 40169]);
    expect(await refused({ scene: '邻里', page: INVITATION_PAGE })).toEqual(['wechat.code_refused', 40129]);
    expect(await refused({ scene: 'a%20b', page: INVITATION_PAGE })).toEqual(['wechat.code_refused', 40129]);
    expect(await refused({ scene: "id=1&x=(a)*!'~", page: INVITATION_PAGE })).toBeUndefined();
    const direct = await fetch(`${wechat.url}/wxa/getwxacodeunlimit?access_token=forged`, {
      method: 'POST',
      body: JSON.stringify({ scene: 'abc', page: INVITATION_PAGE }),
    });
    expect(await direct.json()).toMatchObject({ errcode: 40001 });
    // check_path true (a release build): only a page of the published mini-program
    const token = wechat.state.stableToken!;
    const unpublished = await fetch(`${wechat.url}/wxa/getwxacodeunlimit?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({ scene: 'abc', page: 'pages/nowhere/index', check_path: true }),
    });
    expect(await unpublished.json()).toMatchObject({ errcode: 41030 });
  });

  it('asks for the released mini-program, its page checked, on every other stage', async () => {
    configure('wxacode-secret');
    const stage = process.env.STAGE;
    process.env.STAGE = 'prod';
    try {
      const image = await miniProgramCodes.unlimited({ scene: 'Scene2345', page: INVITATION_PAGE });

      expect(decodeQr(Buffer.from(image.bytes))).toBe(`${INVITATION_PAGE}?scene=Scene2345`);
      expect(codeCalls().at(-1)!.body).toMatchObject({ check_path: true, env_version: 'release' });
    } finally {
      if (stage === undefined) delete process.env.STAGE;
      else process.env.STAGE = stage;
    }
  });
});
