import { AppError } from './errors';
import { env } from './env';
import { issueToken, verifyToken, type TokenClaims } from './token';

/** The caller's token claims from `Authorization: Bearer <token>`; 401 when absent, forged or expired. */
export async function authenticateClaims(headers: Record<string, string | undefined>): Promise<TokenClaims> {
  const header = headers.authorization ?? headers.Authorization;
  if (!header) throw new AppError('auth.unauthenticated', 'Please log in first');
  const match = /^Bearer ([A-Za-z0-9_.-]{1,2048})$/.exec(header);
  if (!match?.[1]) throw new AppError('auth.token_invalid', 'The Authorization header must be "Bearer <token>"');
  const previous = await env.jwtPreviousSecret();
  return verifyToken(match[1], previous ? [await env.jwtSecret(), previous] : [await env.jwtSecret()]);
}

/** The caller's user id; 401 when the token is absent, forged or expired. */
export async function authenticate(headers: Record<string, string | undefined>): Promise<string> {
  return (await authenticateClaims(headers)).sub;
}

/** A refreshed session ends this long after the person last logged in with WeChat. */
export const MAX_SESSION_SECONDS = 30 * 24 * 3600;

export const tokenIssuer = {
  issue: async (userId: string) => issueToken(userId, await env.jwtSecret(), env.tokenTtlSeconds()),
  /** A new token for the same session (always signed with the current secret). */
  refresh: async (claims: TokenClaims, nowSeconds = Math.floor(Date.now() / 1000)) => {
    if (nowSeconds - claims.ses > MAX_SESSION_SECONDS) {
      throw new AppError('auth.session_expired', 'Please log in again');
    }
    return issueToken(claims.sub, await env.jwtSecret(), env.tokenTtlSeconds(), nowSeconds, claims.ses);
  },
};
