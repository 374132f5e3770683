import type { LoginResponse } from '@linli/shared';
import { actingFor } from './acting-for';
import { createStoredValue, isNonEmptyString, useStoredValue } from './stored-value';

/** The bearer token from /v1/auth/*; null when logged out. */
export const sessionToken = createStoredValue<string | null>('linli.session.token', null, isNonEmptyString);

/** The community the user is looking at; memberships are per user, so logging out forgets it. */
/** An invitation code opened before logging in: the login comes back to it. */
export const pendingInvitation = createStoredValue<string | null>('linli.invitation.code', null, isNonEmptyString);

export const currentCommunityId = createStoredValue<string | null>('linli.community.id', null, isNonEmptyString);

export function signIn(login: LoginResponse): void {
  currentCommunityId.clear();
  actingFor.clear();
  sessionToken.set(login.token);
}

export function signOut(): void {
  sessionToken.clear();
  actingFor.clear();
  currentCommunityId.clear();
}

export function selectCommunity(communityId: string): void {
  if (actingFor.get()?.communityId !== communityId) actingFor.clear();
  currentCommunityId.set(communityId);
}

export interface Session {
  token: string | null;
  communityId: string | null;
  loggedIn: boolean;
}

export function useSession(): Session {
  const token = useStoredValue(sessionToken);
  const communityId = useStoredValue(currentCommunityId);
  return { token, communityId, loggedIn: token !== null };
}
