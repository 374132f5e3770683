import type { LoginResponse } from '@linli/shared';
import { actingFor } from './acting-for';
import { createStoredValue, isNonEmptyString, useStoredValue } from './stored-value';

/**
 * The bearer token from /v1/auth/*; null when logged out. It follows other tabs, as the session's
 * other values do: signing out (or in as someone else) on one tab of a shared office PC is signing
 * out on all of them, not a tab left open acting for the person who left.
 */
export const sessionToken = createStoredValue<string | null>('linli.session.token', null, isNonEmptyString, {
  followOtherTabs: true,
});

/** The community the user is looking at; memberships are per user, so logging out forgets it. */
/** An invitation code opened before logging in: the login comes back to it. */
export const pendingInvitation = createStoredValue<string | null>('linli.invitation.code', null, isNonEmptyString);

export const currentCommunityId = createStoredValue<string | null>('linli.community.id', null, isNonEmptyString, {
  followOtherTabs: true,
});

/** When the token stops working (ISO), and whose it is: the client renews it before then. */
export interface SessionInfo {
  expiresAt: string;
  userId: string;
}

const isSessionInfo = (raw: unknown): raw is SessionInfo =>
  typeof raw === 'object' &&
  raw !== null &&
  typeof (raw as SessionInfo).expiresAt === 'string' &&
  typeof (raw as SessionInfo).userId === 'string';

export const sessionInfo = createStoredValue<SessionInfo | null>('linli.session.info', null, isSessionInfo, {
  followOtherTabs: true,
});

/**
 * Where a session that ended was (the page, with its query, and the community), why it ended (an
 * error code, said on the login page), and whose it was: logging in again as the same person goes back there.
 */
export interface LoginReturn {
  url: string;
  communityId: string | null;
  userId: string | null;
  reason: string;
}

const isLoginReturn = (raw: unknown): raw is LoginReturn =>
  typeof raw === 'object' &&
  raw !== null &&
  typeof (raw as LoginReturn).url === 'string' &&
  typeof (raw as LoginReturn).reason === 'string';

export const loginReturn = createStoredValue<LoginReturn | null>('linli.login.return', null, isLoginReturn);

/**
 * A new session. Logging in again as the person whose session ended keeps their community and is
 * sent back where they were (`loginReturn`, the caller navigates); anyone else starts afresh.
 * Returns the page to go back to, if any.
 */
export function signIn(login: LoginResponse): string | null {
  const back = loginReturn.get();
  loginReturn.clear();
  currentCommunityId.clear();
  actingFor.clear();
  sessionToken.set(login.token);
  sessionInfo.set({ expiresAt: login.expiresAt, userId: login.user.id });
  if (!back || back.userId !== login.user.id) return null;
  if (back.communityId) currentCommunityId.set(back.communityId);
  return back.url;
}

/** A renewed token of the same session (`POST /v1/auth/refresh`). */
export function renewSession(token: string, expiresAt: string): void {
  const info = sessionInfo.get();
  sessionToken.set(token);
  if (info) sessionInfo.set({ ...info, expiresAt });
}

export function signOut(): void {
  sessionToken.clear();
  sessionInfo.clear();
  actingFor.clear();
  currentCommunityId.clear();
}

/** The session ended under the user (a 401): remember where and why, once, then sign out. */
export function endSession(reason: string, url: string): void {
  if (sessionToken.get() === null) return;
  loginReturn.set({
    url,
    communityId: currentCommunityId.get(),
    userId: sessionInfo.get()?.userId ?? null,
    reason,
  });
  signOut();
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
