import { AppError } from '../../lib/errors';
import type { UserStore } from './ports';

/** The nickname a new membership starts with; a token whose user is gone is no longer valid. */
export async function getUserNickname(users: UserStore, userId: string): Promise<string> {
  const user = await users.getUser(userId);
  if (!user) throw new AppError('auth.token_invalid', 'This account no longer exists; please log in again');
  return user.nickname;
}
