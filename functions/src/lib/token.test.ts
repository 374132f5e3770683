import { issueToken, verifyToken } from './token';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('session tokens', () => {
  it('round-trips the user id', () => {
    const { token } = issueToken('user-1', secret, 600, 1_000);

    expect(verifyToken(token, secret, 1_001).sub).toBe('user-1');
  });

  it('rejects an expired token with its own code', () => {
    const { token } = issueToken('user-1', secret, 600, 1_000);

    expect(() => verifyToken(token, secret, 1_600)).toThrow(expect.objectContaining({ code: 'auth.token_expired' }));
  });

  it.each([
    ['alg none', (token: string) => `${encode({ alg: 'none', typ: 'JWT' })}.${token.split('.')[1]}.`],
    ['alg HS512', (token: string) => `${encode({ alg: 'HS512', typ: 'JWT' })}.${token.split('.').slice(1).join('.')}`],
    ['alg RS256', (token: string) => `${encode({ alg: 'RS256' })}.${token.split('.').slice(1).join('.')}`],
    [
      'changed claims',
      (token: string) => {
        const [header, , signature] = token.split('.');
        return `${header}.${encode({ sub: 'admin', iat: 1000, exp: 9_999_999_999, iss: 'linli', aud: 'linli-api' })}.${signature}`;
      },
    ],
    ['two parts', (token: string) => token.split('.').slice(0, 2).join('.')],
    ['not base64url', () => 'a.b.c$'],
  ])('rejects %s', (_case, tamper) => {
    const { token } = issueToken('user-1', secret, 600, 1_000);

    expect(() => verifyToken(tamper(token), secret, 1_001)).toThrow(
      expect.objectContaining({ code: 'auth.token_invalid' }),
    );
  });

  it('rejects a token signed with another secret', () => {
    const { token } = issueToken('user-1', 'another-secret-another-secret-another', 600, 1_000);

    expect(() => verifyToken(token, secret, 1_001)).toThrow(expect.objectContaining({ code: 'auth.token_invalid' }));
  });
});
