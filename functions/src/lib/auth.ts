import { AppError } from './errors';
import { env } from './env';
import { issueToken, verifyToken } from './token';

/** The caller's user id from `Authorization: Bearer <token>`; 401 when absent, forged or expired. */
export async function authenticate(headers: Record<string, string | undefined>): Promise<string> {
  const header = headers.authorization ?? headers.Authorization;
  if (!header) throw new AppError('auth.unauthenticated', 'Please log in first');
  const match = /^Bearer ([A-Za-z0-9_.-]{1,2048})$/.exec(header);
  if (!match?.[1]) throw new AppError('auth.token_invalid', 'The Authorization header must be "Bearer <token>"');
  return verifyToken(match[1], await env.jwtSecret()).sub;
}

export const tokenIssuer = {
  issue: async (userId: string) => issueToken(userId, await env.jwtSecret(), env.tokenTtlSeconds()),
};
