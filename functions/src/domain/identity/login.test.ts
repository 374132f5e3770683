import { findOrCreateUser } from './login';
import type { UserStore } from './ports';

/**
 * An error that reaches route.ts's 500 path is logged with its message and stack (CloudWatch,
 * readable by every operator). The logger redacts tokens and ID numbers, but an openid has no
 * shape it could recognise: the error must not carry it.
 */
describe('findOrCreateUser', () => {
  it('fails without naming the openid when the openid is claimed but its user cannot be read', async () => {
    const openid = 'oAbCdEfGhIjKlMnOpQrStUvWxYz01';
    const users = {
      findUserByOpenid: async () => null,
      createUser: async () => 'exists' as const,
    } as unknown as UserStore;

    const failure = await findOrCreateUser({ openid }, users).catch((error: Error) => error);

    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).not.toContain(openid);
    expect(String((failure as Error).stack)).not.toContain(openid);
  });
});
