import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors';

/**
 * Linli's own session token: a JWT signed with HS256 and nothing else.
 * The algorithm is pinned: a header naming any other algorithm (including
 * `none`) is rejected before the signature is even looked at.
 */
const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
const ISSUER = 'linli';
const AUDIENCE = 'linli-api';

export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
  iss: typeof ISSUER;
  aud: typeof AUDIENCE;
  /** When the person logged in (seconds): a refreshed token keeps it, so a session cannot live forever. */
  ses: number;
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

function sign(signingInput: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export function issueToken(
  userId: string,
  secret: string,
  ttlSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
  sessionStartedAt = nowSeconds,
): { token: string; expiresAt: string } {
  const claims: TokenClaims = {
    sub: userId,
    iat: nowSeconds,
    exp: nowSeconds + ttlSeconds,
    iss: ISSUER,
    aud: AUDIENCE,
    ses: sessionStartedAt,
  };
  const signingInput = `${base64url(JSON.stringify(HEADER))}.${base64url(JSON.stringify(claims))}`;
  const token = `${signingInput}.${base64url(sign(signingInput, secret))}`;
  return { token, expiresAt: new Date(claims.exp * 1000).toISOString() };
}

const invalid = () => new AppError('auth.token_invalid', 'The session token is not valid; please log in again');

function decodeJson(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
    return value as Record<string, unknown>;
  } catch {
    throw invalid();
  }
}

/**
 * Verifies against the current secret and, during a key rotation, the previous one
 * (`secrets` in that order); anything else is refused.
 */
export function verifyToken(
  token: string,
  secrets: string | readonly string[],
  nowSeconds = Math.floor(Date.now() / 1000),
): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) throw invalid();
  const [headerPart, claimsPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  if (header.alg !== HEADER.alg || (header.typ !== undefined && header.typ !== HEADER.typ)) throw invalid();
  const actual = Buffer.from(signaturePart, 'base64url');
  const matches = (typeof secrets === 'string' ? [secrets] : secrets).some((secret) => {
    const expected = sign(`${headerPart}.${claimsPart}`, secret);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
  if (!matches) throw invalid();
  const claims = decodeJson(claimsPart);
  const { sub, iat, exp, iss, aud, ses } = claims;
  if (typeof sub !== 'string' || typeof exp !== 'number' || typeof iat !== 'number') throw invalid();
  if (iss !== ISSUER || aud !== AUDIENCE) throw invalid();
  if (exp <= nowSeconds) throw new AppError('auth.token_expired', 'The session has expired; please log in again');
  return { sub, iat, exp, iss: ISSUER, aud: AUDIENCE, ses: typeof ses === 'number' ? ses : iat };
}
