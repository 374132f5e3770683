import { createHash } from 'node:crypto';
import { AppError } from '../../lib/errors';
import type { LoginResponse } from '@linli/shared';
import type { ContentVerdict } from '../office/content-screening';
import { newId } from '../../lib/ids';
import type { TokenIssuer, UserRecord, UserStore, WechatSessionClient } from './ports';

export interface LoginDependencies {
  users: UserStore;
  tokens: TokenIssuer;
  now?: () => Date;
  /**
   * WeChat's content check of a new user's nickname (others read it): `risky` refuses the login
   * (422 `content.rejected`, choose another); `review` or WeChat unreachable → the neutral default
   * nickname, so nothing unchecked is shown. Absent: nicknames are taken as given (tools, tests).
   */
  checkNickname?: (openid: string, nickname: string) => Promise<ContentVerdict | 'unavailable'>;
}

/** Finds the user behind an openid, creating one on first login (safe under concurrent first logins). */
export async function loginWithOpenid(
  input: { openid: string; nickname?: string },
  { users, tokens, now = () => new Date(), checkNickname }: LoginDependencies,
): Promise<LoginResponse> {
  const user = await findOrCreateUser(input, users, now, checkNickname);
  const { token, expiresAt } = await tokens.issue(user.id);
  return { token, expiresAt, user: { id: user.id, nickname: user.nickname } };
}

export async function findOrCreateUser(
  { openid, nickname }: { openid: string; nickname?: string },
  users: UserStore,
  now: () => Date = () => new Date(),
  checkNickname?: LoginDependencies['checkNickname'],
): Promise<UserRecord> {
  const existing = await users.findUserByOpenid(openid);
  if (existing) return existing;
  const verdict = nickname && checkNickname ? await checkNickname(openid, nickname) : 'pass';
  if (verdict === 'risky')
    throw new AppError(
      'content.rejected',
      'This nickname cannot be used under the platform’s content rules; choose another',
    );
  const candidate: UserRecord = {
    id: newId(now().getTime()),
    openid,
    nickname: nickname && verdict === 'pass' ? nickname : defaultNickname(openid),
    createdAt: now().toISOString(),
  };
  if ((await users.createUser(candidate)) === 'created') return candidate;
  const winner = await users.findUserByOpenid(openid);
  if (!winner) {
    // Logged with the 500: not the openid itself (it identifies the resident), a digest of it.
    const digest = createHash('sha256').update(openid).digest('hex').slice(0, 16);
    throw new Error(`openid sha256:${digest} is claimed but its user cannot be read`);
  }
  return winner;
}

/** WeChat login: the code is exchanged server side; the session key is stored, never returned. */
export async function loginWithWechatCode(
  input: { code: string; nickname?: string },
  dependencies: LoginDependencies & { wechat: WechatSessionClient },
): Promise<LoginResponse> {
  // A code is single use: a replayed one is refused before WeChat is even asked.
  const codeHash = createHash('sha256').update(input.code).digest('hex');
  if (!(await dependencies.users.claimLoginCode(codeHash))) {
    throw new AppError('auth.wechat_code_invalid', 'This login code is invalid or already used; please try again');
  }
  const session = await dependencies.wechat.code2Session(input.code);
  const response = await loginWithOpenid({ openid: session.openid, nickname: input.nickname }, dependencies);
  await dependencies.users.saveWechatSession(response.user.id, session.sessionKey, session.unionid);
  return response;
}

function defaultNickname(openid: string): string {
  return `邻居${openid.slice(-4)}`;
}
